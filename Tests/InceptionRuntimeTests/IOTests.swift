import Foundation
import XCTest
@testable import InceptionRuntime

/// safetensors and .npy reading and writing: round trips, the real fixture, conversions,
/// and the exact one-line error for each kind of bad file.
final class IOTests: XCTestCase {

    // MARK: safetensors round trips

    func testSafeTensorsRoundTripKeepsOrderValuesAndMetadata() throws {
        let dir = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("round.safetensors").path

        let scalar = try Tensor(shape: [], values: [3.5])
        let vector = try Tensor(shape: [5], values: [1, -2, 0.25, .infinity, -0.0])
        let weight = try Tensor(shape: [2, 3, 2, 2], values: (0..<24).map { Float($0) * 0.1 - 1 })
        let empty = Tensor(zeros: [0, 4])
        let tensors = [("z.scalar", scalar), ("a.vector", vector), ("odd \"name\"\n", weight), ("empty", empty)]
        let metadata = ["prefix": "", "note": "a \"quoted\" note\twith tab"]
        try writeSafeTensors(tensors, metadata: metadata, to: path)

        let file = try SafeTensorsFile.read(path: path)
        XCTAssertEqual(file.order, tensors.map(\.0))
        XCTAssertEqual(file.metadata, metadata)
        XCTAssertEqual(file.tensors.count, tensors.count)
        for (name, original) in tensors {
            let loaded = try XCTUnwrap(file.tensors[name])
            XCTAssertEqual(loaded.shape, original.shape, name)
            XCTAssertEqual(loaded.values.map(\.bitPattern), original.values.map(\.bitPattern), name)
        }

        // The header is space-padded so the data starts 8-byte aligned.
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        let headerLength = bytes[0..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
        XCTAssertEqual(headerLength % 8, 0)
        XCTAssertEqual(bytes.count, 8 + headerLength + (1 + 5 + 24) * 4)
    }

    func testSafeTensorsWithoutMetadataWritesNoMetadataEntry() throws {
        let dir = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("plain.safetensors").path
        try writeSafeTensors([("w", try Tensor(shape: [2], values: [1, 2]))], to: path)

        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        XCTAssertFalse(text.contains("__metadata__"))
        let file = try SafeTensorsFile.read(path: path)
        XCTAssertEqual(file.metadata, [:])
        XCTAssertEqual(file.tensors["w"]?.values, [1, 2])
    }

    func testWritingRefusesDuplicateNames() throws {
        let t = Tensor(zeros: [1])
        XCTAssertThrowsError(try writeSafeTensors([("w", t), ("w", t)], to: "/tmp/never-written.safetensors")) {
            XCTAssertEqual("\($0)", "/tmp/never-written.safetensors: tensor name 'w' appears twice; names in a safetensors file must be unique")
        }
    }

    // MARK: the real fixture

    func testReadsSeedStemFixture() throws {
        let file = try SafeTensorsFile.read(path: fixturePath("seed_stem.safetensors"))
        XCTAssertEqual(file.metadata["prefix"], "")
        XCTAssertEqual(file.metadata["case"], "seed_stem")
        XCTAssertEqual(file.order.count, file.tensors.count)
        XCTAssertEqual(file.order.first, "conv1.layer.0.bias")
        XCTAssertEqual(file.order.last, "input")

        let input = try XCTUnwrap(file.tensors["input"])
        XCTAssertEqual(input.shape, [2, 3, 64, 64])
        XCTAssertEqual(input[0, 0, 0, 0], -2.2470794)
        XCTAssertEqual(input[1, 2, 63, 63], 0.27136087)
        XCTAssertEqual(input.values.reduce(0.0) { $0 + Double($1) }, -172.014799881018, accuracy: 1e-6)

        XCTAssertEqual(file.tensors["expected.eval"]?.shape, [2, 192, 8, 8])
        let conv1 = try XCTUnwrap(file.tensors["conv1.layer.0.weight"])
        XCTAssertEqual(conv1.shape, [64, 3, 7, 7])
        XCTAssertEqual(conv1[0, 0, 0, 0], -0.082928024)
        XCTAssertEqual(conv1[63, 2, 6, 6], -0.013686945)
    }

    // MARK: dtype conversion

    func testConvertsF16BF16AndF64AndReadsUnalignedF32() throws {
        let half: [UInt16] = [0x3C00, 0xC000, 0x0001, 0x7C00, 0x3555]  // 1, -2, 2^-24, inf, 0.333251953125
        let bfloat: [UInt16] = [0x3F80, 0xC0A0]                          // 1, -5
        let double: [Double] = [0.1, -2.5]
        var data = littleEndianBytes(half)                               // [0, 10)
        data += littleEndianBytes([Float(7.25).bitPattern])              // [10, 14): not 4-aligned
        data += littleEndianBytes(bfloat)                                // [14, 18)
        data += littleEndianBytes(double.map(\.bitPattern))              // [18, 34)
        let header = """
            {"h":{"dtype":"F16","shape":[5],"data_offsets":[0,10]},
             "f":{"dtype":"F32","shape":[],"data_offsets":[10,14]},
             "b":{"dtype":"BF16","shape":[1,2],"data_offsets":[14,18]},
             "d":{"dtype":"F64","shape":[2],"data_offsets":[18,34]}}
            """
        let file = try SafeTensorsFile.parse(safetensorsBytes(header: header, data: data), source: "x.safetensors")
        XCTAssertEqual(file.order, ["h", "f", "b", "d"])
        XCTAssertEqual(file.tensors["h"]?.values, [1, -2, 0x1p-24, .infinity, 0.333251953125])
        XCTAssertEqual(file.tensors["f"]?.values, [7.25])
        XCTAssertEqual(file.tensors["f"]?.shape, [])
        XCTAssertEqual(file.tensors["b"]?.values, [1, -5])
        XCTAssertEqual(file.tensors["d"]?.values, [Float(0.1), -2.5])
    }

    // MARK: bad safetensors files

    func testTooShortFile() {
        assertSafeTensorsError([1, 2, 3],
            "x.safetensors: the file is 3 bytes, too short for a safetensors file (it must start with an 8-byte header length)")
    }

    func testTruncatedFile() throws {
        let dir = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("cut.safetensors").path
        try writeSafeTensors([("w", Tensor(repeating: 1, shape: [4]))], to: path)
        let whole = try Array(Data(contentsOf: URL(fileURLWithPath: path)))

        // Cut inside the data, then inside the header.
        assertSafeTensorsError(Array(whole.dropLast(8)),
            "x.safetensors: tensor 'w' data_offsets [0, 16] run past the end of the data (8 bytes): the file is truncated or corrupt")
        let headerLength = whole.count - 8 - 16
        assertSafeTensorsError(Array(whole.prefix(20)),
            "x.safetensors: header length \(headerLength) is larger than the file (20 bytes): the file is truncated or not a safetensors file")

        // The same through read(path:), which names the path.
        try Data(whole.dropLast(8)).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try SafeTensorsFile.read(path: path)) {
            XCTAssertEqual("\($0)", "\(path): tensor 'w' data_offsets [0, 16] run past the end of the data (8 bytes): the file is truncated or corrupt")
        }
    }

