import Foundation

/// `torch.optim.lr_scheduler`: StepLR (the paper's schedule is StepLR(opt, 8, 0.96) stepped
/// each epoch), MultiStepLR, ExponentialLR, PolynomialLR, CosineAnnealingLR, LambdaLR,
/// MultiplicativeLR, LinearLR, ConstantLR, OneCycleLR (`BuiltinsOneCycleLR`), CyclicLR
/// (`BuiltinsCyclicLR`), ChainedScheduler (`BuiltinsChainedScheduler`) and ReduceLROnPlateau. Each rewrites every group's
/// `optimizer.param_groups[i]["lr"]`, which the next `opt.step()` reads, with PyTorch's own
/// recursive formulas (lr × γ at a step, not base × γ^k), so the printed rates match PyTorch's
/// to the last digit. As in PyTorch, making one sets `initial_lr` and takes step 0 (which
/// LinearLR and ConstantLR scale by their start factor).
extension Interpreter {
    func lrSchedulerNamespace() -> Namespace {
        /// A scheduler kind: its extra parameters and the rate after a step, from the rate
        /// before it, the base rate and the epoch just reached (≥ 1).
        typealias Rule = (_ lr: Double, _ base: Double, _ epoch: Int, _ a: BoundArguments, _ interpreter: Interpreter) throws -> Double
        /// The factor step 0 sets the rate to (LinearLR, ConstantLR), checking the arguments.
        typealias Start = (_ a: BoundArguments) throws -> Double
        func factor(_ a: BoundArguments, _ name: String, above zero: Bool, _ message: String) throws -> Double {
            let f = try a.double(name)
            guard f <= 1, zero ? f > 0 : f >= 0 else { throw LanguageFailure(message, as: .valueError) }
            return f
        }
        let kinds: [(String, [(String, Value?)], Rule, Start?)] = [
            ("StepLR", [("step_size", nil), ("gamma", .float(0.1))], { lr, _, epoch, a, _ in
                let size = try a.double("step_size")             // a float too, as Python's % takes it
                guard size > 0 else { throw LanguageFailure("StepLR: step_size must be positive, got \(formatFloat(size))") }
                return Double(epoch).truncatingRemainder(dividingBy: size) == 0 ? lr * (try a.double("gamma")) : lr
            }, nil),
            ("MultiStepLR", [("milestones", nil), ("gamma", .float(0.1))], { lr, _, epoch, a, _ in
                guard let milestones = a["milestones"].sequenceItems()?.compactMap(\.asInt) else {
                    throw LanguageFailure("MultiStepLR: milestones must be a list of ints")
                }
                let hits = milestones.filter { $0 == epoch }.count
                return hits == 0 ? lr : lr * Foundation.pow(try a.double("gamma"), Double(hits))
            }, nil),
            ("ExponentialLR", [("gamma", nil)], { lr, _, _, a, _ in lr * (try a.double("gamma")) }, nil),
            ("PolynomialLR", [("total_iters", .int(5)), ("power", .float(1))], { lr, _, epoch, a, _ in
                let total = Double(try a.int("total_iters")), e = Double(epoch)
                guard e <= total else { return lr }
                return lr * Foundation.pow((1 - e / total) / (1 - (e - 1) / total), try a.double("power"))
            }, nil),
            ("CosineAnnealingLR", [("T_max", nil), ("eta_min", .float(0))], { lr, base, epoch, a, _ in
                let tMax = Double(try a.int("T_max")), etaMin = try a.double("eta_min"), e = Double(epoch)
                guard tMax > 0 else { throw LanguageFailure("CosineAnnealingLR: T_max must be a positive int") }
                if (epoch - 1 - Int(tMax)) % (2 * Int(tMax)) == 0 {
                    return lr + (base - etaMin) * (1 - Foundation.cos(Double.pi / tMax)) / 2
                }
                return (1 + Foundation.cos(Double.pi * e / tMax)) / (1 + Foundation.cos(Double.pi * (e - 1) / tMax)) * (lr - etaMin) + etaMin
            }, nil),
            ("LambdaLR", [("lr_lambda", nil)], { _, base, epoch, a, interpreter in
                let factor = try interpreter.callBack(a["lr_lambda"], Arguments([.int(epoch)]))
                guard let f = factor.asDouble, isNumber(factor) else { throw LanguageFailure("LambdaLR: lr_lambda must return a number, got \(factor.typeName)") }
                return base * f
            }, nil),
            ("MultiplicativeLR", [("lr_lambda", nil)], { lr, _, epoch, a, interpreter in
                let factor = try interpreter.callBack(a["lr_lambda"], Arguments([.int(epoch)]))
                guard let f = factor.asDouble, isNumber(factor) else { throw LanguageFailure("MultiplicativeLR: lr_lambda must return a number, got \(factor.typeName)") }
                return lr * f
            }, nil),
            ("LinearLR", [("start_factor", .float(1.0 / 3)), ("end_factor", .float(1)), ("total_iters", .int(5))], { lr, _, epoch, a, _ in
                let (start, end, total) = (try a.double("start_factor"), try a.double("end_factor"), Double(try a.int("total_iters")))
                guard Double(epoch) <= total else { return lr }
                return lr * (1 + (end - start) / (total * start + Double(epoch - 1) * (end - start)))
            }, { a in
                _ = try factor(a, "end_factor", above: false, "Ending multiplicative factor expected to be between 0 and 1.")
                return try factor(a, "start_factor", above: true, "Starting multiplicative factor expected to be greater than 0 and less or equal to 1.")
            }),
            ("ConstantLR", [("factor", .float(1.0 / 3)), ("total_iters", .int(5))], { lr, _, epoch, a, _ in
                epoch == (try a.int("total_iters")) ? lr * (1 / (try a.double("factor"))) : lr
            }, { a in try factor(a, "factor", above: false, "Constant multiplicative factor expected to be between 0 and 1.") }),
        ]
        var members: [String: Value] = [:]
        for (name, parameters, rule, start) in kinds {
            members[name] = Self.builtin(Signature(name, [("optimizer", nil)] + parameters + [("last_epoch", .int(-1))])) { interpreter, given in
                var a = given                   // load_state_dict puts back the saved options (PyTorch's __dict__.update)
                let groups = try Self.schedulerGroups(a["optimizer"], name)
                guard try a.int("last_epoch") == -1 else { throw LanguageFailure("\(name)(): last_epoch other than -1 (resuming) is not supported") }
                var bases = try Self.baseRates(groups, name)
                // lr_lambda: one function for every group, or a list of one per group
                let lambdas = parameters.contains { $0.0 == "lr_lambda" } ? a["lr_lambda"].sequenceItems() : nil
                if let lambdas, lambdas.count != groups.count {
                    throw LanguageFailure("Expected \(groups.count) lr_lambdas, but got \(lambdas.count)", as: .valueError)
                }
                /// The arguments group i's rule reads: its own lr_lambda when a list gives one per group.
                func arguments(_ i: Int) -> BoundArguments {
                    guard let lambdas else { return a }
                    var values = a.values
                    values["lr_lambda"] = lambdas[i]
                    return BoundArguments(function: a.function, values: values, rest: a.rest)
                }
                if name == "LambdaLR" {
                    // PyTorch's constructor takes its first step: the rate is base × lr_lambda(0) from the start
                    for (i, (group, base)) in zip(groups, bases).enumerated() { group.set(.string("lr"), .float(try rule(base, base, 0, arguments(i), interpreter))) }
                } else if name != "MultiplicativeLR" {                              // (whose lr_lambda PyTorch first calls at step 1)
                    _ = try rule(bases[0], bases[0], 1, a, interpreter)             // refuses bad arguments now, as PyTorch does
                }
                if let start { for (group, base) in zip(groups, bases) { group.set(.string("lr"), .float(base * (try start(a)))) } }
                var epoch = 0
                // its options as PyTorch keeps them (MultiStepLR's milestones a Counter)
                func option(_ key: String) -> Value {
                    guard key == "milestones", let items = a[key].sequenceItems() else { return a[key] }
                    let counter = DictStorage(kind: .counter)
                    for m in items { counter.set(m, .int((counter[m]?.asInt ?? 0) + 1)) }
                    return .dict(counter)
                }
                let options = parameters.map(\.0).filter { $0 != "lr_lambda" }
                return Self.schedulerObject(name, ["step", "get_last_lr", "last_epoch", "base_lrs", "state_dict", "load_state_dict"] + options,
                                            groups: groups, optimizer: a["optimizer"]) { member in
                    switch member {
                    case "step":
                        return .builtin(Builtin("step") { interpreter, _ in
                            epoch += 1
                            for (i, (group, base)) in zip(groups, bases).enumerated() {
                                let lr = group[.string("lr")]?.asDouble ?? base
                                group.set(.string("lr"), .float(try rule(lr, base, epoch, arguments(i), interpreter)))
                            }
                            return .none
                        })
                    case "last_epoch": return .int(epoch)
                    case "base_lrs": return .list(ListStorage(bases.map { .float($0) }))
                    case _ where options.contains(member): return option(member)
                    // state_dict(): PyTorch's __dict__ but the optimizer, in its order; load_state_dict takes back the epoch
                    case "state_dict": return .builtin(Builtin("state_dict") { _, _ in
                        var entries: [(key: Value, value: Value)] = options.map { (.string($0), option($0)) }
                        entries += [(.string("base_lrs"), .list(ListStorage(bases.map { .float($0) }))), (.string("last_epoch"), .int(epoch)),
                                    (.string("_step_count"), .int(epoch + 1)), (.string("_is_initial"), .bool(false)),
                                    (.string("_get_lr_called_within_step"), .bool(false)), (.string("_last_lr"), Self.learningRates(groups))]      // in PyTorch's order; schedulerObject writes its value
                        if ["LambdaLR", "MultiplicativeLR"].contains(name) {
                            entries.append((.string("lr_lambdas"), .list(ListStorage(Array(repeating: .none, count: lambdas?.count ?? 1)))))
                        }
                        return .dict(DictStorage(entries))
                    })
                    case "load_state_dict": return Self.builtin(Signature("load_state_dict", [("state_dict", nil)])) { _, l in
                        guard case .dict(let saved) = l["state_dict"], let last = saved[.string("last_epoch")]?.asInt else {
                            throw LanguageFailure("\(name).load_state_dict(): expects the dict its state_dict() gave, with 'last_epoch'", as: .typeError)
                        }
                        epoch = last
                        // the options and base rates saved with it (a StepLR(step_size=7) loading step_size=2 steps by 2)
                        var values = a.values
                        for key in options {
                            guard let v = saved[.string(key)] else { continue }
                            if case .dict(let counter) = v {       // MultiStepLR's milestones, a Counter: each milestone as often as counted
                                values[key] = .list(ListStorage(counter.entries.flatMap { Array(repeating: $0.key, count: $0.value.asInt ?? 1) }))
                            } else {
                                values[key] = v
                            }
                        }
                        a = BoundArguments(function: a.function, values: values, rest: a.rest)
                        if let rates = saved[.string("base_lrs")]?.sequenceItems()?.compactMap(\.asDouble), rates.count == bases.count { bases = rates }
                        return .none
                    }
                    // for SequentialLR: take back the step made at construction; start again at epoch 0
                    // with the rate PyTorch's closed form gives there
                    case "_undo_step": return .builtin(Builtin("_undo_step") { _, _ in epoch -= 1; return .none })
                    case "_restart": return .builtin(Builtin("_restart") { interpreter, _ in
                        epoch = 0
                        for (i, (group, base)) in zip(groups, bases).enumerated() {
                            let rate = name == "LambdaLR" ? try rule(base, base, 0, arguments(i), interpreter) : base * (try start?(a) ?? 1)
                            group.set(.string("lr"), .float(rate))
                        }
                        return .none
                    })
                    default: return nil
                    }
                }
            }
        }
        members["ReduceLROnPlateau"] = reduceOnPlateau()
        members["OneCycleLR"] = oneCycleLR()
        members["SequentialLR"] = sequentialLR()
        members["CosineAnnealingWarmRestarts"] = cosineWarmRestarts()
        members["CyclicLR"] = cyclicLR()
        members["ChainedScheduler"] = chainedScheduler()
        members["LRScheduler"] = Self.optimBase("LRScheduler", use: "torch.optim.lr_scheduler.StepLR(optimizer, step_size=10)")
        return Namespace("torch.optim.lr_scheduler", members)
    }

