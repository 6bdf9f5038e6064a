import Foundation
import InceptionRuntime

/// Making, reading, saving and combining tensors; the functional ops a forward uses
/// (`cat`, `flatten`) work on shape-only tensors too, so shape inference covers them.
extension Interpreter {
    /// Random floats drawn into a tensor of dtype d (randn, rand, their _like forms, normal_,
    /// uniform_): PyTorch has no such kernel for integer and bool tensors (its NotImplementedError).
    static func requireFloatDraw(_ d: DType, normal: Bool) throws {
        guard d != .float32 else { return }
        throw LanguageFailure("\"\(normal ? "normal_kernel_cpu" : "check_uniform_bounds")\" not implemented for '\(d.scalarName)'", as: .notImplementedError)
    }

    func tensorBuiltins() -> [String: Value] {
        var t: [String: Value] = [:]
        t["randn"] = Self.builtin(Signature("randn", [("seed", Value.none), ("requires_grad", .bool(false)), ("generator", Value.none),
                                                      ("dtype", Value.none), ("device", Value.none)], variadic: "size")) { interpreter, a in
            try Self.requireCPUArgument(a["device"])
            if let d = try Self.dtypeArgument(a) { try Self.requireFloatDraw(d, normal: true) }
            let shape = try a.shape()
            let x = Tensor(uninitialized: shape)
            if let seed = try a.optionalInt("seed") {
                // this language's shorthand for torch.randn(…, generator=torch.Generator().manual_seed(seed))
                guard seed >= 0 else { throw LanguageFailure("randn(): seed must be ≥ 0, got \(seed)") }
                var generator = TorchGenerator(seed: UInt64(seed))
                generator.fillNormal(x.data, count: x.count, mean: 0, std: 1)
            } else {
                try Self.drawing(from: a["generator"], "randn") { $0.fillNormal(x.data, count: x.count, mean: 0, std: 1) }
            }
            if try a.bool("requires_grad") { try Self.requiresGradHook?(x) }
            return .tensor(x)
        }
        t["zeros"] = Self.builtin(Signature("zeros", [], variadic: "size")) { _, a in .tensor(Tensor(zeros: try a.shape())) }
        t["ones"] = Self.builtin(Signature("ones", [], variadic: "size")) { _, a in .tensor(Tensor(repeating: 1, shape: try a.shape())) }
        t["tensor"] = Self.builtin(Signature("tensor", [("data", nil)])) { _, a in .tensor(try TensorMath.fromNested(a["data"])) }
        // torch.Tensor(data) or torch.Tensor(*size): the legacy float32 constructor, any tensor's alias
        t["Tensor"] = .builtin(Builtin("Tensor") { _, arguments in .tensor(try Self.legacyConstructed(arguments, dtype: .float32, anyTensor: true)) })
        t["shape"] = Self.builtin(Signature("shape", [("x", nil)])) { _, a in .size(try a.tensor("x").shape) }
        t["manual_seed"] = Self.builtin(Signature("manual_seed", [("seed", nil)])) { interpreter, a in
            let seed = try Self.seedArgument(a, "manual_seed")
            interpreter.context.random = SeededRandom(seed: seed)
            DefaultGenerator.seed(seed)
            return .none
        }
        t["load"] = Self.builtin(Signature("load", [("path", nil), ("name", Value.none)])) { interpreter, a in
            let path = interpreter.resolve(try a.string("path"))
            if path.hasSuffix(".npy") { return .tensor(try readNpy(path: path)) }
            if path.hasSuffix(".safetensors") {
                let file = try SafeTensorsFile.read(path: path)
                guard let name = try a.optionalString("name") else {
                    throw LanguageFailure("load(): say which tensor of \(try a.string("path")) to load",
                                          fix: "e.g. load(\"\(try a.string("path"))\", \"\(file.order.first ?? "input")\"); it holds \(file.order.count) tensors")
                }
                guard let tensor = file.tensors[name] else {
                    throw LanguageFailure("\(try a.string("path")) has no tensor named '\(name)'",
                                          fix: closestName(to: name, among: file.order).map { "did you mean '\($0)'?" })
                }
                return .tensor(tensor)
            }
            throw LanguageFailure("load() reads .npy files (and .safetensors with a tensor name), got '\(try a.string("path"))'")
        }
        t["save"] = Self.builtin(Signature("save", [("tensor", nil), ("path", nil)])) { interpreter, a in
            let x = try a.tensor("tensor")
            try TensorMath.requireValues(x, "save()")
            let path = try a.string("path")
            guard path.hasSuffix(".npy") else { throw LanguageFailure("save() writes .npy files, got '\(path)'", fix: "end the file name with .npy") }
            try writeNpy(x, to: try WritePolicy.check(path, base: interpreter.baseDirectory, what: "save()"))
            return .none
        }
        t["cat"] = Self.builtin(Signature("cat", [("tensors", nil), ("dim", .int(0))])) { interpreter, a in
            guard let items = a["tensors"].sequenceItems(), a["tensors"].typeName != "str" else {
                throw LanguageFailure("cat() takes a list of tensors, got \(a["tensors"].typeName)")
            }
            let tensors = try items.enumerated().map { (i, v) -> Tensor in
                guard case .tensor(let x) = v else { throw LanguageFailure("cat(): item \(i + 1) is \(v.typeName) \(v.repr), not a tensor") }
                return x
            }
            let dim = try a.int("dim")
            guard dim == 1 || (dim == -3 && tensors.first?.rank == 4) else {
                throw LanguageFailure("cat() joins along channels only (dim=1), got dim=\(dim)",
                                      fix: dim == 0 ? "write cat([...], 1): PyTorch's default dim=0 would stack the batch" : "write cat([...], 1)")
            }
            return .tensor(try interpreter.concatenateChannels(tensors))
        }
        t["flatten"] = Self.builtin(Signature("flatten", [("input", nil), ("start_dim", .int(0))])) { _, a in
            .tensor(try flatten(try a.tensor("input"), from: try a.int("start_dim")))
        }
        t["relu"] = Self.builtin(Signature("relu", [("input", nil)])) { _, a in
            let x = try a.tensor("input")
            return .tensor(x.isMeta ? Tensor(meta: x.shape) : Autograd.relu(x))
        }
        t["softmax"] = Self.builtin(Signature("softmax", [("input", nil), ("dim", .int(1))])) { _, a in
            let x = try a.tensor("input")
            let dim = try a.int("dim")
            guard dim == 1 || dim == -1, x.rank == 2 else {
                throw LanguageFailure("softmax() works on (N, classes) along dim=1, got \(formatShape(x.shape))")
            }
            if x.isMeta { return .tensor(Tensor(meta: x.shape)) }
            return .tensor(try Dense.softmax(x))
        }
        t["argmax"] = Self.builtin(Signature("argmax", [("input", nil), ("dim", Value.none)])) { _, a in
            try TensorMath.argmax(try a.tensor("input"))
        }
        t["allclose"] = Self.builtin(Signature("allclose", [("input", nil), ("other", nil), ("rtol", .float(1e-5)), ("atol", .float(1e-8)), ("equal_nan", .bool(false))])) { _, a in
            .bool(try TensorMath.allClose(try a.tensor("input"), try a.tensor("other"), rtol: try a.double("rtol"), atol: try a.double("atol"), equalNaN: try a.bool("equal_nan")))
        }
        return t
    }

