import CKernels

/// The C kernels beside OpenBLAS (Winograd transforms, max pooling): which instruction set
/// they were dispatched to on this CPU.
public enum VectorKernels {
    /// "avx2+fma", "sse2" (x86-64 without AVX2) or "generic" (other architectures).
    public static var instructionSet: String { String(cString: ck_isa()) }
}