    /// ReduceLROnPlateau: `step(metric)` counts the epochs without improvement (by `threshold`,
    /// relative or absolute) and multiplies the rate by `factor` (down to `min_lr`) once they pass
    /// `patience`, then waits `cooldown` epochs; PyTorch's own steps, in its order.
    private func reduceOnPlateau() -> Value {
        let parameters: [(String, Value?)] = [("optimizer", nil), ("mode", .string("min")), ("factor", .float(0.1)), ("patience", .int(10)),
                                              ("threshold", .float(1e-4)), ("threshold_mode", .string("rel")), ("cooldown", .int(0)),
                                              ("min_lr", .int(0)), ("eps", .float(1e-8))]
        return Self.builtin(Signature("ReduceLROnPlateau", parameters)) { _, a in
            let groups = try Self.schedulerGroups(a["optimizer"], "ReduceLROnPlateau")
            let (mode, thresholdMode) = (try a.string("mode"), try a.string("threshold_mode"))
            guard ["min", "max"].contains(mode) else { throw LanguageFailure("mode \(mode) is unknown!") }
            guard ["rel", "abs"].contains(thresholdMode) else { throw LanguageFailure("threshold mode \(thresholdMode) is unknown!") }
            let factor = try a.double("factor")
            guard factor < 1 else { throw LanguageFailure("Factor should be < 1.0.") }
            let (patience, cooldown, threshold) = (try a.int("patience"), try a.int("cooldown"), try a.double("threshold"))
            let (minLR, eps) = (try a.double("min_lr"), try a.double("eps"))
            var best = mode == "min" ? Double.infinity : -Double.infinity
            var (badEpochs, cooldownLeft, epoch) = (0, 0, 0)
            func improves(_ x: Double) -> Bool {
                switch (mode, thresholdMode) {
                case ("min", "rel"): return x < best * (1 - threshold)
                case ("min", _): return x < best - threshold
                case (_, "rel"): return x > best * (threshold + 1)
                default: return x > best + threshold
                }
            }
            return Self.schedulerObject("ReduceLROnPlateau", ["step", "get_last_lr", "last_epoch", "best", "num_bad_epochs", "cooldown_counter", "in_cooldown",
                                                              "patience", "cooldown", "factor", "mode", "threshold", "threshold_mode", "eps", "min_lrs",
                                                              "state_dict", "load_state_dict"],
                                        groups: groups, optimizer: a["optimizer"]) { member in
                switch member {
                case "step":
                    return Self.builtin(Signature("step", [("metrics", nil)])) { _, s in
                        let value: Double
                        if case .tensor(let t) = s["metrics"], t.count == 1 { value = Double(t.data[0]) } else {
                            guard let d = s["metrics"].asDouble else { throw LanguageFailure("ReduceLROnPlateau.step(): the metric must be a number") }
                            value = d
                        }
                        epoch += 1
                        if improves(value) { best = value; badEpochs = 0 } else { badEpochs += 1 }
                        if cooldownLeft > 0 { cooldownLeft -= 1; badEpochs = 0 }
                        if badEpochs > patience {
                            for group in groups {
                                let old = group[.string("lr")]?.asDouble ?? 0, new = max(old * factor, minLR)
                                if old - new > eps { group.set(.string("lr"), .float(new)) }
                            }
                            cooldownLeft = cooldown
                            badEpochs = 0
                        }
                        return .none
                    }
                case "last_epoch": return .int(epoch)
                case "best": return .float(best)
                case "num_bad_epochs": return .int(badEpochs)
                case "cooldown_counter": return .int(cooldownLeft)
                case "in_cooldown": return .bool(cooldownLeft > 0)
                case "patience", "cooldown", "factor", "mode", "threshold", "threshold_mode", "eps": return a[member]     // as given, as PyTorch keeps them
                case "min_lrs": return .list(ListStorage(groups.map { _ in a["min_lr"] }))
                case "state_dict": return .builtin(Builtin("state_dict") { _, _ in
                    let minLRs = Value.list(ListStorage(groups.map { _ in a["min_lr"] }))
                    return .dict(DictStorage([
                        (.string("factor"), a["factor"]), (.string("default_min_lr"), a["min_lr"]), (.string("min_lrs"), minLRs),
                        (.string("patience"), a["patience"]), (.string("cooldown"), a["cooldown"]), (.string("eps"), a["eps"]),
                        (.string("last_epoch"), .int(epoch)), (.string("_last_lr"), Self.learningRates(groups)),
                        (.string("mode_worse"), .float(mode == "min" ? .infinity : -.infinity)), (.string("mode"), a["mode"]),
                        (.string("threshold"), a["threshold"]), (.string("threshold_mode"), a["threshold_mode"]), (.string("best"), .float(best)),
                        (.string("cooldown_counter"), .int(cooldownLeft)), (.string("num_bad_epochs"), .int(badEpochs))]))
                })
                case "load_state_dict": return Self.builtin(Signature("load_state_dict", [("state_dict", nil)])) { _, l in
                    guard case .dict(let saved) = l["state_dict"] else {
                        throw LanguageFailure("ReduceLROnPlateau.load_state_dict(): expects the dict its state_dict() gave", as: .typeError)
                    }
                    if let v = saved[.string("best")]?.asDouble { best = v }
                    if let v = saved[.string("num_bad_epochs")]?.asInt { badEpochs = v }
                    if let v = saved[.string("cooldown_counter")]?.asInt { cooldownLeft = v }
                    if let v = saved[.string("last_epoch")]?.asInt { epoch = v }
                    return .none
                }
                default: return nil
                }
            }
        }
    }