    func testOffsetsPastTheEnd() {
        let bytes = safetensorsBytes(header: #"{"x":{"dtype":"F32","shape":[1024],"data_offsets":[0,4096]}}"#,
                                     data: [UInt8](repeating: 0, count: 1024))
        assertSafeTensorsError(bytes,
            "x.safetensors: tensor 'x' data_offsets [0, 4096] run past the end of the data (1024 bytes): the file is truncated or corrupt")
    }

    func testAbsurdHeaderLength() {
        assertSafeTensorsError([UInt8](repeating: 0xFF, count: 8) + Array("{}      ".utf8),
            "x.safetensors: header length 18446744073709551615 is larger than the file (16 bytes): the file is truncated or not a safetensors file")

        // A header over 100 MB is refused even when the file is large enough to hold it.
        var huge = [UInt8](repeating: 0x20, count: 8 + 100_000_008)
        huge.replaceSubrange(0..<8, with: littleEndianBytes([UInt64(100_000_008)]))
        assertSafeTensorsError(huge,
            "x.safetensors: header length 100000008 exceeds the 100 MB limit: this is not a safetensors file")
    }

    func testUnsupportedDtype() {
        let bytes = safetensorsBytes(header: #"{"conv1.weight":{"dtype":"BOOL","shape":[2],"data_offsets":[0,16]}}"#,
                                     data: [UInt8](repeating: 0, count: 16))
        assertSafeTensorsError(bytes,
            "x.safetensors: tensor 'conv1.weight' has dtype BOOL; only F32, F16, BF16, F64, I64 and I32 tensors can be loaded")
    }

