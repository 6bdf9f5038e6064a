import Foundation

// safetensors (https://github.com/huggingface/safetensors) is the weight format the
// interpreter loads: an 8-byte little-endian header length N, N bytes of JSON naming each
// tensor's dtype, shape and byte range, then the raw little-endian data.
//
// Every field of the header is checked before any tensor is allocated, so a truncated or
// hostile file produces one `WeightFileError` line rather than a crash. The host is assumed
// to be little-endian (every platform Swift targets today), so F32 data is copied as is.

/// Why a weight or tensor file could not be read or written (see FileError).
public typealias WeightFileError = FileError

/// The tensors of one safetensors file, converted to float32.
public struct SafeTensorsFile: Sendable {
    public var tensors: [String: Tensor]
    /// Tensor names in the order their data appears in the file (sorted by data offset).
    public var order: [String]
    /// The optional `__metadata__` string map of the header.
    public var metadata: [String: String]
    /// Each tensor's dtype as the file names it ("F32", "I64", …); the tensors hold floats.
    public var dtypes: [String: String]

    public init(tensors: [String: Tensor], order: [String], metadata: [String: String] = [:], dtypes: [String: String] = [:]) {
        self.tensors = tensors
        self.order = order
        self.metadata = metadata
        self.dtypes = dtypes
    }

    /// The tensors holding NaN or infinite values, with how many: (name, NaNs, infinities).
    public var nonFinite: [(name: String, nan: Int, infinite: Int)] {
        order.compactMap { name in
            guard let t = tensors[name] else { return nil }
            var nan = 0, inf = 0
            for v in t.buffer where !v.isFinite { if v.isNaN { nan += 1 } else { inf += 1 } }
            return nan + inf == 0 ? nil : (name, nan, inf)
        }
    }

    /// A one-line warning when some weights are NaN or infinite (every output would be NaN),
    /// naming the first three tensors; nil when all values are finite.
    public func nonFiniteWarning(source: String) -> String? {
        let bad = nonFinite
        guard !bad.isEmpty else { return nil }
        func part(_ b: (name: String, nan: Int, infinite: Int)) -> String {
            [b.nan > 0 ? "\(b.nan) NaN" : nil, b.infinite > 0 ? "\(b.infinite) infinite" : nil].compactMap { $0 }.joined(separator: ", ") + " in '\(b.name)'"
        }
        let more = bad.count > 3 ? " and \(bad.count - 3) more tensors" : ""
        return "\(source): \(bad.count == 1 ? "1 tensor holds" : "\(bad.count) tensors hold") values that are not numbers (\(bad.prefix(3).map(part).joined(separator: "; "))\(more)): outputs computed from them will be NaN"
    }

    /// Reads and validates the file at `path` (read once, in full).
    public static func read(path: String) throws -> SafeTensorsFile {
        let data = try readWeightFile(path)
        return try data.withUnsafeBytes { try parse(raw: $0, source: path) }
    }

    /// Parses the bytes of a safetensors file; `source` names it in error messages.
    public static func parse(_ bytes: [UInt8], source: String) throws -> SafeTensorsFile {
        try bytes.withUnsafeBytes { try parse(raw: $0, source: source) }
    }

    /// A header refuses to be larger than this, whatever the file size: a safety limit.
    static let maxHeaderBytes: UInt64 = 100_000_000

