import CBLAS
import CKernels
import Dispatch

/// Measures what OpenBLAS's sgemm reaches on this machine right now: the ceiling any
/// convolution network can approach, so a benchmark can say how close it gets.
public enum SgemmPeak {
    /// GFLOP/s of the best of `repeats` square n×n×n sgemms (2·n³ flops each).
    public static func measure(size n: Int = 2048, repeats: Int = 4) -> Double {
        let a = Tensor(repeating: 0.5, shape: [n, n]), b = Tensor(repeating: 0.25, shape: [n, n]), c = Tensor(zeros: [n, n])
        var best = Double.infinity
        ck_pool_quiet()                  // the C kernels' idle workers leave OpenBLAS's threads the cores
        for _ in 0..<(repeats + 1) {     // the first call warms the threads up and is not counted
            let t0 = DispatchTime.now().uptimeNanoseconds
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n),
                        1, a.data, Int32(n), b.data, Int32(n), 0, c.data, Int32(n))
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            if best.isInfinite { best = .greatestFiniteMagnitude; continue }
            best = min(best, seconds)
        }
        return 2 * Double(n) * Double(n) * Double(n) / best / 1e9
    }
}
