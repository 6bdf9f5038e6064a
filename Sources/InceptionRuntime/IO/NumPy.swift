import Foundation

// NumPy's `.npy` format (numpy.lib.format): the magic "\x93NUMPY", a major and minor
// version byte, a little-endian header length (2 bytes in version 1.0, 4 bytes in 2.0 and
// 3.0), then a Python dict literal such as
//     {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }
// padded with spaces and a newline, then the raw array data.
//
// Reading accepts little-endian f4/f8/u1/i4/i8 in C order and converts to float32; writing
// produces version 1.0 float32 files that `np.load` reads. Errors are `WeightFileError`s.

/// Reads the `.npy` file at `path` (read once, in full) as a float32 tensor.
public func readNpy(path: String) throws -> Tensor {
    try readTypedNpy(path: path).tensor
}

/// Reads a `.npy` file as float32, with the dtype it was stored in ('<i8', '<f4', …).
public func readTypedNpy(path: String) throws -> (tensor: Tensor, descr: String) {
    let data = try readWeightFile(path)
    return try data.withUnsafeBytes { try parseTypedNpy($0, source: path) }
}

/// Parses the bytes of a `.npy` file; `source` names it in error messages.
public func readNpy(bytes: [UInt8], source: String) throws -> Tensor {
    try bytes.withUnsafeBytes { try parseTypedNpy($0, source: source).tensor }
}

/// Writes `t` as a version 1.0 `.npy` file of little-endian float32 in C order.
public func writeNpy(_ t: Tensor, to path: String) throws {
    let shape: String
    switch t.shape.count {
    case 0: shape = "()"
    case 1: shape = "(\(t.shape[0]),)"
    default: shape = "(" + t.shape.map(String.init).joined(separator: ", ") + ")"
    }
    var header = Array("{'descr': '<f4', 'fortran_order': False, 'shape': \(shape), }".utf8)
    // The data starts 64-byte aligned, as NumPy writes it; version 2.0 only for huge headers.
    let lengthBytes = header.count + 64 <= 65535 ? 2 : 4
    let prefix = 8 + lengthBytes
    header.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (64 - (prefix + header.count + 1) % 64) % 64))
    header.append(UInt8(ascii: "\n"))

    var out = Data(capacity: prefix + header.count + t.byteCount)
    out.append(contentsOf: [0x93] + Array("NUMPY".utf8) + [lengthBytes == 2 ? 1 : 2, 0])
    if lengthBytes == 2 {
        withUnsafeBytes(of: UInt16(header.count).littleEndian) { out.append(contentsOf: $0) }
    } else {
        withUnsafeBytes(of: UInt32(header.count).littleEndian) { out.append(contentsOf: $0) }
    }
    out.append(contentsOf: header)
    out.append(UnsafeBufferPointer(start: t.data, count: t.count))
    try writeWeightFile(out, to: path)
}

// MARK: - Reading

/// The element types `.npy` reading accepts, keyed by descr without the byte-order character.
private let npyItemSizes: [String: Int] = ["f4": 4, "f8": 8, "u1": 1, "i4": 4, "i8": 8]