    static func parse(raw: UnsafeRawBufferPointer, source: String) throws -> SafeTensorsFile {
        func fail(_ problem: String) -> WeightFileError { WeightFileError(file: source, problem) }

        guard raw.count >= 8, let base = raw.baseAddress else {
            throw fail("the file is \(raw.count) bytes, too short for a safetensors file (it must start with an 8-byte header length)")
        }
        let headerLength = UInt64(littleEndian: base.loadUnaligned(as: UInt64.self))
        guard headerLength <= UInt64(raw.count - 8), headerLength <= maxHeaderBytes else {
            if let other = OtherFileFormat(raw) { throw fail(other.explanation) }
            guard headerLength <= UInt64(raw.count - 8) else {
                throw fail("header length \(headerLength) is larger than the file (\(raw.count) bytes): the file is truncated or not a safetensors file")
            }
            throw fail("header length \(headerLength) exceeds the 100 MB limit: this is not a safetensors file")
        }
        let dataStart = 8 + Int(headerLength)
        let dataCount = raw.count - dataStart

        let header: JSONValue
        do {
            header = try JSONDecoder().decode(JSONValue.self, from: Data(raw[8..<dataStart]))
        } catch {
            throw fail("the header is not valid JSON: the file is not a safetensors file, or is corrupt")
        }
        guard case .object(let entries) = header else {
            throw fail("the header is a JSON \(header.kind), not an object mapping tensor names to entries: the file is not a safetensors file")
        }
        // JSON decoding keeps one of two entries with the same name, silently: refuse the file.
        if let duplicate = duplicateTopLevelKey(UnsafeRawBufferPointer(rebasing: raw[8..<dataStart])) {
            throw fail("the header names the tensor '\(duplicate)' twice: the file is corrupt (a safetensors file names each tensor once)")
        }

        var metadata: [String: String] = [:]
        if let meta = entries["__metadata__"] {
            guard case .object(let pairs) = meta else {
                throw fail("__metadata__ is a JSON \(meta.kind); it must be an object mapping strings to strings")
            }
            for (key, value) in pairs {
                guard case .string(let s) = value else {
                    throw fail("__metadata__ value for '\(key)' is a JSON \(value.kind); metadata values must be strings")
                }
                metadata[key] = s
            }
        }

        // Validate every entry first (in name order, so the error reported is deterministic).
        var specs: [EntrySpec] = []
        for name in entries.keys.sorted() where name != "__metadata__" {
            specs.append(try EntrySpec(name: name, entry: entries[name]!, dataCount: dataCount, fail: fail))
        }
        specs.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        // Two tensors may not share bytes (empty tensors take none).
        var previous: EntrySpec?
        for spec in specs where spec.end > spec.begin {
            if let p = previous, spec.begin < p.end {
                throw fail("the data of tensors '\(p.name)' (bytes \(p.begin)–\(p.end)) and '\(spec.name)' (bytes \(spec.begin)–\(spec.end)) overlap: the file is corrupt (each tensor has its own bytes)")
            }
            previous = spec
        }

        var tensors: [String: Tensor] = [:]
        tensors.reserveCapacity(specs.count)
        for spec in specs {
            tensors[spec.name] = spec.load(from: UnsafeRawPointer(base + dataStart))
        }
        return SafeTensorsFile(tensors: tensors, order: specs.map(\.name), metadata: metadata,
                               dtypes: Dictionary(uniqueKeysWithValues: specs.map { ($0.name, $0.dtype) }))
    }
}

/// Writes float32 tensors as a safetensors file, in the given order, with an optional
/// `__metadata__` map. The header is space-padded so the data starts 8-byte aligned.
/// Tensors named in `int64Names` are written as I64 (rounded), as PyTorch keeps
/// `num_batches_tracked`.
public func writeSafeTensors(_ tensors: [(String, Tensor)], metadata: [String: String] = [:],
                             int64Names: Set<String> = [], to path: String) throws {
    var seen = Set<String>()
    var fields: [String] = []
    if !metadata.isEmpty {
        let pairs = metadata.keys.sorted().map { "\(JSONText.quoted($0)):\(JSONText.quoted(metadata[$0]!))" }
        fields.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
    }
    var offset = 0
    for (name, tensor) in tensors {
        guard name != "__metadata__" else {
            throw WeightFileError(file: path, "'__metadata__' is reserved and cannot be used as a tensor name")
        }
        guard seen.insert(name).inserted else {
            throw WeightFileError(file: path, "tensor name '\(name)' appears twice; names in a safetensors file must be unique")
        }
        let shape = tensor.shape.map(String.init).joined(separator: ",")
        let (dtype, bytes) = int64Names.contains(name) ? ("I64", tensor.count * 8) : ("F32", tensor.byteCount)
        fields.append("\(JSONText.quoted(name)):{\"dtype\":\"\(dtype)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + bytes)]}")
        offset += bytes
    }
    var header = Array("{\(fields.joined(separator: ","))}".utf8)
    header.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (8 - header.count % 8) % 8))

    var out = Data(capacity: 8 + header.count + offset)
    withUnsafeBytes(of: UInt64(header.count).littleEndian) { out.append(contentsOf: $0) }
    out.append(contentsOf: header)
    for (name, tensor) in tensors {
        if int64Names.contains(name) {
            for value in tensor.buffer {
                let integer = value.isFinite ? Int64(min(max(value.rounded(), -9e18), 9e18)) : 0
                withUnsafeBytes(of: integer.littleEndian) { out.append(contentsOf: $0) }
            }
        } else {
            out.append(UnsafeBufferPointer(start: tensor.data, count: tensor.count))
        }
    }
    try writeWeightFile(out, to: path)
}

