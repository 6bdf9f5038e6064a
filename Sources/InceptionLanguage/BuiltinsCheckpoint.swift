import Foundation
import InceptionRuntime

/// torch.save / torch.load of a checkpoint: any tree of dicts, lists, tuples, numbers, strings,
/// None, torch.Size and tensors (`{'model': model.state_dict(), 'optimizer': opt.state_dict(),
/// 'epoch': 3}`), as training scripts save one. PyTorch pickles it; here it is a safetensors file
/// whatever its name: the tensors as "0", "1", … (a tensor held twice is stored once and comes back
/// shared) and the tree as JSON in the metadata (`inception.checkpoint`). This language's
/// torch.load reads it back; PyTorch's cannot (safetensors.torch.load_file reads the tensors).
extension Interpreter {
    static let checkpointKey = "inception.checkpoint"

    /// Writes `obj` as a checkpoint to `path` (checked by the write policy).
    func saveCheckpoint(_ obj: Value, _ path: String) throws {
        var tensors: [(String, Tensor)] = [], index: [ObjectIdentifier: Int] = [:], ints = Set<String>()
        func encode(_ v: Value, _ at: String) throws -> Any {
            switch v {
            case .none: return ["n"]
            case .bool(let b): return ["b", b]
            case .int(let i): return ["i", i]
            case .float(let d): return d.isFinite ? ["f", d] : ["f", d.isNaN ? "nan" : d > 0 ? "inf" : "-inf"]
            case .string(let s): return ["s", s]
            case .size(let s): return ["S", s]
            case .tuple(let items): return ["t", try items.enumerated().map { try encode($1, "\(at)[\($0)]") }]
            case .list(let l): return ["l", try l.items.enumerated().map { try encode($1, "\(at)[\($0)]") }]
            case .dict(let d):
                return [d.kind == .ordered ? "o" : "d", try d.entries.map { [try encode($0.key, at), try encode($0.value, "\(at)[\($0.key.repr)]")] }]
            case .tensor(let x):
                try TensorMath.requireValues(x, "torch.save()")
                let id = ObjectIdentifier(x)
                if index[id] == nil {
                    index[id] = tensors.count
                    tensors.append((String(tensors.count), x))
                    if TensorOps.dtype(x) == .int64 { ints.insert(String(tensors.count - 1)) }
                }
                // as PyTorch's pickle: requires_grad kept (a loss comes back a leaf that requires grad), a Parameter stays one
                return ["T", index[id]!, TensorOps.dtype(x).rawValue, x.requiresGrad, x.isParameter]
            case .set(let s): return [s.frozen ? "F" : "e", try s.items.enumerated().map { try encode($1, "\(at) item \($0)") }]
            case .module:
                throw LanguageFailure("torch.save(): cannot save \(at), a \(v.typeName): a checkpoint holds dicts, lists, tuples, numbers, strings, None and tensors",
                                      fix: "save its weights: model.state_dict()")
            default:
                throw LanguageFailure("torch.save(): cannot save \(at), a \(v.typeName): a checkpoint holds dicts, lists, tuples, numbers, strings, None and tensors",
                                      fix: "save what it holds (its state_dict(), its numbers) instead")
            }
        }
        let tree = try encode(obj, "the object")
        let json = String(decoding: try JSONSerialization.data(withJSONObject: tree, options: [.fragmentsAllowed]), as: UTF8.self)
        try writeSafeTensors(tensors, metadata: [Self.checkpointKey: json], int64Names: ints,
                             to: try WritePolicy.check(path, base: baseDirectory, what: "torch.save()"))
    }

    /// The checkpoint in `file` (read from `path`), or nil when it is not one.
    func loadCheckpoint(_ file: SafeTensorsFile, _ path: String) throws -> Value? {
        guard let json = file.metadata[Self.checkpointKey] else { return nil }
        func broken() -> LanguageFailure { LanguageFailure("\(path): its checkpoint structure is damaged", fix: "save it again with torch.save") }
        guard let tree = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]) else { throw broken() }
        var made: [Int: Tensor] = [:]
        func decode(_ node: Any) throws -> Value {
            guard let parts = node as? [Any], let tag = parts.first as? String else { throw broken() }
            let body = parts.count > 1 ? parts[1] : nil
            switch tag {
            case "n": return .none
            case "b": guard let b = body as? Bool else { throw broken() }; return .bool(b)
            case "i": guard let n = body as? NSNumber else { throw broken() }; return .int(n.intValue)
            case "f":
                if let s = body as? String { return .float(s == "nan" ? .nan : s == "inf" ? .infinity : -.infinity) }
                guard let n = body as? NSNumber else { throw broken() }
                return .float(n.doubleValue)
            case "s": guard let s = body as? String else { throw broken() }; return .string(s)
            case "S": guard let s = body as? [NSNumber] else { throw broken() }; return .size(s.map(\.intValue))
            case "t": guard let items = body as? [Any] else { throw broken() }; return .tuple(try items.map(decode))
            case "l": guard let items = body as? [Any] else { throw broken() }; return .list(ListStorage(try items.map(decode)))
            case "d", "o":
                guard let pairs = body as? [[Any]] else { throw broken() }
                return .dict(DictStorage(try pairs.map { pair in
                    guard pair.count == 2 else { throw broken() }
                    return (try decode(pair[0]), try decode(pair[1]))
                }, kind: tag == "o" ? .ordered : .dict))
            case "e", "F":
                guard let items = body as? [Any] else { throw broken() }
                let s = SetStorage(frozen: tag == "F")
                for item in items { try s.add(try decode(item)) }
                return .set(s)
            case "T":
                // a fifth part (whether it was an nn.Parameter) is absent from older checkpoints
                guard parts.count == 4 || parts.count == 5, let i = (parts[1] as? NSNumber)?.intValue, let dtype = (parts[2] as? String).flatMap(DType.init),
                      let grad = parts[3] as? Bool, let stored = file.tensors[String(i)] else { throw broken() }
                if let x = made[i] { return .tensor(x) }
                if parts.count == 5, parts[4] as? Bool == true {
                    let p = Self.newParameter(TensorKinds.shared.setDType(stored, dtype), requiresGrad: grad)
                    made[i] = p
                    return .tensor(p)
                }
                let x = TensorKinds.shared.setDType(stored, dtype)
                if grad { try setRequiresGrad(x, true) }
                made[i] = x
                return .tensor(x)
            default: throw broken()
            }
        }
        return try decode(tree)
    }
}
