import CKernels
import InceptionRuntime
import TestSupport
import XCTest

/// Pooling, against values worked out by hand and PyTorch's size rules.
final class PoolingKernelTests: XCTestCase {
    /// 0 1 2 3 / 4 5 6 7 / 8 9 10 11 / 12 13 14 15 as a 1×1×4×4 tensor.
    func ramp(_ h: Int = 4, _ w: Int = 4) throws -> Tensor {
        try Tensor(shape: [1, 1, h, w], values: (0..<(h * w)).map(Float.init))
    }

    func testOutputLengthTable() {
        // (size, kernel, stride, padding, ceil) → PyTorch's output length
        let table: [(Int, Int, Int, Int, Bool, Int)] = [
            (224, 7, 2, 3, false, 112), (112, 3, 2, 1, false, 56), (14, 5, 3, 0, false, 4),
            (112, 3, 2, 0, true, 56), (56, 3, 2, 0, true, 28), (14, 2, 2, 0, true, 7),
            (65, 7, 2, 3, false, 33), (33, 3, 2, 0, true, 16), (5, 3, 2, 1, true, 3), (6, 3, 2, 1, true, 4),
            (4, 5, 3, 0, false, 0),
            // ceil_mode: a last window starting inside the input may overhang it, even a kernel
            // larger than the whole input (SqueezeNet's 3×3/2 pools on a 2×2 map give 1×1)
            (2, 3, 2, 0, true, 1), (1, 3, 2, 0, true, 0), (2, 5, 2, 0, true, 0), (9, 3, 2, 0, true, 4),
        ]
        for (size, k, s, p, ceil, expected) in table {
            XCTAssertEqual(Window2d.outputLength(size, kernel: k, stride: s, padding: p, ceilMode: ceil), expected,
                           "size \(size) k\(k) s\(s) p\(p) ceil \(ceil)")
        }
    }

    func testMaxPoolPaddingNeverWins() throws {
        let x = try Tensor(shape: [1, 1, 2, 2], values: [-4, -3, -2, -1])
        let y = try Pooling.maxPool2d(x, window: Window2d(kernel: 3, stride: 1, padding: 1))
        XCTAssertEqual(y.values, [-1, -1, -1, -1])
    }

    func testMaxPoolCeilModeKeepsThePartialWindow() throws {
        let y = try Pooling.maxPool2d(try ramp(5, 5), window: Window2d(kernel: 2, stride: 2, padding: 0, ceilMode: true))
        XCTAssertEqual(y.shape, [1, 1, 3, 3])
        XCTAssertEqual(y.values, [6, 8, 9, 16, 18, 19, 21, 23, 24])
    }

    func testAvgPoolCountsPaddingInTheDivisor() throws {
        let y = try Pooling.avgPool2d(try ramp(), window: Window2d(kernel: 3, stride: 2, padding: 1))
        // top-left window covers 0 1 / 4 5 plus five padded zeros: 10 / 9
        XCTAssertEqual(y.shape, [1, 1, 2, 2])
        XCTAssertEqual(y[0, 0, 0, 0], 10.0 / 9.0, accuracy: 1e-6)
        XCTAssertEqual(y[0, 0, 1, 1], (5 + 6 + 7 + 9 + 10 + 11 + 13 + 14 + 15) / 9.0, accuracy: 1e-6)
    }

    func testAvgPoolSeedAuxGeometry() throws {
        let y = try Pooling.avgPool2d(Tensor(repeating: 2, shape: [2, 3, 14, 14]), window: Window2d(kernel: 5, stride: 3))
        XCTAssertEqual(y.shape, [2, 3, 4, 4])
        XCTAssertEqual(Set(y.values), [2])
    }

    func testAdaptiveAvgPoolUsesOverlappingBins() throws {
        let y = try Pooling.adaptiveAvgPool2d(try ramp(5, 5), outputSize: (2, 2))
        // rows 0..<3 and 2..<5, columns likewise
        XCTAssertEqual(y[0, 0, 0, 0], (0 + 1 + 2 + 5 + 6 + 7 + 10 + 11 + 12) / 9.0, accuracy: 1e-6)
        XCTAssertEqual(y[0, 0, 1, 1], (12 + 13 + 14 + 17 + 18 + 19 + 22 + 23 + 24) / 9.0, accuracy: 1e-6)
        let gap = try Pooling.adaptiveAvgPool2d(try ramp(), outputSize: (1, 1))
        XCTAssertEqual(gap.values, [7.5])
    }

    func testTooSmallInputIsAClearError() throws {
        XCTAssertThrowsError(try Pooling.maxPool2d(try ramp(2, 2), window: Window2d(kernel: 5, stride: 3))) {
            XCTAssertEqual("\($0)", "Given input size: (1x2x2). Calculated output size: (1x0x0). Output size is too small")
        }
    }

    /// The separable max pool the kernels use, against the textbook loop, on many windows, on
    /// every instruction set this CPU has (the C kernel's baseline and AVX2 builds), with a NaN in
    /// some planes (it must come through, as PyTorch's does).
    func testMaxPoolMatchesTheNaiveLoop() throws {
        defer { ck_force_isa(Int32(CK_ISA_AUTOMATIC)) }
        let windows = [Window2d(kernel: 3, stride: 2, padding: 1), Window2d(kernel: 3, stride: 2, padding: 0, ceilMode: true),
                       Window2d(kernel: 2, stride: 2, padding: 0, ceilMode: true), Window2d(kernel: 5, stride: 3, padding: 2),
                       Window2d(kernel: 3, stride: 1, padding: 1), Window2d(kernel: 4, stride: 1, padding: 0)]
        for level in [CK_ISA_BASELINE, CK_ISA_AVX2, CK_ISA_AUTOMATIC] {
            ck_force_isa(Int32(level))
            var rng = SeededRandom(seed: 21)
            for window in windows {
                for (h, w) in [(7, 7), (9, 6), (5, 13), (2, 3), (28, 28), (14, 29)] {
                    let (ho, wo) = window.outputSize(height: h, width: w)
                    guard ho > 0, wo > 0 else { continue }
                    let x = Tensor.randn([3, 2, h, w], rng: &rng)
                    x.data[2 * h * w + (h / 2) * w + w / 2] = .nan        // the third plane holds a NaN
                    let fast = try Pooling.maxPool2d(x, window: window)
                    let slow = Tensor(zeros: [3, 2, ho, wo])
                    for p in 0..<6 { Pooling.maxPoolPlane(x.data + p * h * w, slow.data + p * ho * wo, h, w, ho, wo, window) }
                    XCTAssertEqual(fast.values.map(\.bitPattern), slow.values.map(\.bitPattern),
                                   "\(window.label) on \(h)×\(w), instruction set \(level)")
                    XCTAssertTrue(fast.values[(2 * ho * wo)..<(3 * ho * wo)].contains { $0.isNaN }, "\(window.label) on \(h)×\(w): the NaN is lost")
                }
            }
        }
    }
}
