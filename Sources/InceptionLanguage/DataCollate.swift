import Foundation
import InceptionRuntime

/// torch.utils.data's default_collate and default_convert.
/// default_collate: tensors stacked along a new first dimension, ints (int64) and bools made
/// tensors, tuples and lists collated field by field (a list of the fields), dicts key by key,
/// strings kept as the container they came in (the batch's list; a tuple when they are a field
/// of tuple or list samples, as PyTorch's `zip(*batch)` makes them). Python floats (float64
/// tensors in PyTorch) are refused.
enum Collate {
    /// `samples` collated; `inTuple`: they came as a tuple (a transposed field, or a tuple given to
    /// default_collate), which is what strings are kept in.
    static func batch(_ samples: [Value], inTuple: Bool = false) throws -> Value {
        guard let first = samples.first else { return .list(ListStorage([])) }
        switch first {
        case .tensor:
            let tensors = try samples.map { v -> Tensor in
                guard case .tensor(let t) = v else { throw LanguageFailure("default_collate: a batch mixes a tensor with a \(v.typeName)") }
                return t
            }
            return .tensor(try TensorOps.stack(tensors, dim: 0))
        case .int, .bool:
            let isBool = if case .bool = first { true } else { false }
            let values = try samples.map { v -> Float in
                guard let d = v.asDouble, v.typeName == first.typeName else { throw LanguageFailure("default_collate: a batch mixes a \(first.typeName) with a \(v.typeName)") }
                return Float(d)
            }
            return .tensor(TensorOps.make([values.count], values: values, isBool ? .bool : .int64))
        case .float:
            throw LanguageFailure("default_collate: Python floats make float64 tensors in PyTorch, which are not supported here",
                                  fix: "return a float32 tensor from __getitem__, e.g. torch.tensor(value)")
        case .string:
            return inTuple ? .tuple(samples) : .list(ListStorage(samples))
        case .tuple, .list:
            let width = first.sequenceItems()!.count
            let rows = try samples.map { v -> [Value] in
                guard let items = v.sequenceItems(), items.count == width else { throw LanguageFailure("each element in list of batch should be of equal size") }
                return items
            }
            return .list(ListStorage(try (0..<width).map { k in try batch(rows.map { $0[k] }, inTuple: true) }))
        case .dict(let d):
            let out = DictStorage()
            for key in d.entries.map(\.key) {
                out.set(key, try batch(samples.map { v in
                    guard case .dict(let e) = v, let value = e[key] else { throw LanguageFailure("default_collate: a sample lacks the key \(key.repr)") }
                    return value
                }))
            }
            return .dict(out)
        default:
            throw LanguageFailure("default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found \(first.typeName)", as: .typeError)
        }
    }

    /// default_convert, what a loader without batching (batch_size=None) applies to each sample:
    /// tuples become lists (as PyTorch keeps for backwards compatibility), lists and dicts are
    /// converted item by item, everything else is left as it is (there are no NumPy arrays here).
    static func convert(_ sample: Value) -> Value {
        switch sample {
        case .tuple(let items): return .list(ListStorage(items.map(convert)))
        case .list(let l) where l.view == nil: return .list(ListStorage(l.items.map(convert)))
        case .dict(let d): return .dict(DictStorage(d.entries.map { (key: $0.key, value: convert($0.value)) }, kind: d.kind))
        default: return sample
        }
    }
}