// MARK: - Entries and dtypes

/// The first key that appears twice in the top-level JSON object `json`, or nil. Only names
/// are compared (as written, escapes and all); nested objects are skipped.
func duplicateTopLevelKey(_ json: UnsafeRawBufferPointer) -> String? {
    var seen = Set<[UInt8]>()
    var depth = 0, i = 0, expectKey = false
    let n = json.count
    while i < n {
        let c = json[i]
        switch c {
        case UInt8(ascii: "\""):
            var j = i + 1
            while j < n, json[j] != UInt8(ascii: "\"") { j += json[j] == UInt8(ascii: "\\") ? 2 : 1 }
            if depth == 1, expectKey {
                let key = Array(json[(i + 1)..<min(j, n)])
                if !seen.insert(key).inserted { return String(decoding: key, as: UTF8.self) }
                expectKey = false
            }
            i = j + 1
            continue
        case UInt8(ascii: "{"): depth += 1; if depth == 1 { expectKey = true }
        case UInt8(ascii: "["): depth += 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
        case UInt8(ascii: ","): if depth == 1 { expectKey = true }
        default: break
        }
        i += 1
    }
    return nil
}

/// One validated header entry: where its bytes are and how to turn them into floats.
private struct EntrySpec {
    let name: String
    let dtype: String
    let shape: [Int]
    let count: Int
    let begin: Int
    let end: Int

    /// Byte sizes of the dtypes that load as Float.
    static let floatSizes: [String: Int] = ["F32": 4, "F16": 2, "BF16": 2, "F64": 8]
    /// Byte sizes of the integer dtypes, loaded as Float (exact below 2^24).
    static let integerSizes: [String: Int] = ["I64": 8, "I32": 4]

    init(name: String, entry: JSONValue, dataCount: Int, fail: (String) -> WeightFileError) throws {
        let what = "tensor '\(name)'"
        guard case .object(let fields) = entry else {
            throw fail("\(what) is a JSON \(entry.kind), not an object with dtype, shape and data_offsets")
        }
        for key in ["dtype", "shape", "data_offsets"] where fields[key] == nil {
            throw fail("\(what) has no \"\(key)\" (each entry needs dtype, shape and data_offsets)")
        }
        guard case .string(let dtype) = fields["dtype"]! else {
            throw fail("\(what) dtype is a JSON \(fields["dtype"]!.kind), not a string such as \"F32\"")
        }
        guard case .array(let dims) = fields["shape"]!, let shape = dims.intValues else {
            throw fail("\(what) shape is not a list of integers")
        }
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw fail("\(what) has a negative dimension in shape \(shape)")
        }
        guard case .array(let offsets) = fields["data_offsets"]!, let range = offsets.intValues,
              range.count == 2, range[0] >= 0, range[0] <= range[1] else {
            throw fail("\(what) data_offsets must be two integers [begin, end] with 0 ≤ begin ≤ end")
        }
        // Integers load as floats too: BatchNorm's batch counter and class labels, which PyTorch saves as int64.
        guard let size = Self.floatSizes[dtype] ?? Self.integerSizes[dtype] else {
            throw fail("\(what) has dtype \(dtype); only F32, F16, BF16, F64, I64 and I32 tensors can be loaded")
        }
        // Mirror `shape.reduce(1, *)` so an accepted shape can never overflow in `Tensor`.
        var count = 1
        for d in shape {
            let (p, overflow) = count.multipliedReportingOverflow(by: d)
            guard !overflow else { throw fail("\(what) shape \(shape) is too large") }
            count = p
        }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: size)
        // an empty shape ([0, 2^62, 2^62]) holds no bytes but its strides still overflow
        guard !overflow, !MemoryBudget.stridesOverflow(shape) else { throw fail("\(what) shape \(shape) is too large") }
        guard range[1] <= dataCount else {
            throw fail("\(what) data_offsets [\(range[0]), \(range[1])] run past the end of the data (\(dataCount) bytes): the file is truncated or corrupt")
        }
        guard range[1] - range[0] == bytes else {
            throw fail("\(what) has shape \(formatShape(shape)) of \(dtype) (\(bytes) bytes), but its data_offsets [\(range[0]), \(range[1])] span \(range[1] - range[0]) bytes")
        }
        self.name = name
        self.dtype = dtype
        self.shape = shape
        self.count = count
        self.begin = range[0]
        self.end = range[1]
    }

    /// Copies (F32) or converts this entry's bytes into a new tensor; `data` is the data section.
    func load(from data: UnsafeRawPointer) -> Tensor {
        let t = Tensor(zeros: shape)
        let src = data + begin
        let dst = t.data
        switch dtype {
        case "F32":
            UnsafeMutableRawPointer(dst).copyMemory(from: src, byteCount: count * 4)
        case "F16":
            for i in 0..<count {
                dst[i] = floatFromHalf(UInt16(littleEndian: src.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)))
            }
        case "BF16":
            for i in 0..<count {
                let bits = UInt16(littleEndian: src.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))
                dst[i] = Float(bitPattern: UInt32(bits) << 16)
            }
        case "F64":
            for i in 0..<count {
                let bits = UInt64(littleEndian: src.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self))
                dst[i] = Float(Double(bitPattern: bits))
            }
        case "I64":
            for i in 0..<count {
                dst[i] = Float(Int64(littleEndian: src.loadUnaligned(fromByteOffset: 8 * i, as: Int64.self)))
            }
        case "I32":
            for i in 0..<count {
                dst[i] = Float(Int32(littleEndian: src.loadUnaligned(fromByteOffset: 4 * i, as: Int32.self)))
            }
        default:
            preconditionFailure("dtype \(dtype) passed validation")
        }
        return t
    }
}