    /// Every parameter group of the optimiser a scheduler is made for (`optimizer.param_groups`).
    static func schedulerGroups(_ optimizer: Value, _ name: String) throws -> [DictStorage] {
        guard case .object(let object) = optimizer, case .list(let list)? = object.member("param_groups"), !list.items.isEmpty else {
            throw LanguageFailure("\(name)(): the first argument must be an optimizer, e.g. optim.SGD(model.parameters(), lr=0.1)")
        }
        return list.items.compactMap { if case .dict(let group) = $0 { return group } else { return nil } }
    }

    /// Each group's base rate: its initial_lr if an earlier scheduler set it, else its lr, which
    /// becomes its initial_lr (PyTorch's setdefault).
    static func baseRates(_ groups: [DictStorage], _ name: String) throws -> [Double] {
        try groups.map { group in
            guard let base = (group[.string("initial_lr")] ?? group[.string("lr")])?.asDouble else {
                throw LanguageFailure("\(name)(): the optimizer has no learning rate")
            }
            if group[.string("initial_lr")] == nil { group.set(.string("initial_lr"), .float(base)) }
            return base
        }
    }

    /// One value a group for a scheduler's option: a number for all, or a list with one a group
    /// (PyTorch's _format_param, its message when the counts differ).
    static func valuePerGroup(_ a: BoundArguments, _ name: String, _ groups: [DictStorage]) throws -> [Double] {
        guard let list = a[name].sequenceItems() else { return Array(repeating: try a.double(name), count: groups.count) }
        guard list.count == groups.count else {
            throw LanguageFailure("\(name) must have the same length as optimizer.param_groups. \(name) has \(list.count) values, param_groups has \(groups.count).", as: .valueError)
        }
        return try list.map { v in
            guard let d = v.asDouble, isNumber(v) else { throw LanguageFailure("\(name) must hold numbers, got \(v.typeName)", as: .typeError) }
            return d
        }
    }

