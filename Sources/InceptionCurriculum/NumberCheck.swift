import Foundation
import InceptionLanguage

/// Checks a number exercise: the learner's file sets `answer` (any code may compute it), and
/// it must equal what the manifest's `expected` computes from the reference. A wrong answer
/// gets the known mistake it matches, or the arithmetic to redo, never the number itself.
struct NumberCheck {
    let curriculum: Curriculum
    let exercise: Manifest.Exercise
    let world: ReferenceWorld
    let source: String

    func run() throws -> CheckOutcome {
        let e = exercise
        guard let expectedCode = e.expected else {
            throw CurriculumError("manifest.json: number exercise \(e.id) needs expected")
        }
        let file = curriculum.display(e.file)
        let name = e.answer ?? "answer"
        let (interpreter, stop) = curriculum.runLearnerFile(e, source: source, world: world)
        defer { interpreter.clearGlobals() }
        if let stop { return stop }
        guard let given = interpreter.global(name) else {
            return .failed("\(file) does not set \(name) — write `\(name) = …` with your number")
        }
        let answer = Self.plainNumbers(given)
        let expected: Value
        do {
            expected = try world.evaluateData(expectedCode, label: "manifest.json (\(e.id).expected)")
        } catch {
            throw CurriculumError("manifest.json: \(e.id).expected failed: \(error.text)")
        }
        if let problem = Self.typeProblem(answer, expected) { return .failed("\(name) = \(Self.shown(answer, tolerance: nil)): \(problem)") }
        let shown = Self.shown(answer, tolerance: e.tolerance)
        if Self.matches(answer, expected, tolerance: e.tolerance) {
            return .passed("\(name) = \(shown) is right")
        }
        if let shapeProblem = Self.shapeProblem(answer, expected) {
            return .failed("\(name) = \(shown): \(shapeProblem)")
        }
        // the known mistake nearest the answer, of those within the tolerance (two can be close)
        var nearest: (distance: Double, message: String)?
        for mistake in e.mistakes ?? [] {
            // a number, or reference-side code that computes it (1 / the answer, for one upside down)
            var value = mistake.value
            if value == nil, let code = mistake.code {
                do { value = try world.evaluateData(code, label: "manifest.json (\(e.id).mistakes)").asDouble } catch {
                    throw CurriculumError("manifest.json: a mistake of \(e.id) failed: \(error.text)")
                }
            }
            if let v = value, let x = answer.asDouble, abs(x - v) <= max(e.tolerance ?? 0, 1e-9), abs(x - v) < nearest?.distance ?? .infinity {
                nearest = (abs(x - v), mistake.message)
            }
        }
        if let nearest { return .failed("\(name) = \(shown) is not it — \(nearest.message)") }
        // within 2% of the answer but outside the tolerance: a rounded or measured value
        if let x = answer.asDouble, let y = expected.asDouble, y != 0, abs(x - y) <= 0.02 * abs(y), let tolerance = e.tolerance {
            return .failed("\(name) = \(shown) is close, but the check wants it within ±\(formatFloat(tolerance)): compute it exactly (the formula, not a rounded or measured value)")
        }
        var which = ""
        if let xs = answer.sequenceItems(), let ys = expected.sequenceItems(),
           let i = zip(xs, ys).enumerated().first(where: { !Self.matches($0.element.0, $0.element.1, tolerance: e.tolerance) })?.offset {
            which = "the \(SeedVocabulary.ordinal(i + 1)) number is off; "
        }
        return .failed("\(name) = \(shown) is not it — \(which)\(e.explain ?? "redo the arithmetic")")
    }

    /// A tensor of one value as its number (`w.grad[0, 0, 0, 0]`, `torch.tensor(112)`), in
    /// tuples and lists too; anything else as it is.
    static func plainNumbers(_ v: Value) -> Value {
        switch v {
        case .tensor(let t) where t.count == 1 && !t.isMeta: return .float(Double(t.data[0]))
        case .tuple(let items): return .tuple(items.map(plainNumbers))
        case .list(let l) where l.items.contains(where: { $0.asTensor != nil }): return .tuple(l.items.map(plainNumbers))
        default: return v
        }
    }

    /// How an answer appears in messages: a float compared with a tolerance in six significant
    /// digits (its last digits are rounding noise), anything else as Python prints it, unless that
    /// takes more than a line (a whole image tensor): then by what it is.
    static func shown(_ v: Value, tolerance: Double?) -> String {
        if tolerance != nil, case .float(let f) = v { return String(format: "%.6g", f) }
        let repr = v.repr
        return repr.count <= 60 && !repr.contains("\n") ? repr : "a " + v.brief
    }

    /// Equal values; lists and tuples alike; floats within the tolerance when there is one.
    static func matches(_ a: Value, _ b: Value, tolerance: Double?) -> Bool {
        if let xs = a.sequenceItems(), let ys = b.sequenceItems(), a.typeName != "str", b.typeName != "str" {
            return xs.count == ys.count && zip(xs, ys).allSatisfy { matches($0, $1, tolerance: tolerance) }
        }
        if let tolerance, let x = a.asDouble, let y = b.asDouble { return abs(x - y) <= tolerance }
        return valuesEqual(a, b)
    }

    /// None, a bool or a tensor of several values where one number is wanted (False would
    /// otherwise count as 0, True as 1).
    static func typeProblem(_ a: Value, _ b: Value) -> String? {
        guard b.asDouble != nil, b.typeName != "bool" else { return nil }
        if a.isNone { return "it is None: set it to your number" }
        if a.typeName == "bool" { return "that is a bool, not a number: write the number itself" }
        switch a {
        case .function, .builtin: return "that is a function, not a number: call it, and set the name to the number it returns"
        default: break
        }
        if case .tensor(let t) = a, t.count != 1 {
            return "expected one number, not a tensor of \(t.count) values: pick one entry (x[0, 0]) or reduce it to the number asked for"
        }
        return nil
    }

    /// A number where a tuple is wanted, or a tuple of the wrong length.
    static func shapeProblem(_ a: Value, _ b: Value) -> String? {
        let isSequence = { (v: Value) in v.sequenceItems() != nil && v.typeName != "str" }
        if case .string = a, b.asDouble != nil {
            return "that is a string: write the number without quotes"
        }
        switch (isSequence(a), isSequence(b)) {
        case (false, true): return "expected a tuple of \(b.sequenceItems()!.count) numbers, like (1, 2, …)"
        case (true, false):
            // a whole shape, a list comprehension's list, a generator's items: say how to get the one number
            let fix = switch a {
            case .size: " — pick the dimension asked for from it, e.g. y.shape[2] for the height"
            case _ where a.typeName == "generator" || a.typeName == "list": " — add its items up with sum(…), or pick the one asked for"
            default: " — pick the one number asked for from it, e.g. t[0]"
            }
            return "expected one number, not a \(a.typeName)" + fix
        case (true, true) where a.sequenceItems()!.count != b.sequenceItems()!.count:
            return "expected \(b.sequenceItems()!.count) numbers, got \(a.sequenceItems()!.count)"
        default: return nil
        }
    }
}