private func parseTypedNpy(_ raw: UnsafeRawBufferPointer, source: String) throws -> (tensor: Tensor, descr: String) {
    func fail(_ problem: String) -> WeightFileError { WeightFileError(file: source, problem) }

    let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)
    guard raw.count >= 8, Array(raw[0..<6]) == magic, let base = raw.baseAddress else {
        throw fail("not a .npy file (it does not start with the \\x93NUMPY magic string)")
    }
    let (major, minor) = (raw[6], raw[7])
    let headerStart: Int
    let headerLength: Int
    switch major {
    case 1 where raw.count >= 10:
        headerStart = 10
        headerLength = Int(UInt16(littleEndian: base.loadUnaligned(fromByteOffset: 8, as: UInt16.self)))
    case 2 where raw.count >= 12, 3 where raw.count >= 12:
        headerStart = 12
        headerLength = Int(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 8, as: UInt32.self)))
    case 1, 2, 3:
        throw fail("the file is \(raw.count) bytes, too short for a .npy header: the file is truncated")
    default:
        throw fail(".npy format version \(major).\(minor) is not supported; only versions 1.0, 2.0 and 3.0 can be read")
    }
    guard headerLength <= raw.count - headerStart else {
        throw fail("header length \(headerLength) runs past the end of the file (\(raw.count) bytes): the file is truncated")
    }

    let header = try NpyHeader(Array(raw[headerStart..<(headerStart + headerLength)]), fail: fail)
    let descr = header.descr
    let order = descr.first!
    let code = String(descr.dropFirst())
    guard let size = npyItemSizes[code], order == "<" || order == "|" || order == ">" else {
        throw fail("dtype '\(descr)' is not supported; only <f4, <f8, |u1, <i4 and <i8 arrays can be loaded (convert with a.astype('<f4'))")
    }
    guard order != ">" || size == 1 else {
        throw fail("the data is big-endian ('\(descr)'); re-save it little-endian, e.g. np.save(path, a.astype('<\(code)'))")
    }
    // Fortran order only changes the layout when two or more dimensions exceed 1.
    guard !header.fortranOrder || header.shape.filter({ $0 != 1 }).count <= 1 || header.shape.contains(0) else {
        throw fail("the array is stored in Fortran (column-major) order; re-save it in C order, e.g. np.save(path, np.ascontiguousarray(a))")
    }

    // Mirror `shape.reduce(1, *)` so an accepted shape can never overflow in `Tensor`.
    var count = 1
    for d in header.shape {
        let (p, overflow) = count.multipliedReportingOverflow(by: d)
        guard !overflow else { throw fail("shape \(header.shape) is too large") }
        count = p
    }
    let dataStart = headerStart + headerLength
    let available = raw.count - dataStart
    guard count <= available / size else {
        // count · size can overflow for a huge shape in a short file: say so rather than trap
        let (needed, overflow) = count.multipliedReportingOverflow(by: size)
        throw fail("the data is \(available) bytes but shape \(formatShape(header.shape)) of \(descr) needs \(overflow ? "more than \(Int.max)" : "\(needed)"): the file is truncated")
    }

    let t = Tensor(zeros: header.shape)
    let src = UnsafeRawPointer(base + dataStart)
    let dst = t.data
    switch code {
    case "f4":
        UnsafeMutableRawPointer(dst).copyMemory(from: src, byteCount: count * 4)
    case "f8":
        for i in 0..<count {
            dst[i] = Float(Double(bitPattern: UInt64(littleEndian: src.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self))))
        }
    case "u1":
        for i in 0..<count { dst[i] = Float(src.load(fromByteOffset: i, as: UInt8.self)) }
    case "i4":
        for i in 0..<count {
            dst[i] = Float(Int32(littleEndian: src.loadUnaligned(fromByteOffset: 4 * i, as: Int32.self)))
        }
    default: // "i8": exact up to 2^24, rounded to nearest beyond
        for i in 0..<count {
            dst[i] = Float(Int64(littleEndian: src.loadUnaligned(fromByteOffset: 8 * i, as: Int64.self)))
        }
    }
    return (t, descr)
}

/// The three keys of a `.npy` header, parsed from its Python dict literal.
private struct NpyHeader {
    let descr: String
    let fortranOrder: Bool
    let shape: [Int]

    init(_ bytes: [UInt8], fail: (String) -> WeightFileError) throws {
        var parser = PythonLiteralParser(bytes: bytes)
        let dict: [String: PythonLiteral]
        do {
            dict = try parser.parseHeaderDict()
        } catch let error as PythonLiteralParser.SyntaxError {
            throw fail("the header is not a valid Python dict literal (\(error.message) at byte \(error.offset)): the file is corrupt")
        }
        for key in ["descr", "fortran_order", "shape"] where dict[key] == nil {
            throw fail("the header has no '\(key)' key: the file is corrupt")
        }
        switch dict["descr"]! {
        case .string(let s) where !s.isEmpty:
            descr = s
        case .string:
            throw fail("the header's 'descr' is empty: the file is corrupt")
        default:
            throw fail("the array has a structured dtype; only plain numeric arrays can be loaded (save a single field)")
        }
        guard case .bool(let fortran) = dict["fortran_order"]! else {
            throw fail("the header's 'fortran_order' is not True or False: the file is corrupt")
        }
        fortranOrder = fortran
        let badShape = fail("the header's 'shape' is not a tuple of non-negative integers: the file is corrupt")
        guard case .tuple(let dims) = dict["shape"]! else { throw badShape }
        var shape: [Int] = []
        for d in dims {
            guard case .int(let n) = d, n >= 0 else { throw badShape }
            shape.append(n)
        }
        self.shape = shape
    }
}

