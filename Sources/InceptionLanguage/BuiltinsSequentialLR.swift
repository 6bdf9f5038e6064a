import Foundation

/// Two schedules more: `SequentialLR` (a warm-up, then another schedule: LinearLR until the
/// milestone, CosineAnnealingLR after it) and `CosineAnnealingWarmRestarts` (SGDR: cosine
/// cycles of T_0, T_0·T_mult, … epochs), with PyTorch's own steps.
extension Interpreter {
    /// SequentialLR(optimizer, schedulers, milestones): each group's rate back to its initial_lr,
    /// the step every scheduler took when it was made taken back, and the first one's taken again;
    /// at each milestone the next scheduler starts over at its epoch 0, between them the current
    /// one steps.
    func sequentialLR() -> Value {
        Self.builtin(Signature("SequentialLR", [("optimizer", nil), ("schedulers", nil), ("milestones", nil), ("last_epoch", .int(-1))])) { interpreter, a in
            let groups = try Self.schedulerGroups(a["optimizer"], "SequentialLR")
            guard try a.int("last_epoch") == -1 else { throw LanguageFailure("SequentialLR(): last_epoch other than -1 (resuming) is not supported") }
            let schedulers = try interpreter.iterationItems(a["schedulers"])
            guard !schedulers.isEmpty else {
                throw LanguageFailure("SequentialLR expects at least one scheduler, but got no scheduler.", as: .valueError)
            }
            let milestones = try interpreter.iterationItems(a["milestones"]).map { v -> Int in
                guard let m = v.asInt else { throw LanguageFailure("SequentialLR: milestones must be ints, got \(v.typeName)") }
                return m
            }
            guard milestones.count == schedulers.count - 1 else {
                throw LanguageFailure("Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers \(schedulers.count) and the number of milestones to be equal to \(milestones.count)", as: .valueError)
            }
            // each scheduler's hidden steps (`_undo_step`, `_restart`), or PyTorch's refusal
            func member(_ i: Int, _ name: String) throws -> Value {
                guard case .object(let s) = schedulers[i], let m = s.member(name) else {
                    let kind = schedulers[i].typeName
                    if kind == "ReduceLROnPlateau" {
                        throw LanguageFailure("SequentialLR does not support `ReduceLROnPlateau` scheduler as it requires additional kwargs to be specified when calling `step`, but got one at index \(i) in the given schedulers sequence.", as: .valueError)
                    }
                    throw LanguageFailure("SequentialLR: scheduler \(i) is a \(kind); here it takes StepLR, MultiStepLR, ExponentialLR, CosineAnnealingLR, LambdaLR, LinearLR and ConstantLR")
                }
                return m
            }
            for i in schedulers.indices { _ = try member(i, "_restart") }
            for group in groups { if let initial = group[.string("initial_lr")] { group.set(.string("lr"), initial) } }
            for i in schedulers.indices { _ = try interpreter.callBack(try member(i, "_undo_step"), Arguments()) }
            _ = try interpreter.callBack(try member(0, "_restart"), Arguments())
            var epoch = 0
            return Self.schedulerObject("SequentialLR", ["step", "get_last_lr", "last_epoch"], groups: groups, optimizer: a["optimizer"]) { name in
                switch name {
                case "step":
                    return .builtin(Builtin("step") { interpreter, _ in
                        epoch += 1
                        let index = milestones.filter { $0 <= epoch }.count        // bisect_right
                        let starts = index > 0 && milestones[index - 1] == epoch
                        _ = try interpreter.callBack(try member(index, starts ? "_restart" : "step"), Arguments())
                        return .none
                    })
                case "last_epoch": return .int(epoch)
                default: return nil
                }
            }
        }
    }

    /// CosineAnnealingWarmRestarts(optimizer, T_0, T_mult=1, eta_min=0): the rate follows
    /// η_min + (base − η_min)·(1 + cos(π·T_cur/T_i))/2, T_cur counting epochs since the last
    /// restart, T_i the cycle's length (×T_mult at each restart); `step(epoch)` may give a
    /// fractional epoch, as PyTorch's does.
    func cosineWarmRestarts() -> Value {
        Self.builtin(Signature("CosineAnnealingWarmRestarts", [("optimizer", nil), ("T_0", nil), ("T_mult", .int(1)), ("eta_min", .float(0)),
                                                               ("last_epoch", .int(-1))])) { _, a in
            let groups = try Self.schedulerGroups(a["optimizer"], "CosineAnnealingWarmRestarts")
            guard try a.int("last_epoch") == -1 else { throw LanguageFailure("CosineAnnealingWarmRestarts(): last_epoch other than -1 (resuming) is not supported") }
            let t0 = try a.int("T_0"), tMult = try a.int("T_mult"), etaMin = try a.double("eta_min")
            guard t0 > 0 else { throw LanguageFailure("Expected positive integer T_0, but got \(t0)", as: .valueError) }
            guard tMult >= 1 else { throw LanguageFailure("Expected integer T_mult >= 1, but got \(tMult)", as: .valueError) }
            let bases = try Self.baseRates(groups, "CosineAnnealingWarmRestarts")
            var (tI, tCur, lastEpoch) = (Double(t0), 0.0, 0)
            func apply() {
                for (group, base) in zip(groups, bases) {
                    group.set(.string("lr"), .float(etaMin + (base - etaMin) * (1 + Foundation.cos(Double.pi * tCur / tI)) / 2))
                }
            }
            apply()
            return Self.schedulerObject("CosineAnnealingWarmRestarts", ["step", "get_last_lr", "last_epoch", "T_cur", "T_i", "base_lrs"],
                                        groups: groups, optimizer: a["optimizer"]) { name in
                switch name {
                case "step":
                    return Self.builtin(Signature("step", [("epoch", Value.none)])) { _, s in
                        if s["epoch"].isNone {
                            lastEpoch += 1
                            tCur += 1
                            if tCur >= tI { tCur -= tI; tI *= Double(tMult) }
                        } else {
                            let e = try s.double("epoch")
                            guard e >= 0 else { throw LanguageFailure("Expected non-negative epoch, but got \(s["epoch"].repr)", as: .valueError) }
                            if e >= Double(t0) {
                                if tMult == 1 {
                                    tCur = e.truncatingRemainder(dividingBy: Double(t0))
                                } else {
                                    let n = Int(Foundation.log(e / Double(t0) * Double(tMult - 1) + 1) / Foundation.log(Double(tMult)))
                                    let grown = Foundation.pow(Double(tMult), Double(n))
                                    tCur = e - Double(t0) * (grown - 1) / Double(tMult - 1)
                                    tI = Double(t0) * grown
                                }
                            } else {
                                tI = Double(t0); tCur = e
                            }
                            lastEpoch = Int(e.rounded(.down))
                        }
                        apply()
                        return .none
                    }
                case "last_epoch": return .int(lastEpoch)
                case "T_cur": return tCur == tCur.rounded() ? .int(Int(tCur)) : .float(tCur)
                case "T_i": return .int(Int(tI))
                case "base_lrs": return .list(ListStorage(bases.map { .float($0) }))
                default: return nil
                }
            }
        }
    }
}