    /// A scheduler as the program sees it: `<torch.optim.lr_scheduler.StepLR object>`, its members by `lookup`.
    /// Given its optimizer's `groups`, it keeps
    /// PyTorch's `_last_lr` itself: the groups' rates when it was made and after each `step()`
    /// (a rate the program set by hand since does not show), which `get_last_lr()` returns and
    /// `state_dict()` / `load_state_dict()` save and take back.
    /// `optimizer`: the one it was made with, read back as `scheduler.optimizer`.
    static func schedulerObject(_ name: String, _ memberNames: [String], groups: [DictStorage]? = nil, optimizer: Value = .none,
                                _ lookup: @escaping (String) -> Value?) -> Value {
        let scheduler = ClosureObject(typeName: name, memberNames: memberNames + (optimizer.isNone ? [] : ["optimizer"])) { "<torch.optim.lr_scheduler.\(name) object>" }
        guard let groups else { scheduler.memberLookup = lookup; return .object(scheduler) }
        var lastRates = learningRates(groups)
        scheduler.memberLookup = { member in
            // each of these runs the scheduler's own member, then reads or writes _last_lr
            func around(_ after: @escaping (Value, Arguments) -> Value) -> Value? {
                guard let inner = lookup(member) else { return nil }
                return .builtin(Builtin(member) { interpreter, a in after(try interpreter.callBack(inner, a), a) })
            }
            switch member {
            case "get_last_lr": return .builtin(Builtin("get_last_lr") { _, _ in lastRates })
            case "optimizer" where !optimizer.isNone: return optimizer
            case "step": return around { result, _ in lastRates = learningRates(groups); return result }
            case "state_dict":
                return around { result, _ in
                    if case .dict(let saved) = result { saved.set(.string("_last_lr"), lastRates) }
                    return result
                }
            case "load_state_dict":
                return around { result, a in
                    if case .dict(let saved)? = a.positional.first ?? a.keywords.first(where: { $0.name == "state_dict" })?.value,
                       let rates = saved[.string("_last_lr")] { lastRates = rates }
                    return result
                }
            default: return lookup(member)
            }
        }
        return .object(scheduler)
    }

    /// `get_last_lr()`: each group's rate as it is now.
    static func learningRates(_ groups: [DictStorage]) -> Value {
        .list(ListStorage(groups.map { $0[.string("lr")] ?? .none }))
    }
}
