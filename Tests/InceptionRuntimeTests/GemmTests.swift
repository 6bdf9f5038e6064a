import CKernels
import InceptionRuntime
import TestSupport
import XCTest

/// The training path's GEMM (`Gemm.multiply`) against its naive twin, on every build of the
/// kernel this CPU can run, for each operand transposed or not, on shapes that split the work by
/// columns, by rows and by depth (the threads' three ways), ragged against the 6-row and 16/32-
/// column panels, with strided operands and C (whose gap columns must stay untouched).
final class GemmTests: XCTestCase {
    struct Case { var m, n, k: Int; var note: String }

    static let cases: [Case] = [
        Case(m: 1, n: 1, k: 1, note: "1 × 1 × 1"),
        Case(m: 13, n: 37, k: 19, note: "ragged everywhere"),
        Case(m: 7, n: 300, k: 257, note: "columns split, depth past one block"),
        Case(m: 100, n: 9, k: 70, note: "too few columns: rows split"),
        Case(m: 13, n: 70, k: 9000, note: "long and thin: depth split"),
        Case(m: 64, n: 33, k: 5, note: "shallow"),
        Case(m: 5, n: 40, k: 0, note: "no depth: C is zeros"),
    ]

    func testGemmMatchesNaiveOnEveryBuild() {
        defer { ck_gemm_use_variant(Int32(CK_GEMM_AUTOMATIC)) }
        let variants = [CK_GEMM_BASELINE, CK_GEMM_AVX2, CK_GEMM_WIDE_ON_AVX2, CK_GEMM_AVX512].map { Int32($0) }
            .filter { ck_gemm_variant_available($0) != 0 }
        for variant in variants {
            ck_gemm_use_variant(variant)
            check(build: CKernelsBuild.gemmVariant)
        }
    }

