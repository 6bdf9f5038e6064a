import CKernels
import Foundation

/// The fast path's C kernels (CKernels: GEMM, Winograd transforms, im2col, pooling, batch
/// statistics): which instruction set and GEMM build they were dispatched to on this CPU, and a
/// way to hold them to a lower one (to see the fast path run as on a CPU without AVX-512 or AVX2).
public enum CKernelsBuild {
    /// "avx512f", "avx2+fma", "sse2" (x86-64 without AVX2) or "generic" (other architectures).
    public static var instructionSet: String { String(cString: ck_isa()) }
    /// The fast path's GEMM build in use: "avx512f, 6×32 blocks", "avx2+fma, 6×16 blocks", …
    public static var gemmVariant: String { String(cString: ck_gemm_variant_name()) }
    /// One line for reports: both of the above.
    public static var description: String { "C kernels \(instructionSet), GEMM \(gemmVariant)" }

    /// The instruction sets the kernels can be held to; `automatic` is the best this CPU runs.
    public enum InstructionSet: String, CaseIterable, Sendable {
        case automatic = "auto", baseline, avx2, avx512
    }

    /// The environment variable every command reads at start-up: INCEPTION_ISA=baseline|avx2|avx512|auto.
    public static let environmentVariable = "INCEPTION_ISA"

    /// Holds every C kernel to `isa`, or explains in one line why this CPU cannot run it.
    public static func use(_ isa: InstructionSet) throws {
        let gemm: Int32
        switch isa {
        case .automatic: gemm = Int32(CK_GEMM_AUTOMATIC)
        case .baseline: gemm = Int32(CK_GEMM_BASELINE)
        case .avx2: gemm = Int32(CK_GEMM_AVX2)
        case .avx512: gemm = Int32(CK_GEMM_AVX512)
        }
        guard isa == .automatic || ck_gemm_variant_available(gemm) != 0 else {
            throw TensorError.invalidArgument("this CPU cannot run the \(isa.rawValue) kernels; choose one of: \(available.map(\.rawValue).joined(separator: ", "))")
        }
        ck_force_isa(isa == .baseline ? Int32(CK_ISA_BASELINE) : isa == .avx2 ? Int32(CK_ISA_AVX2) : Int32(CK_ISA_AUTOMATIC))
        ck_gemm_use_variant(gemm)
    }

    /// The instruction sets this CPU can run, lowest first (after `auto`).
    public static var available: [InstructionSet] {
        [.automatic, .baseline] + [(InstructionSet.avx2, Int32(CK_GEMM_AVX2)), (.avx512, Int32(CK_GEMM_AVX512))]
            .filter { ck_gemm_variant_available($0.1) != 0 }.map(\.0)
    }

    /// Applies INCEPTION_ISA if it is set; a value this CPU cannot run, or no such set, is an error.
    public static func applyEnvironment() throws {
        guard let value = ProcessInfo.processInfo.environment[environmentVariable], !value.isEmpty else { return }
        guard let isa = InstructionSet(rawValue: value.lowercased()) else {
            throw TensorError.invalidArgument("\(environmentVariable)=\(value) is not an instruction set; use one of: \(InstructionSet.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        try use(isa)
    }
}
