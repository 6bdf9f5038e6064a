import InceptionRuntime

/// The losses' deprecated `size_average=` and `reduce=` (PyTorch's `_Reduction.legacy_get_string`):
/// when either is given (not None) they decide the reduction and `reduction=` is ignored — both
/// true (None counts as true) is 'mean', reduce alone 'sum', reduce false 'none'. PyTorch also
/// writes a UserWarning; the values are the same.
enum LegacyReduction {
    /// The parameters, named as every loss names them (for the signatures).
    static let sizeAverage = "size_average", reduce = "reduce"

    /// The reduction the legacy pair gives, nil when neither was given.
    static func reduction(sizeAverage: Value, reduce: Value) -> String? {
        guard !sizeAverage.isNone || !reduce.isNone else { return nil }
        let (averaging, reducing) = (truth(sizeAverage), truth(reduce))
        return averaging && reducing ? "mean" : reducing ? "sum" : "none"
    }

    /// Python's truth of an option (`Value.isTruthy`), None as True: the default the pair stands for.
    private static func truth(_ v: Value) -> Bool { v.isNone || ((try? v.isTruthy()) ?? true) }
}

extension BoundArguments {
    /// The loss's `reduction=`, checked as PyTorch checks it (`Interpreter.checkedReduction`), or
    /// what `size_average=` / `reduce=` give where a signature has them and the call set one.
    func reduction() throws -> String {
        if let legacy = LegacyReduction.reduction(sizeAverage: self[LegacyReduction.sizeAverage], reduce: self[LegacyReduction.reduce]) { return legacy }
        return try Interpreter.checkedReduction(self["reduction"], function)
    }

    /// A loss module's options with the legacy pair read once, as `_Loss.__init__` reads it: its
    /// `reduction` is then what they give (`nn.MSELoss(size_average=False).reduction` is 'sum').
    func resolvingLegacyReduction() -> BoundArguments {
        guard let legacy = LegacyReduction.reduction(sizeAverage: self[LegacyReduction.sizeAverage], reduce: self[LegacyReduction.reduce]) else { return self }
        return replacing("reduction", with: .string(legacy)).replacing(LegacyReduction.sizeAverage, with: .none).replacing(LegacyReduction.reduce, with: .none)
    }
}

extension ClosureObject {
    /// A loss module's options read back as its attributes (`criterion.reduction`,
    /// `criterion.ignore_index`), as PyTorch's loss modules keep them; the legacy pair is not kept.
    func showingOptions(_ options: BoundArguments) {
        memberLookup = { name in
            name == LegacyReduction.sizeAverage || name == LegacyReduction.reduce ? nil : options.values[name]
        }
    }
}
