import InceptionRuntime

/// Step 5 of the checker, once the outputs agree: the gradients. Both blocks run again on the
/// probe and take the same random output gradient backward; every parameter's gradient must
/// agree with the seed's. Outputs that agree with gradients that do not are a forward that cuts
/// the graph on the way (.detach(), .data, torch.no_grad(), a tensor rebuilt from the values).
extension OutputComparison {
    /// Gradients agree within this fraction of the seed's largest one (the sums run in other
    /// orders; a cut path differs by far more).
    static let gradientTolerance: Float = 1e-3

    func gradientDifference(_ x: Tensor) throws -> String? {
        let referenceParameters = reference.namedParameters()
        let mineByName = Dictionary(mine.namedParameters().map { ($0.name, $0.tensor) }, uniquingKeysWith: { first, _ in first })
        let mineParameters = referenceParameters.compactMap { mineByName[$0.name] }
        guard !referenceParameters.isEmpty, mineParameters.count == referenceParameters.count else { return nil }
        // recorded even when the learner's file switched recording off for good (torch.set_grad_enabled(False))
        let (mineOutputs, referenceOutputs) = try GradMode.with(enabled: true) { try runBoth(x) }
        var rng = SeededRandom(seed: 7)
        var mineRoots: [(tensor: Tensor, gradient: Tensor?)] = [], referenceRoots: [(tensor: Tensor, gradient: Tensor?)] = []
        for (a, b) in zip(mineOutputs, referenceOutputs) {
            guard let a, let b, a.shape == b.shape, b.gradNode != nil else { continue }
            let g = Tensor.randn(b.shape, rng: &rng)
            referenceRoots.append((b, g))
            if a.gradNode != nil { mineRoots.append((a, g.copy())) }
        }
        guard !referenceRoots.isEmpty else { return nil }
        let theirs = try Autograd.gradients(of: referenceRoots, withRespectTo: referenceParameters.map(\.tensor))
        let ours = mineRoots.isEmpty ? Array(repeating: nil, count: mineParameters.count)
                                     : try Autograd.gradients(of: mineRoots, withRespectTo: mineParameters)
        let scale = theirs.compactMap { $0.map(Self.largestMagnitude) }.max() ?? 0
        guard scale > 0 else { return nil }
        let limit = Self.gradientTolerance * scale
        for (i, (name, _)) in referenceParameters.enumerated() {
            guard let b = theirs[i], Self.largestMagnitude(b) > limit else { continue }
            guard let a = ours[i], Self.largestMagnitude(a) > 0 else {
                return "\(naming.display(name)): gets no gradient through your forward, the seed's does, though the outputs agree — "
                    + "something on the way to the output cuts the graph (a .detach(), .data or torch.no_grad()): compute the output from the layers' results themselves"
            }
            var worst: Float = 0
            for k in 0..<b.count { worst = max(worst, abs(a.data[k] - b.data[k])) }
            if !(worst <= limit) {
                return "\(naming.display(name)): its gradient differs from the seed's by up to \(String(format: "%.3g", Double(worst))), though the outputs agree — "
                    + "something in forward cuts part of the way from it to an output (a .detach(), .data or torch.no_grad() on one path)"
            }
        }
        return nil
    }

    static func largestMagnitude(_ t: Tensor) -> Float {
        var m: Float = 0
        for i in 0..<t.count { m = max(m, abs(t.data[i])) }
        return m
    }
}
