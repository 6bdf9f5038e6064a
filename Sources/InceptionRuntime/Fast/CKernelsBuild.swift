import CKernels

/// The fast path's C kernels (CKernels: GEMM, Winograd transforms, im2col, pooling, batch
/// statistics): which instruction set and GEMM build they were dispatched to on this CPU.
public enum CKernelsBuild {
    /// "avx2+fma", "sse2" (x86-64 without AVX2) or "generic" (other architectures).
    public static var instructionSet: String { String(cString: ck_isa()) }
    /// The fast path's GEMM build in use: "avx512f, 6×32 blocks", "avx2+fma, 6×16 blocks", …
    public static var gemmVariant: String { String(cString: ck_gemm_variant_name()) }
    /// One line for reports: both of the above.
    public static var description: String { "C kernels \(instructionSet), GEMM \(gemmVariant)" }
}
