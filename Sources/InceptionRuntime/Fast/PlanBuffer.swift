/// An activation buffer of the compiled fast path, in CNHW layout: `channels` rows, each
/// holding all `batch` images' H×W planes one after another. In this layout a convolution over
/// the whole batch is one GEMM with N·H·W columns, and concatenating branches along channels
/// is writing to consecutive rows.
///
/// Its memory is placed when the whole plan is compiled (`MemoryPlan`): buffers that are never
/// in use during the same step share the same bytes.
final class PlanBuffer {
    let channels: Int, batch: Int, height: Int, width: Int
    /// Set by `MemoryPlan.place` before the plan first runs.
    var data: UnsafeMutablePointer<Float>!

    init(channels: Int, batch: Int, height: Int, width: Int) {
        self.channels = channels; self.batch = batch; self.height = height; self.width = width
    }

    /// Floats it holds: C·N·H·W.
    var count: Int { channels * batch * height * width }

    /// Floats per channel row: N·H·W.
    var rowLength: Int { batch * height * width }
}

/// Rows [offset, offset + channels) of a buffer: where an op reads or writes.
struct PlanSlice {
    let buffer: PlanBuffer
    let offset: Int
    let channels: Int

    init(_ buffer: PlanBuffer, offset: Int = 0, channels: Int? = nil) {
        self.buffer = buffer; self.offset = offset; self.channels = channels ?? buffer.channels
    }

    var batch: Int { buffer.batch }
    var height: Int { buffer.height }
    var width: Int { buffer.width }
    var rowLength: Int { buffer.rowLength }
    var base: UnsafeMutablePointer<Float> { buffer.data + offset * buffer.rowLength }
    /// (N, C, H, W) as the reference path would see it.
    var shape: [Int] { [batch, channels, height, width] }
}

/// Copies channels `channels` of a (C, N, H, W) block (each channel's row holds the N planes
/// one after another) to their places in an (N, C, H, W) array: how plan buffers leave the plan.
// base: (C, N, plane) → dst: (N, C, plane)
func copyCNHWToNCHW(_ base: UnsafePointer<Float>, channels: Range<Int>, of c: Int, batch n: Int, plane: Int,
                    into dst: UnsafeMutablePointer<Float>) {
    for ch in channels { for img in 0..<n {
        (dst + (img * c + ch) * plane).update(from: base + (ch * n + img) * plane, count: plane)
    } }
}