/// The Python literals a `.npy` header may contain.
private enum PythonLiteral {
    case string(String), bool(Bool), int(Int), none, tuple([PythonLiteral])
}

/// A small recursive-descent parser for the header's dict literal: string keys; values that
/// are strings, True/False/None, integers (with an optional Python 2 `L`), or tuples/lists.
private struct PythonLiteralParser {
    struct SyntaxError: Error {
        let message: String
        let offset: Int
    }

    let bytes: [UInt8]
    var i = 0
    /// Open brackets; a real header nests one level (the shape tuple).
    var depth = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// The whole header: one dict, then only whitespace.
    mutating func parseHeaderDict() throws -> [String: PythonLiteral] {
        let dict = try parseDict()
        skipSpace()
        guard i == bytes.count else { throw error("unexpected text after the dict") }
        return dict
    }

    private func error(_ message: String) -> SyntaxError { SyntaxError(message: message, offset: i) }

    private mutating func skipSpace() {
        while i < bytes.count, [0x20, 0x0a, 0x0d, 0x09].contains(bytes[i]) { i += 1 }
    }

    /// Consumes `c` (after whitespace) if it is next.
    private mutating func accept(_ c: Character) -> Bool {
        skipSpace()
        guard i < bytes.count, bytes[i] == c.asciiValue! else { return false }
        i += 1
        return true
    }

    private mutating func expect(_ c: Character) throws {
        guard accept(c) else { throw error("expected '\(c)'") }
    }

    private mutating func parseDict() throws -> [String: PythonLiteral] {
        try expect("{")
        var dict: [String: PythonLiteral] = [:]
        while !accept("}") {
            skipSpace()
            guard case .string(let key) = try parseValue() else { throw error("dict keys must be strings") }
            try expect(":")
            dict[key] = try parseValue()
            if !accept(",") { try expect("}"); break }
        }
        return dict
    }

    private mutating func parseValue() throws -> PythonLiteral {
        skipSpace()
        guard i < bytes.count else { throw error("unexpected end of header") }
        switch bytes[i] {
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "("), UInt8(ascii: "["):
            return .tuple(try parseSequence(close: bytes[i] == UInt8(ascii: "(") ? ")" : "]"))
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .int(try parseInt())
        default:
            for (word, value) in [("True", PythonLiteral.bool(true)), ("False", .bool(false)), ("None", .none)]
            where bytes[i...].starts(with: word.utf8) {
                i += word.utf8.count
                return value
            }
            let c = bytes[i]
            throw error((0x21...0x7E).contains(c) ? "unexpected '\(Character(Unicode.Scalar(c)))'" : "unexpected byte \(c)")
        }
    }

    private mutating func parseString() throws -> String {
        let quote = bytes[i]
        i += 1
        var out: [UInt8] = []
        while i < bytes.count, bytes[i] != quote {
            if bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.count { i += 1 }
            out.append(bytes[i])
            i += 1
        }
        guard i < bytes.count else { throw error("unterminated string") }
        i += 1
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func parseSequence(close: Character) throws -> [PythonLiteral] {
        depth += 1; defer { depth -= 1 }
        guard depth <= 16 else { throw error("brackets nested more than 16 deep") }
        i += 1
        var items: [PythonLiteral] = []
        while !accept(close) {
            items.append(try parseValue())
            if !accept(",") { try expect(close); break }
        }
        return items
    }

    private mutating func parseInt() throws -> Int {
        let start = i
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) { i += 1 }
        guard let value = Int(String(decoding: bytes[start..<i], as: UTF8.self)) else {
            i = start
            throw error("invalid integer")
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "L") { i += 1 }
        return value
    }
}
