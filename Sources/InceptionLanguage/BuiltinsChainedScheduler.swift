import Foundation

/// `ChainedScheduler(schedulers, optimizer=None)`: one `step()` steps every scheduler in turn, so
/// their recursive rules compose (ConstantLR's warm-up factor times ExponentialLR's decay), as
/// PyTorch's does; `get_last_lr()` is the rates after the last step, read from the last one.
extension Interpreter {
    func chainedScheduler() -> Value {
        Self.builtin(Signature("ChainedScheduler", [("schedulers", nil), ("optimizer", Value.none)])) { interpreter, a in
            let schedulers = try interpreter.iterationItems(a["schedulers"])
            guard !schedulers.isEmpty else {
                throw LanguageFailure("ChainedScheduler expects at least one scheduler to be chained, but got no scheduler.", as: .valueError)
            }
            // PyTorch's checks, in its order
            for (i, s) in schedulers.enumerated() {
                guard case .object(let object) = s, object.member("get_last_lr") != nil else {
                    throw LanguageFailure("ChainedScheduler at index \(i) should have `optimizer` as its attribute.", as: .typeError)
                }
                if s.typeName == "ReduceLROnPlateau" {
                    throw LanguageFailure("ChainedScheduler does not support `ReduceLROnPlateau` scheduler as it requires additional kwargs to be specified when calling `step`, but got one at index \(i) in the given schedulers sequence.", as: .valueError)
                }
            }
            func member(_ i: Int, _ name: String) throws -> Value {
                guard case .object(let s) = schedulers[i], let m = s.member(name) else { throw LanguageFailure("ChainedScheduler: scheduler \(i) has no \(name)()") }
                return m
            }
            func lastRates() throws -> Value { try interpreter.callBack(try member(schedulers.count - 1, "get_last_lr"), Arguments()) }
            var lastLR = try lastRates()
            return Self.schedulerObject("ChainedScheduler", ["step", "get_last_lr"]) { name in
                switch name {
                case "step":
                    return .builtin(Builtin("step") { interpreter, _ in
                        for i in schedulers.indices { _ = try interpreter.callBack(try member(i, "step"), Arguments()) }
                        lastLR = try lastRates()
                        return .none
                    })
                case "get_last_lr": return .builtin(Builtin("get_last_lr") { _, _ in lastLR })          // its own list, as PyTorch's _last_lr
                default: return nil
                }
            }
        }
    }
}
