import CKernels
import Foundation

/// PyTorch's float32 sum with PyTorch's bits: a loss printed with `.item()`, a mean or a bias
/// gradient comes out as torch prints it. ATen sums in float, in an order set by TensorIterator:
/// the reduced dimensions first, then the others by stride, neighbours merged, then
/// `ck_cascade_sum_2d` (ATen's cascade_sum) on each 2-D slab; a whole-tensor sum of 32,768 values
/// or more is cut into one piece a thread, whose partial sums are summed again.
public enum CascadeSum {
    /// The threads PyTorch sums a large tensor on (its default: the CPU's cores).
    public static let threads = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// ATen's internal::GRAIN_SIZE: below it a reduction runs on one thread.
    static let grainSize = 32_768

    /// Σ of a contiguous `x` of `shape` over the dims in `reduced`: the kept dims' values in
    /// row-major order (one value when every dim is reduced).
    // x: shape → (shape with the reduced dims dropped)
    public static func sum(_ x: UnsafePointer<Float>, shape: [Int], reduced: Set<Int>) -> [Float] {
        let kept = shape.enumerated().map { reduced.contains($0.offset) ? 1 : $0.element }
        var out = [Float](repeating: 0, count: kept.reduce(1, *))
        let count = shape.reduce(1, *)
        guard count > 0 else { return out }
        if shape.isEmpty { out[0] += x[0]; return out }
        let plan = Iteration(shape: shape, reduced: reduced, kept: kept)
        out.withUnsafeMutableBufferPointer { o in
            if count >= grainSize, threads > 1, o.count == 1, plan.shape.count == 1 {
                o[0] = twoPass(x, count: count, stride: plan.inStrides[0])
            } else {
                plan.run(x, o.baseAddress!)
            }
        }
        return out
    }

    /// ATen's two_pass_reduction for a whole-tensor sum: thread t sums the t-th piece of the
    /// range into buffer[t] (one slot a thread, zero if it had no piece), then the slots are summed.
    static func twoPass(_ x: UnsafePointer<Float>, count: Int, stride: Int) -> Float {
        let used = min(threads, (count + grainSize - 1) / grainSize)
        let piece = (count + used - 1) / used
        var buffer = [Float](repeating: 0, count: threads)
        for t in 0..<used where t * piece < count {
            let begin = t * piece, end = min(count, begin + piece)
            ck_cascade_sum_2d(x + begin * stride, Int64(end - begin), Int64(stride), 1, 0, &buffer[t], 0)
        }
        var total: Float = 0
        ck_cascade_sum_2d(buffer, Int64(threads), 1, 1, 0, &total, 0)
        return total
    }

    /// TensorIterator's dims for a reduction of a contiguous input into a contiguous output,
    /// fastest first: sizes with the input's and the output's strides (0 on reduced dims).
    struct Iteration {
        var shape: [Int], inStrides: [Int], outStrides: [Int]

        init(shape tensorShape: [Int], reduced: Set<Int>, kept: [Int]) {
            let inContiguous = Self.contiguousStrides(tensorShape), outContiguous = Self.contiguousStrides(kept)
            let outOf = tensorShape.indices.map { reduced.contains($0) ? 0 : outContiguous[$0] }
            // reorder_dimensions: start from the last tensor dim, insertion-sort by should_swap
            var perm = Array(tensorShape.indices.reversed())
            func shouldSwap(_ d0: Int, _ d1: Int) -> Int {
                for (strides, isOutput) in [(outOf, true), (inContiguous, false)] {
                    let (s0, s1) = (strides[d0], strides[d1])
                    if isOutput, (s0 == 0) != (s1 == 0) { return s1 == 0 ? 1 : -1 }
                    if s0 == 0 || s1 == 0 { continue }
                    if s0 < s1 { return -1 }
                    if s0 > s1 { return 1 }
                    if tensorShape[d0] > tensorShape[d1] { return 1 }
                }
                return 0
            }
            if perm.count > 1 {
                for i in 1..<perm.count {
                    var dim1 = i
                    for dim0 in stride(from: i - 1, through: 0, by: -1) {
                        let c = shouldSwap(perm[dim0], perm[dim1])
                        if c > 0 { perm.swapAt(dim0, dim1); dim1 = dim0 } else if c < 0 { break }
                    }
                }
            }
            var shape = perm.map { tensorShape[$0] }, ins = perm.map { inContiguous[$0] }, outs = perm.map { outOf[$0] }
            // coalesce_dimensions: merge a dim into the one before when every stride lines up
            var previous = 0
            for dim in 1..<max(shape.count, 1) {
                let merges = shape[previous] == 1 || shape[dim] == 1
                    || (shape[previous] * ins[previous] == ins[dim] && shape[previous] * outs[previous] == outs[dim])
                if merges {
                    if shape[previous] == 1 { ins[previous] = ins[dim]; outs[previous] = outs[dim] }
                    shape[previous] *= shape[dim]
                } else {
                    previous += 1
                    if previous != dim { ins[previous] = ins[dim]; outs[previous] = outs[dim]; shape[previous] = shape[dim] }
                }
            }
            let dims = shape.isEmpty ? 0 : previous + 1
            (self.shape, inStrides, outStrides) = (Array(shape.prefix(dims)), Array(ins.prefix(dims)), Array(outs.prefix(dims)))
        }

        /// PyTorch's contiguous strides (a size-1 dim still gets the product of the sizes after it).
        static func contiguousStrides(_ shape: [Int]) -> [Int] {
            var strides = [Int](repeating: 1, count: shape.count)
            for d in stride(from: shape.count - 2, through: 0, by: -1) { strides[d] = strides[d + 1] * max(shape[d + 1], 1) }
            return strides
        }

        /// serial_for_each: the first two dims as one slab, the others counted out around it.
        func run(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>) {
            let rank = shape.count
            let (size0, size1) = (shape[0], rank > 1 ? shape[1] : 1)
            let (in0, in1) = (inStrides[0], rank > 1 ? inStrides[1] : 0)
            let (out0, out1) = (outStrides[0], rank > 1 ? outStrides[1] : 0)
            var index = [Int](repeating: 0, count: max(rank - 2, 0))
            while true {
                var (inBase, outBase) = (0, 0)
                for (k, i) in index.enumerated() { inBase += i * inStrides[k + 2]; outBase += i * outStrides[k + 2] }
                Self.slab(x + inBase, size0, in0, size1, in1, out + outBase, out0, out1)
                var k = 0
                while k < index.count { index[k] += 1; if index[k] < shape[k + 2] { break }; index[k] = 0; k += 1 }
                if k == index.count { return }
            }
        }

        /// cascade_sum's loop body: the reduced dim moved first; a slab with no reduced dim is a copy.
        static func slab(_ x: UnsafePointer<Float>, _ size0: Int, _ in0: Int, _ size1: Int, _ in1: Int,
                         _ out: UnsafeMutablePointer<Float>, _ out0: Int, _ out1: Int) {
            var (s0, s1, i0, i1, o0, o1) = (size0, size1, in0, in1, out0, out1)
            if o0 != 0 && o1 == 0 { swap(&s0, &s1); swap(&i0, &i1); swap(&o0, &o1) }
            if o0 != 0 && o1 != 0 {
                for j in 0..<s1 { for i in 0..<s0 { out[i * o0 + j * o1] += x[i * i0 + j * i1] } }
                return
            }
            ck_cascade_sum_2d(x, Int64(s0), Int64(i0), Int64(s1), Int64(i1), out, Int64(o1))
        }
    }
}