    /// Relative paths are relative to the lesson file's folder.
    public func resolve(_ path: String) -> String {
        guard !path.hasPrefix("/"), let base = baseDirectory else { return path }
        return URL(fileURLWithPath: base).appendingPathComponent(path).path
    }

    /// cat along channels; when the other sizes differ, PyTorch's message, and a fix naming the
    /// layer that changed them (or else where the cat is and what it was given).
    func concatenateChannels(_ tensors: [Tensor]) throws -> Tensor {
        do { return try Dense.concatChannels(tensors) } catch let e as TensorError {
            let block = currentInstance?.block
            let name = block.map { $0.path.isEmpty ? $0.typeName : $0.path }
            let fix = block.flatMap { Hints.sizeChangingLayer(in: $0, shapes: tensors.map(\.shape)) }
                ?? (name.map { "in \($0): " } ?? "") + e.description
            guard let first = tensors.first, first.rank == 4 else { throw LanguageFailure(e.description, fix: fix) }
            for (i, t) in tensors.enumerated() where t.rank == 4 {
                for k in [0, 2, 3] where t.shape[k] != first.shape[k] {
                    throw LanguageFailure("Sizes of tensors must match except in dimension 1. Expected size \(first.shape[k]) but got size \(t.shape[k]) for tensor number \(i) in the list.", fix: fix)
                }
            }
            throw LanguageFailure(e.description, fix: fix)
        }
    }

    // MARK: tensor members

