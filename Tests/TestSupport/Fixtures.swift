import Foundation
import InceptionRuntime
import XCTest

/// The PyTorch-computed fixtures copied from shared/reference into Tests/TestSupport/Fixtures.
public enum Fixtures {
    public static let directory: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    public static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// A fixture file, with the tensors its metadata's `derived` entry names ("name rows,cols
    /// amplitude"; the fixture's script left them out to keep the file small) drawn again by
    /// `hashedUniform`, as the script drew them.
    public static func safetensors(_ name: String) throws -> SafeTensorsFile {
        var file = try SafeTensorsFile.read(path: path(name + ".safetensors"))
        if let derived = file.metadata["derived"] {
            let fields = derived.split(separator: " ")
            let shape = fields[1].split(separator: ",").compactMap { Int($0) }
            guard fields.count == 3, shape.count == 2, let amplitude = Double(fields[2]) else {
                throw TensorError.invalidArgument("\(name): a `derived` entry must read \"name rows,cols amplitude\", got \"\(derived)\"")
            }
            file.tensors[String(fields[0])] = hashedUniform(rows: shape[0], cols: shape[1], amplitude: amplitude)
        }
        return file
    }

    /// w[i, j] = (h(i·cols + j) / 2³² − ½) · 2 · amplitude, with h a 32-bit integer hash: the same
    /// numbers as `hashed_uniform` in the fixture scripts (make_seed_aux1.py), in exact arithmetic.
    // → (rows, cols)
    public static func hashedUniform(rows: Int, cols: Int, amplitude: Double) -> Tensor {
        let w = Tensor(uninitialized: [rows, cols])
        for k in 0..<(rows * cols) {
            var x = (UInt64(k) &* 2_654_435_761) & 0xFFFF_FFFF
            x ^= x >> 16
            x = (x &* 0x45D_9F3B) & 0xFFFF_FFFF
            x ^= x >> 16
            w.data[k] = Float((Double(x) / 4_294_967_296.0 - 0.5) * 2 * amplitude)
        }
        return w
    }

    /// The seed's state_dict key list: name → shape, in order.
    public static func stateDictKeys(_ which: String) throws -> [(String, [Int])] {
        let data = try Data(contentsOf: directory.appendingPathComponent("state_dict_keys.json"))
        // Keep the file's order: parse the object by hand with JSONSerialization's ordered keys lost,
        // so read names in text order instead.
        let text = String(decoding: data, as: UTF8.self)
        let object = try JSONSerialization.jsonObject(with: data) as! [String: [String: [Int]]]
        let table = object[which]!
        guard let section = text.range(of: "\"\(which)\"") else { return [] }
        var ordered: [(String, [Int])] = []
        var seen = Set<String>()
        var rest = text[section.upperBound...]
        while let q = rest.range(of: "\"") {
            let after = rest[q.upperBound...]
            guard let end = after.range(of: "\"") else { break }
            let key = String(after[..<end.lowerBound])
            rest = after[end.upperBound...]
            if let shape = table[key], !seen.contains(key) { ordered.append((key, shape)); seen.insert(key) }
            if ordered.count == table.count { break }
        }
        return ordered
    }
}

/// Asserts max |actual − expected| ≤ tolerance · max(1, max |expected|), naming the worst index.
public func assertClose(_ actual: Tensor, _ expected: Tensor, tolerance: Float = 1e-4, _ what: String = "",
                        file: StaticString = #filePath, line: UInt = #line) {
    assertWithin(actual, expected, tolerance: tolerance, scaleFloor: 1, what, file: file, line: line)
}

/// Asserts max |actual − expected| ≤ tolerance · max |expected| (relative to the tensor's own
/// scale, however small), naming the worst index.
public func assertRelativelyClose(_ actual: Tensor, _ expected: Tensor, tolerance: Float, _ what: String = "",
                                  file: StaticString = #filePath, line: UInt = #line) {
    assertWithin(actual, expected, tolerance: tolerance, scaleFloor: 0, what, file: file, line: line)
}

/// max |actual − expected| ≤ tolerance · max(scaleFloor, max |expected|)
func assertWithin(_ actual: Tensor, _ expected: Tensor, tolerance: Float, scaleFloor: Float, _ what: String,
                  file: StaticString, line: UInt) {
    guard actual.shape == expected.shape else {
        XCTFail("\(what): shape \(formatShape(actual.shape)) ≠ expected \(formatShape(expected.shape))", file: file, line: line)
        return
    }
    var worst: Float = 0, worstIndex = 0, scale: Float = scaleFloor
    for i in 0..<expected.count {
        scale = max(scale, abs(expected.data[i]))
        let d = abs(actual.data[i] - expected.data[i])
        if !(d <= worst) { worst = d; worstIndex = i }
    }
    if !(worst <= tolerance * scale) {
        XCTFail("\(what): max |Δ| = \(worst) at flat index \(worstIndex) (ours \(actual.data[worstIndex]), expected \(expected.data[worstIndex])) exceeds \(tolerance) × \(scale)", file: file, line: line)
    }
}

public func maxAbsDifference(_ a: Tensor, _ b: Tensor) -> Float {
    var worst: Float = 0
    for i in 0..<min(a.count, b.count) { worst = max(worst, abs(a.data[i] - b.data[i])) }
    return worst
}
