import Foundation

/// `lr_scheduler.CyclicLR`: the rate goes from base_lr up to max_lr over step_size_up steps and
/// back over step_size_down, each cycle's height scaled by mode (triangular: 1, triangular2:
/// halved each cycle, exp_range: gamma^step) or a program's scale_fn; with cycle_momentum the
/// optimiser's momentum (SGD) or β₁ (Adam) moves the other way between max_momentum and
/// base_momentum. Made, it sets every group's rate to base_lr and its momentum to max_momentum
/// (and keeps both ends in the group, as PyTorch does); each step computes both from PyTorch's
/// get_lr, in its order of float operations.
extension Interpreter {
    func cyclicLR() -> Value {
        let parameters: [(String, Value?)] = [
            ("optimizer", nil), ("base_lr", nil), ("max_lr", nil), ("step_size_up", .int(2000)), ("step_size_down", Value.none),
            ("mode", .string("triangular")), ("gamma", .float(1)), ("scale_fn", Value.none), ("scale_mode", .string("cycle")),
            ("cycle_momentum", .bool(true)), ("base_momentum", .float(0.8)), ("max_momentum", .float(0.9)), ("last_epoch", .int(-1))]
        return Self.builtin(Signature("CyclicLR", parameters)) { interpreter, a in
            let groups = try Self.schedulerGroups(a["optimizer"], "CyclicLR")
            guard try a.int("last_epoch") == -1 else { throw LanguageFailure("CyclicLR(): last_epoch other than -1 (resuming) is not supported") }
            func perGroup(_ name: String) throws -> [Double] { try Self.valuePerGroup(a, name, groups) }
            let (baseLRs, maxLRs) = (try perGroup("base_lr"), try perGroup("max_lr"))
            for (group, base) in zip(groups, baseLRs) { group.set(.string("lr"), .float(base)) }
            let up = try a.double("step_size_up")
            let down = a["step_size_down"].isNone ? up : try a.double("step_size_down")
            let totalSize = up + down, stepRatio = up / totalSize
            let mode = try a.string("mode"), gamma = try a.double("gamma")
            let custom = a["scale_fn"].isNone ? nil : a["scale_fn"]
            guard ["triangular", "triangular2", "exp_range"].contains(mode) || custom != nil else {
                throw LanguageFailure("mode is invalid and scale_fn is None", as: .valueError)
            }
            // the scale a cycle (or a step) gets, and which of the two it takes
            let scaleMode = custom == nil ? (mode == "exp_range" ? "iterations" : "cycle") : try a.string("scale_mode")
            func scale(_ x: Int, _ interpreter: Interpreter) throws -> Double {
                if let custom {
                    let v = try interpreter.callBack(custom, Arguments([.int(x)]))
                    guard let d = v.asDouble, isNumber(v) else { throw LanguageFailure("CyclicLR: scale_fn must return a number, got \(v.typeName)", as: .typeError) }
                    return d
                }
                switch mode {
                case "triangular2": return 1 / Foundation.pow(2.0, Double(x - 1))
                case "exp_range": return Foundation.pow(gamma, Double(x))
                default: return 1
                }
            }
            let cycleMomentum = try a.bool("cycle_momentum")
            var baseMomenta: [Double] = [], maxMomenta: [Double] = []
            var usesBeta1 = false
            if cycleMomentum {
                guard case .object(let optimizer) = a["optimizer"], case .dict(let defaults)? = optimizer.member("defaults"),
                      defaults[.string("momentum")] != nil || defaults[.string("betas")] != nil else {
                    throw LanguageFailure("optimizer must support momentum or beta1 with `cycle_momentum` option enabled", as: .valueError)
                }
                usesBeta1 = defaults[.string("betas")] != nil
                (baseMomenta, maxMomenta) = (try perGroup("base_momentum"), try perGroup("max_momentum"))
            }
            func setMomentum(_ group: DictStorage, _ momentum: Double) {
                if usesBeta1, let betas = group[.string("betas")]?.sequenceItems() {
                    group.set(.string("betas"), .tuple([.float(momentum)] + betas.dropFirst()))
                } else {
                    group.set(.string("momentum"), .float(momentum))
                }
            }
            for (i, group) in groups.enumerated() where cycleMomentum {
                setMomentum(group, maxMomenta[i])
                group.set(.string("max_momentum"), .float(maxMomenta[i]))
                group.set(.string("base_momentum"), .float(baseMomenta[i]))
            }
            _ = try Self.baseRates(groups, "CyclicLR")            // initial_lr: base_lr, as PyTorch's setdefault leaves it
            var epoch = 0
            func apply(_ interpreter: Interpreter) throws {
                let cycle = Int((1 + Double(epoch) / totalSize).rounded(.down))
                let x = 1.0 + Double(epoch) / totalSize - Double(cycle)
                let factor = x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1)
                let s = try scale(scaleMode == "cycle" ? cycle : epoch, interpreter)
                for (i, group) in groups.enumerated() {
                    group.set(.string("lr"), .float(baseLRs[i] + (maxLRs[i] - baseLRs[i]) * factor * s))
                }
                for (i, group) in groups.enumerated() where cycleMomentum {
                    setMomentum(group, maxMomenta[i] - (maxMomenta[i] - baseMomenta[i]) * factor * s)
                }
            }
            try apply(interpreter)                                 // step 0, as PyTorch's constructor takes it
            return Self.schedulerObject("CyclicLR", ["step", "get_last_lr", "last_epoch", "base_lrs", "max_lrs", "total_size", "step_ratio", "mode", "scale_mode"],
                                        groups: groups, optimizer: a["optimizer"]) { member in
                switch member {
                case "step": return .builtin(Builtin("step") { interpreter, _ in epoch += 1; try apply(interpreter); return .none })
                case "last_epoch": return .int(epoch)
                case "base_lrs": return .list(ListStorage(baseLRs.map { .float($0) }))
                case "max_lrs": return .list(ListStorage(maxLRs.map { .float($0) }))
                case "total_size": return .float(totalSize)
                case "step_ratio": return .float(stepRatio)
                case "mode": return .string(mode)
                case "scale_mode": return .string(scaleMode)
                default: return nil
                }
            }
        }
    }
}
