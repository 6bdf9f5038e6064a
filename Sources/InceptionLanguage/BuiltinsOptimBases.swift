import InceptionRuntime

/// torch.optim.Optimizer and torch.optim.lr_scheduler.LRScheduler, the bases of the library's
/// optimizers and schedulers, for isinstance (`isinstance(updater, torch.optim.Optimizer)`, as
/// d2l's train_epoch_ch3 asks). A program's own optimizer or scheduler class is not supported
/// here, so calling a base is refused.
extension Interpreter {
    /// The base class `name` (its module path in BuiltinClassPaths): refused when called.
    static func optimBase(_ name: String, use example: String) -> Value {
        .builtin(Builtin(name) { _, _ in
            throw LanguageFailure.refusal("\(name) is a base class; an optimizer or scheduler of the program's own is not supported here",
                                          fix: "use one of the library's, e.g. \(example)")
        })
    }

    /// isinstance(object, Optimizer / LRScheduler): whether object's class lives under that
    /// base's module (torch.optim.sgd.SGD, torch.optim.lr_scheduler.StepLR); nil for other kinds.
    static func isOptimBaseInstance(_ object: Value, _ kind: String) -> Bool? {
        guard kind == "Optimizer" || kind == "LRScheduler" else { return nil }
        guard case .object = object, let path = BuiltinClassPaths.path(of: object.typeName), path.hasPrefix("torch.optim.") else { return false }
        return path.hasPrefix("torch.optim.lr_scheduler.") == (kind == "LRScheduler")
    }
}