/// IEEE half → float, exactly (including subnormals, infinities and NaN payloads).
/// Written by hand because `Float16` is unavailable on macOS x86_64.
private func floatFromHalf(_ h: UInt16) -> Float {
    let sign: Float = h & 0x8000 != 0 ? -1 : 1
    let exponent = UInt32(h >> 10) & 0x1f
    let mantissa = UInt32(h) & 0x3ff
    switch exponent {
    case 0: return sign * Float(mantissa) * 0x1p-24
    case 31: return Float(bitPattern: UInt32(h & 0x8000) << 16 | 0x7f80_0000 | mantissa << 13)
    default: return Float(bitPattern: UInt32(h & 0x8000) << 16 | (exponent + 112) << 23 | mantissa << 13)
    }
}

// MARK: - JSON

/// A parsed JSON value. Decoding into a generic tree keeps the header checks explicit:
/// integers stay integers, and anything of the wrong kind is named in the error.
private enum JSONValue: Decodable {
    case null, bool(Bool), int(Int), double(Double), string(String)
    case array([JSONValue]), object([String: JSONValue])

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        if let object = try? decoder.container(keyedBy: Key.self) {
            var fields: [String: JSONValue] = [:]
            for key in object.allKeys { fields[key.stringValue] = try object.decode(JSONValue.self, forKey: key) }
            self = .object(fields)
        } else if var array = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !array.isAtEnd { items.append(try array.decode(JSONValue.self)) }
            self = .array(items)
        } else {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() { self = .null }
            else if let b = try? single.decode(Bool.self) { self = .bool(b) }
            else if let i = try? single.decode(Int.self) { self = .int(i) }
            else if let d = try? single.decode(Double.self) { self = .double(d) }
            else { self = .string(try single.decode(String.self)) }
        }
    }

    /// "object", "array", "string", ... for messages.
    var kind: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .int, .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}

private extension Array where Element == JSONValue {
    /// The elements as integers, or nil if any is not an integer.
    var intValues: [Int]? {
        var out: [Int] = []
        out.reserveCapacity(count)
        for v in self {
            guard case .int(let i) = v else { return nil }
            out.append(i)
        }
        return out
    }
}


// MARK: - Files

/// The whole file at `path`, read once; shared by the safetensors and .npy readers.
func readWeightFile(_ path: String) throws -> Data {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw WeightFileError.missing(path)
    }
    guard !isDirectory.boolValue else {
        throw WeightFileError(file: path, "is a directory, not a file")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
        throw WeightFileError(file: path, "the file cannot be read: check its permissions")
    }
    return data
}

/// Writes `data` to `path` atomically; shared by the safetensors and .npy writers.
func writeWeightFile(_ data: Data, to path: String) throws {
    do {
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        throw WeightFileError(file: path, "the file cannot be written: check that its directory exists and is writable")
    }
}
