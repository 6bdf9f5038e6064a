import Foundation
import InceptionRuntime

/// Layers that are another layer's operation on a reshaped input, with PyTorch's reprs:
/// nn.Flatten(start_dim, end_dim) beyond the default, nn.AdaptiveMaxPool1d and F.adaptive_max_pool1d (adaptive_max_pool2d on (N, C, 1, L)),
/// nn.ChannelShuffle; and torch.promote_types, result_type and can_cast on the language's dtypes.
extension Interpreter {
    // x: (C, L) or (N, C, L) → (…, n), each output the max of its adaptive window
    static func adaptiveMaxPool1d(_ x: Tensor, _ n: Int) throws -> Tensor {
        guard x.rank == 2 || x.rank == 3 else { throw LanguageFailure("adaptive_max_pool1d(): Expected 2D or 3D input, got \(x.rank)D") }
        let planes = try x.reshaped(Array(x.shape.dropLast()) + [1, x.shape[x.rank - 1]])
        let pooled = try Self.adaptiveMaxPool(x.rank == 2 ? try planes.reshaped([1] + planes.shape) : planes, (1, n))
        return Self.named(try pooled.reshaped(Array(x.shape.dropLast()) + [n]), "SqueezeBackward1")      // PyTorch squeezes the 2-D pool's result
    }

    func smallLayerBuiltins() -> [String: Value] {
        var t: [String: Value] = [:]
        t["AdaptiveMaxPool1d"] = Self.builtin(Signature("AdaptiveMaxPool1d", [("output_size", nil), ("return_indices", .bool(false))])) { _, a in
            let n = try Self.single(a["output_size"], "output_size", "AdaptiveMaxPool1d")
            guard !(try a.bool("return_indices")) else { throw LanguageFailure("AdaptiveMaxPool1d(return_indices=True) is not supported here") }
            return .module(Self.functionLayer("AdaptiveMaxPool1d", "output_size=\(a["output_size"].repr)") { _, x, _ in try Self.adaptiveMaxPool1d(x, n) })
        }
        t["ChannelShuffle"] = Self.builtin(Signature("ChannelShuffle", [("groups", nil)])) { [unowned self] _, a in
            let groups = try a.int("groups")
            return .module(Self.functionLayer("ChannelShuffle", "groups=\(groups)") { [unowned self] _, x, _ in
                // (N, g, C/g, …) with the two group dims swapped, back to (N, C, …)
                guard x.rank >= 3 else { throw LanguageFailure("channel_shuffle expects input with > 2 dims, but got input with sizes \(x.shape)") }
                guard groups > 0, x.shape[1] % groups == 0 else {
                    throw LanguageFailure("Number of channels must be divisible by groups. Got \(x.shape[1]) channels and \(groups) groups.")
                }
                let split = [x.shape[0], groups, x.shape[1] / groups] + Array(x.shape.dropFirst(2))
                return try composed(x).call("reshape", Value.tuple(split.map { .int($0) })).call("transpose", 1, 2)
                    .call("reshape", Value.tuple(x.shape.map { .int($0) })).tensor
            })
        }
        return t
    }

    /// nn.Flatten(start_dim, end_dim) other than the default: x.flatten(start_dim, end_dim).
    static func flattenLayer(_ start: Int, _ end: Int) -> Block {
        functionLayer("Flatten", "start_dim=\(start), end_dim=\(end)") { _, x, _ in
            let rank = max(x.rank, 1)
            let (s, e) = (try TensorOps.dim(start, rank: rank), try TensorOps.dim(end, rank: rank))
            guard s <= e else { throw LanguageFailure("flatten() has invalid args: start_dim cannot come after end_dim") }
            if s == e, x.rank > 0 { return x }         // nothing to flatten: the tensor itself, as ATen returns it
            let middle = x.shape.isEmpty ? 1 : x.shape[s...e].reduce(1, *)
            return try reshaped(x, Array(x.shape.prefix(s)) + [middle] + Array(x.shape.dropFirst(e + 1)))
        }
    }

    func dtypeRuleBuiltins() -> [String: Value] {
        var t: [String: Value] = [:]
        func dtype(_ v: Value, _ function: String) throws -> DType {
            if case .tensor(let x) = v { return TensorOps.dtype(x) }
            guard let d = try Self.dtypeArgument(v) else { throw LanguageFailure("\(function)(): expected a dtype, got \(v.typeName)", as: .typeError) }
            return d
        }
        t["promote_types"] = Self.builtin(Signature("promote_types", [("type1", nil), ("type2", nil)])) { _, a in
            .object(Self.dtypeToken(TensorOps.promote(try dtype(a["type1"], "promote_types"), try dtype(a["type2"], "promote_types"))))
        }
        t["result_type"] = Self.builtin(Signature("result_type", [("tensor1", nil), ("tensor2", nil)])) { _, a in
            // a tensor's dtype against another tensor's, or against a Python number's kind
            func kind(_ v: Value) throws -> (DType, isNumber: Bool) {
                switch v {
                case .tensor(let x): return (TensorOps.dtype(x), false)
                case .bool: return (.bool, true)
                case .int: return (.int64, true)
                case .float: return (.float32, true)
                default: throw LanguageFailure("result_type(): expected a tensor or a number, got \(v.typeName)", as: .typeError)
                }
            }
            let (p, q) = (try kind(a["tensor1"]), try kind(a["tensor2"]))
            // a number changes a tensor's dtype only when it is of a higher kind
            let rank: [DType: Int] = [.bool: 0, .int32: 1, .int64: 2, .float32: 3]
            let result: DType
            if p.isNumber != q.isNumber {
                let (tensor, number) = p.isNumber ? (q.0, p.0) : (p.0, q.0)
                result = rank[number]! > rank[tensor]! ? number : tensor
            } else {
                result = TensorOps.promote(p.0, q.0)
            }
            return .object(Self.dtypeToken(result))
        }
        t["can_cast"] = Self.builtin(Signature("can_cast", [("from_", nil), ("to", nil)])) { _, a in
            // casting down a kind (float → int, anything but bool → bool) is not allowed
            let rank: [DType: Int] = [.bool: 0, .int32: 1, .int64: 2, .float32: 3]
            return .bool(rank[try dtype(a["from_"], "can_cast")]! <= rank[try dtype(a["to"], "can_cast")]!)
        }
        return t
    }
}
