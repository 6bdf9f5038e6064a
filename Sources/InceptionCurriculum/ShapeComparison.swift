import InceptionRuntime

/// Step 2 of the checker: the same layers, run on the probe. In this order: the first call
/// whose input shape differs from the seed's (with what ran before it), a run that fails,
/// a layer the forward never calls, then the first output shape that differs.
struct ShapeComparison {
    let naming: PathNaming

    func firstDifference(reference: ProbeShapes, mine: ProbeShapes, failure: (Error) -> String) -> String? {
        for enter in mine.enters {
            guard let expected = reference.input(enter.path), expected != enter.inputShape else { continue }
            return "\(naming.display(enter.path, enter.module)) gets a \(formatShape(enter.inputShape)) input, expected \(formatShape(expected))"
                + inputHint(enter.path, got: enter.inputShape, expected: expected, reference: reference, mine: mine)
        }
        if let error = mine.error { return failure(error) }
        for exit in reference.exits where !mine.ran(exit.path) && !mine.ranInside(exit.path) && (exit.path.isEmpty || mine.ran(parentPath(exit.path))) {
            let name = exit.path.split(separator: ".").last.map(String.init) ?? exit.path
            return "\(naming.display(exit.path)) never runs: the forward of \(naming.display(parentPath(exit.path))) does not call self.\(name), and the seed's does"
        }
        let theirCounts = reference.callCounts, ourCounts = mine.callCounts
        for enter in reference.enters where ourCounts[enter.path] != theirCounts[enter.path] {
            let parent = parentPath(enter.path)
            guard enter.path.isEmpty || ourCounts[parent] == theirCounts[parent] else { continue }
            if ourCounts[enter.path] == nil, mine.ranInside(enter.path) { continue }    // its layers looped over: counted by theirs
            let times = { (n: Int) in n == 1 ? "once" : "\(n) times" }
            let name = enter.path.split(separator: ".").last.map(String.init) ?? enter.path
            return "\(naming.display(enter.path)) runs \(times(ourCounts[enter.path] ?? 0)) in your forward, \(times(theirCounts[enter.path] ?? 0)) in the seed's — call self.\(name) \(times(theirCounts[enter.path] ?? 0))"
        }
        for exit in reference.exits {
            guard let got = mine.output(exit.path), got != exit.outputShape else { continue }
            let expected = exit.outputShape
            let sameBatchAndChannels = got.count == 4 && expected.count == 4 && got[0] == expected[0] && got[1] == expected[1]
            let what = sameBatchAndChannels ? "output \(spatial(got)) but \(spatial(expected)) expected"
                                            : "output \(formatShape(got)) but \(formatShape(expected)) expected"
            return "\(naming.display(exit.path, exit.module)): \(what) — compare its forward with the seed's"
        }
        return nil
    }

    /// Why an input differs: a flatten left out, or a different layer running before it.
    func inputHint(_ path: String, got: [Int], expected: [Int], reference: ProbeShapes, mine: ProbeShapes) -> String {
        if expected.count == 2 && got.count == 4 {
            return ": flatten the feature maps first, x = torch.flatten(x, 1)"
        }
        if got.count == 1, expected.count == 2, got[0] == expected[0] * expected[1], expected[0] > 1 {
            return ": the \(expected[0]) images' features were flattened into one row, as torch.flatten(x) and x.view(-1) do — flatten from dim 1 instead, x = torch.flatten(x, 1)"
        }
        if got.count == expected.count, got.count >= 2, got.reduce(1, *) == expected.reduce(1, *), got[0] != expected[0] {
            return ": the batch dimension became \(got[0]), not \(expected[0]) — a number written in view or reshape fixes it: flatten with torch.flatten(x, 1), or x.view(x.size(0), -1)"
        }
        if expected.first == 1, got == Array(expected.dropFirst()) {
            return ": the batch dimension (1 image here) was dropped, as squeeze() drops every dimension of size 1 — flatten from dim 1 instead, x = torch.flatten(x, 1)"
        }
        let theirs = reference.predecessor(of: path), ours = mine.predecessor(of: path)
        if theirs != ours {
            let before = { (p: String?) in p.map { naming.display($0) } ?? "nothing" }
            return ": the seed's forward runs \(before(theirs)) just before it, yours runs \(before(ours))"
        }
        let parent = parentPath(path)
        if !path.isEmpty, let blockInput = reference.input(parent), expected == blockInput {
            // a branch fed another branch's output where the seed's feeds it x itself
            let source = ours.flatMap { mine.output($0) == got ? "the output of \(naming.display($0))" : nil } ?? "a \(formatShape(got)) tensor"
            return ": the seed's forward gives it the input of \(naming.display(parent)), yours gives it \(source) — pass it x itself"
        }
        return ": check what forward does before it"
    }
}