    static let tensorMemberNames = ["shape", "ndim", "dim", "numel", "size", "mean", "sum", "max", "min", "std", "abs",
                                    "item", "reshape", "view", "flatten", "argmax", "softmax", "clone", "tolist"]

    func tensorMember(_ x: Tensor, _ name: String) throws -> Value? {
        func method(_ signature: Signature, _ body: @escaping (BoundArguments) throws -> Value) -> Value {
            Self.builtin(signature.parsedAsTorch) { _, a in try body(a) }
        }
        switch name {
        case "shape": return .size(x.shape)
        case "ndim": return .int(x.rank)
        case "dim": return method(Signature("dim")) { _ in .int(x.rank) }
        case "numel": return method(Signature("numel")) { _ in .int(x.count) }
        case "size": return method(Signature("size", [("dim", Value.none)])) { a in
            guard let d = try a.optionalInt("dim") else { return .size(x.shape) }
            let j = d < 0 ? x.rank + d : d
            guard x.shape.indices.contains(j) else { throw LanguageFailure("size(\(d)): a \(x.rank)-D tensor has dims 0…\(x.rank - 1)") }
            return .int(x.shape[j])
        }
        case "mean": return method(Signature("mean")) { _ in .float(try TensorMath.sum(x) / Double(max(x.count, 1))) }
        case "sum": return method(Signature("sum")) { _ in .float(try TensorMath.sum(x)) }
        case "max": return method(Signature("max")) { _ in .float(try TensorMath.extreme(x, max: true)) }
        case "min": return method(Signature("min")) { _ in .float(try TensorMath.extreme(x, max: false)) }
        case "std": return method(Signature("std")) { _ in
            try TensorMath.requireValues(x, "std()")
            return .float(TensorStatistics(x).std)
        }
        case "abs": return method(Signature("abs")) { _ in .tensor(try TensorMath.map(x) { abs($0) }) }
        case "item": return method(Signature("item")) { _ in
            guard x.count == 1 else { throw LanguageFailure("item() needs a tensor with one value, this one is \(formatShape(x.shape))") }
            try TensorMath.requireValues(x, "item()")
            return .float(Double(x.data[0]))
        }
        case "reshape", "view": return method(Signature(name, [], variadic: "shape")) { a in
            var dims = a.rest.count == 1 && a.rest[0].sequenceItems() != nil ? a.rest[0].sequenceItems()! : a.rest
            if let i = dims.firstIndex(where: { $0.asInt == -1 }) {
                let known = try MemoryBudget.elementCount(dims.enumerated().filter { $0.offset != i }.compactMap { $0.element.asInt }.map { Swift.max($0, 0) },
                                                          what: "\(name)()")
                dims[i] = .int(known == 0 ? 0 : x.count / known)
            }
            return .tensor(try x.reshaped(try dims.map { v in
                guard let d = v.asInt, d >= 0 else { throw LanguageFailure("\(name)(): dimensions must be ints ≥ 0 (or one -1)") }
                return d
            }))
        }
        case "flatten": return method(Signature("flatten", [("start_dim", .int(0))])) { a in .tensor(try flatten(x, from: try a.int("start_dim"))) }
        case "argmax": return method(Signature("argmax", [("dim", Value.none)])) { _ in try TensorMath.argmax(x) }
        case "softmax": return method(Signature("softmax", [("dim", .int(1))])) { _ in
            guard x.rank == 2 else { throw LanguageFailure("softmax() works on (N, classes), got \(formatShape(x.shape))") }
            return .tensor(try Dense.softmax(x))
        }
        case "clone": return method(Signature("clone")) { _ in .tensor(Self.cloned(x)) }
        case "tolist": return method(Signature("tolist")) { _ in
            try TensorMath.requireValues(x, "tolist()")
            return .list(ListStorage(x.values.map { .float(Double($0)) }))
        }
        default: return nil
        }
    }
}

/// torch.flatten(x, start_dim): dims from start_dim on become one.
// x: (d0, …, dk) → (d0, …, d_{s−1}, d_s·…·dk)
func flatten(_ x: Tensor, from start: Int) throws -> Tensor {
    let s = start < 0 ? x.rank + start : start
    guard s >= 0, s < max(x.rank, 1) else {
        throw LanguageFailure("flatten(): start_dim \(start) is out of range for a \(x.rank)-D tensor", as: .indexError)
    }
    let shape = Array(x.shape[..<s]) + [x.shape[s...].reduce(1, *)]
    return try x.reshaped(shape)
}
