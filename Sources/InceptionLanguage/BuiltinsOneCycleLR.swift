import Foundation

/// `lr_scheduler.OneCycleLR`: the rate climbs from max_lr / div_factor to max_lr over the first
/// pct_start of total_steps, then anneals to initial_lr / final_div_factor (three_phase: back to
/// the initial rate first), by cosine or linearly; with cycle_momentum the optimiser's momentum
/// (SGD) or β₁ (Adam) moves the other way between max_momentum and base_momentum. Each step
/// computes both from the phase it is in, as PyTorch's get_lr does, and writes them into every
/// group of `param_groups`, which the next `opt.step()` reads.
extension Interpreter {
    func oneCycleLR() -> Value {
        let parameters: [(String, Value?)] = [
            ("optimizer", nil), ("max_lr", nil), ("total_steps", Value.none), ("epochs", Value.none), ("steps_per_epoch", Value.none),
            ("pct_start", .float(0.3)), ("anneal_strategy", .string("cos")), ("cycle_momentum", .bool(true)), ("base_momentum", .float(0.85)),
            ("max_momentum", .float(0.95)), ("div_factor", .float(25)), ("final_div_factor", .float(1e4)), ("three_phase", .bool(false)),
            ("last_epoch", .int(-1))]
        return Self.builtin(Signature("OneCycleLR", parameters)) { _, a in
            let groups = try Self.schedulerGroups(a["optimizer"], "OneCycleLR")
            guard try a.int("last_epoch") == -1 else { throw LanguageFailure("OneCycleLR(): last_epoch other than -1 (resuming) is not supported") }
            let totalSteps: Int
            if let total = try a.optionalInt("total_steps") {
                guard total > 0 else { throw LanguageFailure("Expected positive integer total_steps, but got \(total)", as: .valueError) }
                totalSteps = total
            } else if let epochs = try a.optionalInt("epochs"), let perEpoch = try a.optionalInt("steps_per_epoch") {
                guard epochs > 0 else { throw LanguageFailure("Expected positive integer epochs, but got \(epochs)", as: .valueError) }
                guard perEpoch > 0 else { throw LanguageFailure("Expected positive integer steps_per_epoch, but got \(perEpoch)", as: .valueError) }
                totalSteps = epochs * perEpoch
            } else {
                throw LanguageFailure("You must define either total_steps OR (epochs AND steps_per_epoch)", as: .valueError)
            }
            let pct = try a.double("pct_start")
            guard (0...1).contains(pct) else { throw LanguageFailure("Expected float between 0 and 1 pct_start, but got \(a["pct_start"].repr)", as: .valueError) }
            let strategy = try a.string("anneal_strategy")
            guard ["cos", "linear"].contains(strategy) else {
                throw LanguageFailure("anneal_strategy must be one of 'cos' or 'linear', instead got \(strategy)", as: .valueError)
            }
            func anneal(_ start: Double, _ end: Double, _ fraction: Double) -> Double {
                strategy == "cos" ? end + (start - end) / 2 * (Foundation.cos(Double.pi * fraction) + 1) : (end - start) * fraction + start
            }
            // each group's rates and momenta, as PyTorch keeps them in the group (max_lr: one for
            // all groups, or a list with one a group)
            let maxLRs = try Self.valuePerGroup(a, "max_lr", groups)
            let (divFactor, finalDivFactor) = (try a.double("div_factor"), try a.double("final_div_factor"))
            let cycleMomentum = try a.bool("cycle_momentum")
            let (baseMomentum, maxMomentum) = (try a.double("base_momentum"), try a.double("max_momentum"))
            for (group, maxLR) in zip(groups, maxLRs) {
                let initialLR = maxLR / divFactor
                for (key, value) in [("initial_lr", initialLR), ("max_lr", maxLR), ("min_lr", initialLR / finalDivFactor)] { group.set(.string(key), .float(value)) }
                if cycleMomentum {
                    guard group[.string("betas")] != nil || group[.string("momentum")] != nil else {
                        throw LanguageFailure("optimizer must support momentum or beta1 with `cycle_momentum` option enabled", as: .valueError)
                    }
                    group.set(.string("max_momentum"), .float(maxMomentum))
                    group.set(.string("base_momentum"), .float(baseMomentum))
                }
            }
            // phases: (last step, rates from → to as keys of the group, momenta from → to)
            let rising = pct * Double(totalSteps) - 1, last = Double(totalSteps - 1)
            let phases: [(end: Double, lr: (String, String), momentum: (Double, Double))] = try a.bool("three_phase")
                ? [(rising, ("initial_lr", "max_lr"), (maxMomentum, baseMomentum)),
                   (2 * pct * Double(totalSteps) - 2, ("max_lr", "initial_lr"), (baseMomentum, maxMomentum)),
                   (last, ("initial_lr", "min_lr"), (maxMomentum, maxMomentum))]
                : [(rising, ("initial_lr", "max_lr"), (maxMomentum, baseMomentum)), (last, ("max_lr", "min_lr"), (baseMomentum, maxMomentum))]
            var step = 0
            func apply() throws {
                guard step <= totalSteps else {
                    throw LanguageFailure("Tried to step \(step) times. The specified number of total steps is \(totalSteps)", as: .valueError)
                }
                var start = 0.0
                for (i, phase) in phases.enumerated() {
                    guard Double(step) <= phase.end || i == phases.count - 1 else { start = phase.end; continue }
                    let fraction = (Double(step) - start) / (phase.end - start)
                    for group in groups {
                        let rate = { (key: String) in group[.string(key)]?.asDouble ?? 0 }
                        group.set(.string("lr"), .float(anneal(rate(phase.lr.0), rate(phase.lr.1), fraction)))
                        guard cycleMomentum else { continue }
                        let momentum = anneal(phase.momentum.0, phase.momentum.1, fraction)
                        if let betas = group[.string("betas")]?.sequenceItems() {
                            group.set(.string("betas"), .tuple([.float(momentum)] + betas.dropFirst()))
                        } else {
                            group.set(.string("momentum"), .float(momentum))
                        }
                    }
                    return
                }
            }
            try apply()
            return Self.schedulerObject("OneCycleLR", ["step", "get_last_lr", "last_epoch", "total_steps"], groups: groups, optimizer: a["optimizer"]) { member in
                switch member {
                case "step": return .builtin(Builtin("step") { _, _ in step += 1; try apply(); return .none })
                case "last_epoch": return .int(step)
                case "total_steps": return .int(totalSteps)
                default: return nil
                }
            }
        }
    }
}
