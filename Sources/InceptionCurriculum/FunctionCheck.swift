import InceptionLanguage
import InceptionRuntime

/// Checks a function exercise: the learner's file defines a function (a training loop); the
/// manifest's `call` runs it on what the reference harness prepares (the seed's network, a
/// few batches) and must give what `reference` gives with the reference's own function, item
/// by item within the tolerance. A difference names the item (`items`), both values, and the
/// known mistake it matches (the reference's loop run with that mistake made), if any.
struct FunctionCheck {
    let curriculum: Curriculum
    let exercise: Manifest.Exercise
    let world: ReferenceWorld
    let source: String

    func run() throws -> CheckOutcome {
        let e = exercise
        guard let call = e.call, let referenceCode = e.reference else {
            throw CurriculumError("manifest.json: function exercise \(e.id) needs call and reference")
        }
        let file = curriculum.display(e.file)
        let (interpreter, stop) = curriculum.runLearnerFile(e, source: source, world: world, defining: "def")
        defer { interpreter.clearGlobals() }
        if let stop { return stop }
        let mine: Value
        do {
            mine = try LanguageRunning.evaluate(call, in: interpreter, label: "\(e.id): \(call)")
        } catch {
            let d = error.diagnostic
            let place = d.location.file == file ? " (at \(file):\(d.location.line))" : ""
            // the harness's own asserts (what the function returned) speak to the learner as they are
            let text = place.isEmpty && error.text.hasPrefix("assertion failed: ") ? String(error.text.dropFirst("assertion failed: ".count)) : error.text
            return .failed("running your function as `\(call)` failed: \(text)\(place)")
        }
        let expected: Value
        do {
            expected = try world.evaluateData(referenceCode, label: "manifest.json (\(e.id).reference)")
        } catch {
            throw CurriculumError("manifest.json: \(e.id).reference failed: \(error.text)")
        }
        if NumberCheck.matches(mine, expected, tolerance: e.tolerance) {
            return .passed("\(call) gives the reference's numbers: \(describe(mine))")
        }
        if let shapeProblem = NumberCheck.shapeProblem(mine, expected) {
            return .failed("\(call) = \(NumberCheck.shown(mine, tolerance: e.tolerance)): \(shapeProblem)")
        }
        var where_ = ""
        if let xs = mine.sequenceItems(), let ys = expected.sequenceItems(),
           let i = zip(xs, ys).enumerated().first(where: { !NumberCheck.matches($0.element.0, $0.element.1, tolerance: e.tolerance) })?.offset {
            where_ = "\(itemName(i)) is \(NumberCheck.shown(xs[i], tolerance: e.tolerance)), the reference's \(NumberCheck.shown(ys[i], tolerance: e.tolerance))"
        } else {
            where_ = "it gives \(NumberCheck.shown(mine, tolerance: e.tolerance)), the reference \(NumberCheck.shown(expected, tolerance: e.tolerance))"
        }
        for mistake in e.mistakes ?? [] {
            guard let code = mistake.code else { continue }
            let value: Value
            do { value = try world.evaluateData(code, label: "manifest.json (\(e.id).mistakes)") } catch {
                throw CurriculumError("manifest.json: a mistake of \(e.id) failed: \(error.text)")
            }
            if NumberCheck.matches(mine, value, tolerance: e.tolerance) {
                return .failed("\(call): \(where_) — \(mistake.message)")
            }
        }
        return .failed("\(call): \(where_) — \(e.explain ?? "compare your function with the steps the starter lists")")
    }

    /// "the loss of the first batch", or "the 2nd number" when the manifest names no items.
    func itemName(_ i: Int) -> String {
        if let items = exercise.items, i < items.count { return items[i] }
        return "the \(SeedVocabulary.ordinal(i + 1)) number"
    }

    /// "the loss of the first batch 2.4849, …" for a list result; the value otherwise.
    func describe(_ v: Value) -> String {
        guard let xs = v.sequenceItems(), v.typeName != "str" else { return NumberCheck.shown(v, tolerance: exercise.tolerance) }
        return xs.enumerated().map { "\(itemName($0.offset)) \(NumberCheck.shown($0.element, tolerance: exercise.tolerance))" }.joined(separator: ", ")
    }
}