    /// A long, thin product is cut into slices of the depth fixed by its shape, not by the
    /// threads: the same bits on 1 thread as on 2 (a gradient computed by `inception grad` in its
    /// own process must equal the test's own, whatever threads each had).
    func testTheSameBitsOnOneThreadOrTwo() {
        let saved = OpenBLAS.requestedThreads
        defer { OpenBLAS.setThreads(saved) }
        var rng = SeededRandom(seed: 8)
        let (m, n, k) = (13, 70, 9000)
        let a = Tensor.randn([m * k], rng: &rng).values, b = Tensor.randn([n * k], rng: &rng).values
        func product(threads: Int) -> [Float] {
            OpenBLAS.setThreads(threads)
            var c = [Float](repeating: 0, count: m * n)
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    Gemm.multiply(m: m, n: n, k: k, a: .init(a.baseAddress!, rowStride: k),
                                  b: .init(b.baseAddress!, rowStride: k, transposed: true), c: &c, ldc: n, workspace: Workspace())
                }
            }
            return c
        }
        XCTAssertEqual(product(threads: 1), product(threads: 2))
    }

    func testOpenBLASEngineAgrees() {
        defer { Gemm.engine = .kernels }
        Gemm.engine = .openblas
        check(build: "openblas")
        checkBias(build: "openblas")
        checkSumOverImages(build: "openblas")
        checkMultiplyImages(build: "openblas")
    }

    func testBiasAndSumsOverImagesOnEveryBuild() {
        defer { ck_gemm_use_variant(Int32(CK_GEMM_AUTOMATIC)) }
        for variant in [CK_GEMM_BASELINE, CK_GEMM_AVX2, CK_GEMM_WIDE_ON_AVX2, CK_GEMM_AVX512].map({ Int32($0) })
            where ck_gemm_variant_available(variant) != 0 {
            ck_gemm_use_variant(variant)
            checkBias(build: CKernelsBuild.gemmVariant)
            checkSumOverImages(build: CKernelsBuild.gemmVariant)
            checkMultiplyImages(build: CKernelsBuild.gemmVariant)
        }
    }

    /// C_i = op(A) × B_i + bias for images lying apart (A packed once, the threads taking (image,
    /// column panels) pieces): 7 images of 3 column panels (5 at 16 columns), so that pieces run on
    /// from one image into the next; A transposed and not; the gaps between the images' C are left
    /// alone; the same bits on 1 thread or 2.
    func checkMultiplyImages(build: String) {
        let saved = OpenBLAS.requestedThreads
        defer { OpenBLAS.setThreads(saved) }
        var rng = SeededRandom(seed: 17)
        for (m, n, k, images, transposeA) in [(13, 70, 19, 7, false), (20, 40, 33, 5, true), (6, 300, 8, 2, false), (9, 5, 3, 1, true)] {
            let (bImage, cImage) = (k * n + 3, m * n + 4)
            let a = Tensor.randn([m * k], rng: &rng).values, b = Tensor.randn([images * bImage], rng: &rng).values
            let bias = Tensor.randn([m], rng: &rng).values
            func run(threads: Int) -> [Float] {
                OpenBLAS.setThreads(threads)
                var c = [Float](repeating: .nan, count: images * cImage)
                a.withUnsafeBufferPointer { a in
                    b.withUnsafeBufferPointer { b in
                        bias.withUnsafeBufferPointer { bias in
                            c.withUnsafeMutableBufferPointer { c in
                                Gemm.multiplyImages(images: images, m: m, n: n, k: k,
                                                    a: .init(a.baseAddress!, rowStride: transposeA ? m : k, transposed: transposeA),
                                                    b: { .init(b.baseAddress! + $0 * bImage, rowStride: n) }, c: { c.baseAddress! + $0 * cImage },
                                                    ldc: n, bias: bias.baseAddress!, workspace: Workspace())
                            }
                        }
                    }
                }
                return c
            }
            let (two, one) = (run(threads: 2), run(threads: 1))
            let label = "\(build), \(images) images of \(m)×\(k) · \(k)×\(n)\(transposeA ? ", A transposed" : "")"
            for i in 0..<images {
                let product = NaiveGemm.multiply(m: m, n: n, k: k, a: a, lda: transposeA ? m : k, transposeA: transposeA,
                                                 b: Array(b[(i * bImage)...]), ldb: n, transposeB: false)
                let got = two[(i * cImage)..<(i * cImage + m * n)]
                let worst = zip(got, product.enumerated().map { $0.element + bias[$0.offset / n] }).map { abs($0 - $1) }.max() ?? 0
                XCTAssertLessThan(worst, 1e-4 * Float(k).squareRoot() * 4, label + ", image \(i)")
                if i + 1 < images { XCTAssertTrue(two[(i * cImage + m * n)..<((i + 1) * cImage)].allSatisfy(\.isNaN), label + ": gap written") }
            }
            if build != "openblas" { XCTAssertEqual(one.map(\.bitPattern), two.map(\.bitPattern), label + ": 1 thread and 2 differ") }
        }
    }

    /// The bias of row r is added to every column of row r, on each of the threads' three splits.
    func checkBias(build: String) {
        var rng = SeededRandom(seed: 9)
        for t in Self.cases {
            let a = Tensor.randn([max(t.m * t.k, 1)], rng: &rng).values, b = Tensor.randn([max(t.k * t.n, 1)], rng: &rng).values
            let bias = Tensor.randn([t.m], rng: &rng).values
            let product = NaiveGemm.multiply(m: t.m, n: t.n, k: t.k, a: a, lda: t.k, transposeA: false, b: b, ldb: t.n, transposeB: false)
            var c = [Float](repeating: .nan, count: t.m * t.n)
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    Gemm.multiply(m: t.m, n: t.n, k: t.k, a: .init(a.baseAddress!, rowStride: t.k), b: .init(b.baseAddress!, rowStride: t.n),
                                  c: &c, ldc: t.n, bias: bias, workspace: Workspace())
                }
            }
            let worst = (0..<t.m * t.n).map { abs(c[$0] - (product[$0] + bias[$0 / t.n])) }.max() ?? 0
            XCTAssertLessThan(worst, 1e-4 * Float(max(t.k, 1)).squareRoot() * 4, "\(build), \(t.note) with bias")
        }
    }

    /// dW = Σ_i A_i × B_iᵀ over images lying apart (each image's matrices followed by a gap, B's
    /// rows sometimes further apart than their length): batches cut into slices of images (on two
    /// threads: 5 images of conv1's dW shape), and single images whose C the threads split by rows
    /// (64 × 147) or by columns (20 × 300); the same bits on 1 thread or 2.
    func checkSumOverImages(build: String) {
        let saved = OpenBLAS.requestedThreads
        defer { OpenBLAS.setThreads(saved) }
        var rng = SeededRandom(seed: 10)
        for (m, n, k, images, ldbt) in [(13, 37, 19, 3, 19), (7, 300, 50, 4, 53), (100, 9, 300, 2, 300), (5, 6, 1, 1, 3),
                                             (64, 147, 400, 5, 450), (64, 147, 200, 1, 210), (20, 300, 200, 1, 200)] {
            let (aImage, bImage) = (m * k + 5, n * ldbt + 7)
            let a = Tensor.randn([images * aImage], rng: &rng).values, b = Tensor.randn([images * bImage], rng: &rng).values
            var expected = [Float](repeating: 0, count: m * n)
            for i in 0..<images {
                let part = NaiveGemm.multiply(m: m, n: n, k: k, a: Array(a[(i * aImage)...]), lda: k, transposeA: false,
                                              b: Array(b[(i * bImage)...]), ldb: ldbt, transposeB: true)
                for e in 0..<m * n { expected[e] += part[e] }
            }
            func sum(threads: Int) -> [Float] {
                OpenBLAS.setThreads(threads)
                var c = [Float](repeating: .nan, count: m * n)
                a.withUnsafeBufferPointer { a in
                    b.withUnsafeBufferPointer { b in
                        Gemm.sumOverImages(m: m, n: n, k: k, images: images, a: a.baseAddress!, aImage: aImage,
                                           bt: b.baseAddress!, btImage: bImage, ldbt: ldbt, into: &c, workspace: Workspace())
                    }
                }
                return c
            }
            let (two, one) = (sum(threads: 2), sum(threads: 1))
            let worst = zip(two, expected).map { abs($0 - $1) }.max() ?? 0
            let label = "\(build), \(images) images of \(m)×\(k) · (\(n)×\(k))ᵀ"
            XCTAssertLessThan(worst, 1e-4 * Float(k * images).squareRoot() * 4, label)
            if build != "openblas" { XCTAssertEqual(one, two, label + ": 1 thread and 2 differ") }
        }
    }

    func check(build: String) {
        var rng = SeededRandom(seed: 7)
        for t in Self.cases {
            for (transposeA, transposeB) in [(false, false), (true, false), (false, true), (true, true)] {
                // Stored shapes, each row 3 floats longer than it needs.
                let (aRows, aCols) = transposeA ? (t.k, t.m) : (t.m, t.k)
                let (bRows, bCols) = transposeB ? (t.n, t.k) : (t.k, t.n)
                let (lda, ldb, ldc) = (aCols + 3, bCols + 3, t.n + 3)
                let a = Tensor.randn([max(aRows * lda, 1)], rng: &rng).values
                let b = Tensor.randn([max(bRows * ldb, 1)], rng: &rng).values
                let expected = NaiveGemm.multiply(m: t.m, n: t.n, k: t.k, a: a, lda: lda, transposeA: transposeA,
                                                  b: b, ldb: ldb, transposeB: transposeB)
                let sentinel: Float = -12345
                var c = [Float](repeating: sentinel, count: t.m * ldc)
                a.withUnsafeBufferPointer { a in
                    b.withUnsafeBufferPointer { b in
                        Gemm.multiply(m: t.m, n: t.n, k: t.k,
                                      a: .init(a.baseAddress!, rowStride: lda, transposed: transposeA),
                                      b: .init(b.baseAddress!, rowStride: ldb, transposed: transposeB),
                                      c: &c, ldc: ldc, workspace: Workspace())
                    }
                }
                let label = "\(build), \(t.note) (\(t.m)×\(t.n)×\(t.k)), A\(transposeA ? "ᵀ" : "") B\(transposeB ? "ᵀ" : "")"
                var worst: Float = 0
                for i in 0..<t.m {
                    for j in 0..<t.n { worst = max(worst, abs(c[i * ldc + j] - expected[i * t.n + j])) }
                    for j in t.n..<ldc { XCTAssertEqual(c[i * ldc + j], sentinel, "\(label): C's gap column \(j) written") }
                }
                XCTAssertLessThan(worst, 1e-4 * Float(max(t.k, 1)).squareRoot() * 4, label)
            }
        }
    }
}