    func testHeaderThatIsNotJSONOrNotAnObject() {
        assertSafeTensorsError(safetensorsBytes(header: "PK\u{3}\u{4} not json", data: []),
            "x.safetensors: the header is not valid JSON: the file is not a safetensors file, or is corrupt")
        assertSafeTensorsError(safetensorsBytes(header: "[1, 2]", data: []),
            "x.safetensors: the header is a JSON array, not an object mapping tensor names to entries: the file is not a safetensors file")
    }

    func testWrongLengthEntry() {
        let bytes = safetensorsBytes(header: #"{"x":{"dtype":"F32","shape":[2,3],"data_offsets":[0,20]}}"#,
                                     data: [UInt8](repeating: 0, count: 24))
        assertSafeTensorsError(bytes,
            "x.safetensors: tensor 'x' has shape 2×3 of F32 (24 bytes), but its data_offsets [0, 20] span 20 bytes")
    }

    func testMalformedEntries() {
        let data = [UInt8](repeating: 0, count: 8)
        assertSafeTensorsError(safetensorsBytes(header: #"{"x":{"dtype":"F32","shape":[2]}}"#, data: data),
            #"x.safetensors: tensor 'x' has no "data_offsets" (each entry needs dtype, shape and data_offsets)"#)
        assertSafeTensorsError(safetensorsBytes(header: #"{"x":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}"#, data: data),
            "x.safetensors: tensor 'x' has a negative dimension in shape [-2]")
        assertSafeTensorsError(safetensorsBytes(header: #"{"x":{"dtype":"F32","shape":[2.5],"data_offsets":[0,8]}}"#, data: data),
            "x.safetensors: tensor 'x' shape is not a list of integers")
        assertSafeTensorsError(safetensorsBytes(header: #"{"x":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}"#, data: data),
            "x.safetensors: tensor 'x' data_offsets must be two integers [begin, end] with 0 ≤ begin ≤ end")
        assertSafeTensorsError(safetensorsBytes(header: #"{"x":[1]}"#, data: data),
            "x.safetensors: tensor 'x' is a JSON array, not an object with dtype, shape and data_offsets")
        assertSafeTensorsError(safetensorsBytes(header: #"{"__metadata__":{"n":1}}"#, data: data),
            "x.safetensors: __metadata__ value for 'n' is a JSON number; metadata values must be strings")
        assertSafeTensorsError(
            safetensorsBytes(header: #"{"x":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,8]}}"#, data: data),
            "x.safetensors: tensor 'x' shape [4611686018427387904, 4] is too large")
    }

    func testMissingFile() {
        XCTAssertThrowsError(try SafeTensorsFile.read(path: "/nonexistent/w.safetensors")) {
            XCTAssertEqual("\($0)", "/nonexistent/w.safetensors: no such file: check the path")
        }
    }

    /// Every truncation and many single-byte corruptions of a valid file are refused or read, never a crash.
    func testCorruptedSafeTensorsNeverCrash() throws {
        let dir = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("fuzz.safetensors").path
        try writeSafeTensors([("a", Tensor(repeating: 1, shape: [3, 2])), ("b", Tensor(zeros: []))],
                             metadata: ["k": "v"], to: path)
        let whole = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        for n in 0..<whole.count { _ = try? SafeTensorsFile.parse(Array(whole.prefix(n)), source: "f") }
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            var bytes = whole
            bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            _ = try? SafeTensorsFile.parse(bytes, source: "f")
        }
    }

    /// Shapes whose element count, byte count or strides overflow are refused before any
    /// allocation, an empty one too (found by bench/weights_fuzz.py: [0, 2^62, 2^62] loaded, then
    /// trapped in .stride() and .reshape()).
    func testSafeTensorsShapesThatOverflowAreRefused() {
        let cases: [(shape: String, offsets: String, expected: String)] = [
            ("[1099511627776,1099511627776]", "[0,16]", "shape [1099511627776, 1099511627776] is too large"),
            ("[2147483648,2147483648,4]", "[0,16]", "shape [2147483648, 2147483648, 4] is too large"),
            ("[0,4611686018427387904,4611686018427387904]", "[0,0]", "shape [0, 4611686018427387904, 4611686018427387904] is too large"),
        ]
        for c in cases {
            let header = #"{"w":{"dtype":"F32","shape":"# + c.shape + #","data_offsets":"# + c.offsets + "}}"
            assertSafeTensorsError(safetensorsBytes(header: header, data: [UInt8](repeating: 0, count: 16)), "x.safetensors: tensor 'w' " + c.expected)
        }
        // an empty tensor with a large first dim has small strides: it loads, as in PyTorch
        let wide = safetensorsBytes(header: #"{"w":{"dtype":"F32","shape":[4611686018427387904,0],"data_offsets":[0,0]}}"#, data: [])
        XCTAssertEqual(try SafeTensorsFile.parse(wide, source: "x.safetensors").tensors["w"]?.shape, [4_611_686_018_427_387_904, 0])
    }

    // MARK: .npy

    func testNpyRoundTripIncludingScalarAndVector() throws {
        let dir = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases: [Tensor] = [
            try Tensor(shape: [], values: [-1.5]),
            try Tensor(shape: [5], values: [1, 2, 3, 4, .nan]),
            try Tensor(shape: [2, 3, 4], values: (0..<24).map { Float($0) / 7 }),
            Tensor(zeros: [0]),
        ]
        for (i, t) in cases.enumerated() {
            let path = dir.appendingPathComponent("t\(i).npy").path
            try writeNpy(t, to: path)
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
            XCTAssertEqual(Array(bytes[0..<8]), [0x93] + Array("NUMPY".utf8) + [1, 0])
            let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            XCTAssertEqual((10 + headerLength) % 64, 0, "data is 64-byte aligned")
            XCTAssertEqual(bytes[10 + headerLength - 1], UInt8(ascii: "\n"))

            let loaded = try readNpy(path: path)
            XCTAssertEqual(loaded.shape, t.shape)
            XCTAssertEqual(loaded.values.map(\.bitPattern), t.values.map(\.bitPattern))
        }
        let header = String(decoding: try Data(contentsOf: dir.appendingPathComponent("t1.npy")).prefix(70), as: UTF8.self)
        XCTAssertTrue(header.contains("{'descr': '<f4', 'fortran_order': False, 'shape': (5,), }"))
    }

    func testNpyReadsOtherDtypesAndVersions() throws {
        let f8 = npyBytes(descr: "<f8", shape: "(2,)", data: littleEndianBytes([0.1, -3].map(\.bitPattern)))
        XCTAssertEqual(try readNpy(bytes: f8, source: "x.npy").values, [Float(0.1), -3])
        let u1 = npyBytes(descr: "|u1", shape: "(1, 3)", data: [0, 7, 255])
        let t = try readNpy(bytes: u1, source: "x.npy")
        XCTAssertEqual(t.shape, [1, 3])
        XCTAssertEqual(t.values, [0, 7, 255])
        let i4 = npyBytes(descr: "<i4", shape: "(2,)", data: littleEndianBytes([UInt32(bitPattern: -5), 16_777_216]))
        XCTAssertEqual(try readNpy(bytes: i4, source: "x.npy").values, [-5, 16_777_216])
        let i8 = npyBytes(descr: "<i8", shape: "()", data: littleEndianBytes([UInt64(bitPattern: -42)]))
        XCTAssertEqual(try readNpy(bytes: i8, source: "x.npy").values, [-42])

        // Versions 2.0 and 3.0 have a 4-byte header length; Python 2 wrote `2L`; key order may vary.
        for major in [2, 3] as [UInt8] {
            let bytes = npyBytes(descr: "<f4", shape: "(2L, 1L)", data: littleEndianBytes([Float(1).bitPattern, Float(2).bitPattern]),
                                 major: major, keyOrder: ["shape", "fortran_order", "descr"])
            let v = try readNpy(bytes: bytes, source: "x.npy")
            XCTAssertEqual(v.shape, [2, 1])
            XCTAssertEqual(v.values, [1, 2])
        }
        // Fortran order is harmless when at most one dimension exceeds 1.
        let column = npyBytes(descr: "<f4", shape: "(3, 1)", fortran: "True", data: littleEndianBytes([Float(1), 2, 3].map(\.bitPattern)))
        XCTAssertEqual(try readNpy(bytes: column, source: "x.npy").values, [1, 2, 3])
    }

    func testNpyBigEndian() {
        assertNpyError(npyBytes(descr: ">f4", shape: "(1,)", data: [0x3F, 0x80, 0, 0]),
            "x.npy: the data is big-endian ('>f4'); re-save it little-endian, e.g. np.save(path, a.astype('<f4'))")
    }

    func testNpyBadMagic() {
        assertNpyError(Array("PK\u{3}\u{4}not a numpy file".utf8),
            "x.npy: not a .npy file (it does not start with the \\x93NUMPY magic string)")
        assertNpyError([0x93, 0x4E],
            "x.npy: not a .npy file (it does not start with the \\x93NUMPY magic string)")
    }

    func testNpyOtherBadInputs() {
        assertNpyError(npyBytes(descr: "<f4", shape: "(2, 3)", fortran: "True", data: [UInt8](repeating: 0, count: 24)),
            "x.npy: the array is stored in Fortran (column-major) order; re-save it in C order, e.g. np.save(path, np.ascontiguousarray(a))")
        assertNpyError(npyBytes(descr: "<c8", shape: "(1,)", data: [UInt8](repeating: 0, count: 8)),
            "x.npy: dtype '<c8' is not supported; only <f4, <f8, |u1, <i4 and <i8 arrays can be loaded (convert with a.astype('<f4'))")
        assertNpyError(npyBytes(descr: "<f4", shape: "(2, 3)", data: [UInt8](repeating: 0, count: 20)),
            "x.npy: the data is 20 bytes but shape 2×3 of <f4 needs 24: the file is truncated")
        // a shape whose byte count overflows, in a file too short for it (found by the fuzz smoke)
        assertNpyError(npyBytes(descr: "<i4", shape: "(2600078184868566344,)", data: [UInt8](repeating: 0, count: 8)),
            "x.npy: the data is 8 bytes but shape 2600078184868566344 of <i4 needs more than 9223372036854775807: the file is truncated")
        assertNpyError(npyBytes(descr: "<f4", shape: "(2, -3)", data: []),
            "x.npy: the header's 'shape' is not a tuple of non-negative integers: the file is corrupt")
        assertNpyError(npyBytes(descr: "<f4", shape: "(2, 3", data: []),
            "x.npy: the header is not a valid Python dict literal (unexpected '}' at byte 57): the file is corrupt")
        var version4 = npyBytes(descr: "<f4", shape: "()", data: [0, 0, 0, 0])
        version4[6] = 4
        assertNpyError(version4, "x.npy: .npy format version 4.0 is not supported; only versions 1.0, 2.0 and 3.0 can be read")
        let cut = npyBytes(descr: "<f4", shape: "()", data: [0, 0, 0, 0])
        assertNpyError(Array(cut.prefix(40)), "x.npy: header length 118 runs past the end of the file (40 bytes): the file is truncated")
    }

    func testCorruptedNpyNeverCrashes() throws {
        let whole = npyBytes(descr: "<f8", shape: "(2, 2)", data: [UInt8](repeating: 0x3F, count: 32))
        for n in 0..<whole.count { _ = try? readNpy(bytes: Array(whole.prefix(n)), source: "f") }
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            var bytes = whole
            bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            _ = try? readNpy(bytes: bytes, source: "f")
        }
    }

    // MARK: helpers

    private func assertSafeTensorsError(_ bytes: [UInt8], _ expected: String, line: UInt = #line) {
        XCTAssertThrowsError(try SafeTensorsFile.parse(bytes, source: "x.safetensors"), line: line) { error in
            XCTAssertTrue(error is WeightFileError, "\(type(of: error))", line: line)
            XCTAssertEqual("\(error)", expected, line: line)
        }
    }

    private func assertNpyError(_ bytes: [UInt8], _ expected: String, line: UInt = #line) {
        XCTAssertThrowsError(try readNpy(bytes: bytes, source: "x.npy"), line: line) { error in
            XCTAssertTrue(error is WeightFileError, "\(type(of: error))", line: line)
            XCTAssertEqual("\(error)", expected, line: line)
        }
    }

    /// A safetensors file from a header text (space-padded to 8 bytes) and a data section.
    private func safetensorsBytes(header: String, data: [UInt8]) -> [UInt8] {
        var h = Array(header.utf8)
        h += [UInt8](repeating: 0x20, count: (8 - h.count % 8) % 8)
        return littleEndianBytes([UInt64(h.count)]) + h + data
    }

    /// A .npy file written by hand, as NumPy would (header padded so data is 64-aligned).
    private func npyBytes(descr: String, shape: String, fortran: String = "False", data: [UInt8],
                          major: UInt8 = 1, keyOrder: [String] = ["descr", "fortran_order", "shape"]) -> [UInt8] {
        let values = ["descr": "'\(descr)'", "fortran_order": fortran, "shape": shape]
        var header = Array(("{" + keyOrder.map { "'\($0)': \(values[$0]!), " }.joined() + "}").utf8)
        let prefix = major == 1 ? 10 : 12
        header += [UInt8](repeating: 0x20, count: (64 - (prefix + header.count + 1) % 64) % 64) + [0x0A]
        let length = major == 1 ? littleEndianBytes([UInt16(header.count)]) : littleEndianBytes([UInt32(header.count)])
        return [0x93] + Array("NUMPY".utf8) + [major, 0] + length + header + data
    }

    private func littleEndianBytes<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
        values.flatMap { v in withUnsafeBytes(of: v.littleEndian) { Array($0) } }
    }

    private func makeTempDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("IOTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// `Tests/TestSupport/Fixtures/<name>`, found from this source file's path (no Bundle.module).
    private func fixturePath(_ name: String) -> String {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.lastPathComponent != "Tests", url.path != "/" { url.deleteLastPathComponent() }
        return url.appendingPathComponent("TestSupport/Fixtures/\(name)").path
    }
}
