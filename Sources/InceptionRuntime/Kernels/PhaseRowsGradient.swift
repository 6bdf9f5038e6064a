import CKernels

/// The weight gradient of a convolution from each image's phase rows (conv1's as its forward
/// reads them; any other that is neither 1×1 nor Winograd, on maps of 128 cells or more): dW (O, C·kh·kw) = Σ_i gy_i (O, Ho·Wo) × B_iᵀ, B_i's row (c, ky, kx) for output
/// row oy read in place through the offsets (`ck_gemm_bt_gathered`). The im2col matrix it replaces
/// was the batch's (conv1: 147 × 100,352, 59 MB at batch 8), written and then read back transposed
/// into panels; the phase rows are one image's padded copy (conv1: 0.7 MB). Zen 5, b8: conv1's
/// backward 19–22 → 11 ms, the nine 5×5s' 21–23 → 17–18 ms (their dW is Winograd's now).
/// Reference twin: `NaiveBackwardKernels.conv2d`.
extension PhaseRows {
    // x: (N, C, H, W), gy: (N, O, Ho, Wo) → dw: (O, C·kh·kw), written
    func weightGradient(x: UnsafePointer<Float>, gradOutput gy: UnsafePointer<Float>, images n: Int, outChannels o: Int,
                        into dw: UnsafeMutablePointer<Float>, workspace: Workspace) {
        let cells = outHeight * outWidth, parts = Parallel.threads
        let packedSize = ck_gemm_packed_size(Int32(o), Int32(cells))
        // each thread's: an image's phase rows, its gy packed as the GEMM's A, a panel of B
        let phaseRows = (0..<parts).map { workspace.floats(imageFloats, slot: Workspace.slot(.phaseRows, $0)) }
        let packs = (0..<parts).map { workspace.floats(packedSize, slot: Workspace.slot(.depthSlicePack, $0)) }
        let panels = (0..<parts).map { workspace.floats(ck_gemm_panel_size(), slot: Workspace.slot(.gemmPanel, $0)) }
        // dW[:, taps] (+)= gy_i × B_iᵀ[:, taps], on thread p
        func product(image i: Int, taps: Range<Int>, into target: UnsafeMutablePointer<Float>, adding: Bool, thread p: Int) {
            build(x + i * channels * height * width, channelStride: height * width, rows: 0..<inputRows, into: phaseRows[p])
            ck_gemm_pack(gy + i * o * cells, Int32(o), Int32(cells), cells, packs[p])
            offsets.withUnsafeBufferPointer { offsets in
                ck_gemm_bt_gathered(0, Int32(o), Int32(taps.count), Int32(outHeight), Int32(outWidth), packs[p], phaseRows[p],
                                    offsets.baseAddress! + taps.lowerBound, rowStep, target + taps.lowerBound, depth,
                                    adding ? 1 : 0, panels[p])
            }
        }
        if n > 1 {
            Gemm.sumOverImageSlices(m: o, n: depth, images: n, into: dw, workspace: workspace, enough: true) { i, target, adding, p in
                product(image: i, taps: 0..<depth, into: target, adding: adding, thread: p)
            }
            return
        }
        // One image: the taps' column panels split between the threads, each with its own copy of A
        let panelWidth = Int(ck_gemm_panel_width()), columnPanels = (depth + panelWidth - 1) / panelWidth
        let share = (columnPanels + parts - 1) / parts
        Parallel.pieces(columnPanels, chunk: share, parts: min(parts, columnPanels)) { range, p in
            product(image: 0, taps: Gemm.aligned(range, unit: panelWidth, limit: depth), into: dw, adding: false, thread: p)
        }
    }
}
