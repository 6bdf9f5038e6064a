import Foundation
import InceptionLanguage
import InceptionNetworkBuiltins
import InceptionRuntime
import Synchronization

/// The reference side of every check: one interpreter that has run the reference sources
/// (Lessons/reference/*.inc: the seed's classes, and the few extra blocks the lessons build).
/// Reference blocks are built fresh for each check, always from the same seed.
final class ReferenceWorld {
    let interpreter: Interpreter
    /// The reference sources' text: what the memo of `evaluateData` is keyed by besides the code.
    private var sources = ""

    init(curriculum: Curriculum) throws {
        interpreter = Interpreter(output: { _ in }, builtins: .networksAndPictures)
        interpreter.baseDirectory = curriculum.directory
        CurriculumBuiltins.install(in: interpreter, curriculum: nil)
        for file in curriculum.manifest.reference {
            let path = curriculum.path(file)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw CurriculumError("cannot read the reference source \(curriculum.display(file))")
            }
            if let problem = LanguageRunning.run(text, file: curriculum.display(file), in: interpreter) {
                throw CurriculumError("the reference source \(curriculum.display(file)) does not run:\n\(problem)")
            }
            sources += file + "\u{0}" + text + "\u{0}"
        }
    }

    /// A class the reference sources define ("BasicConv2d"), or nil.
    func classValue(_ name: String) -> Value? {
        guard let v = interpreter.global(name), case .classValue = v else { return nil }
        return v
    }

    /// A class or function the reference sources define, to lend to a learner's interpreter
    /// (`uses` in the manifest): a function runs with the reference's globals, wherever it is called.
    func sharedValue(_ name: String) -> Value? {
        guard let v = interpreter.global(name) else { return nil }
        switch v {
        case .classValue, .function: return v
        default: return nil
        }
    }

    /// The classes the reference sources define, sorted.
    var classNames: [String] { interpreter.globalNames.filter { classValue($0) != nil } }

    /// Evaluates a manifest snippet with the layers' initialiser seeded, so a reference block
    /// has the same weights on every check; the caller's generator is left as it was. It records
    /// gradients whatever grad mode the learner's file left (CheckRecording).
    func evaluate(_ expression: String, label: String) throws(LanguageRunning.Failure) -> Value {
        CheckAlarm.beginExempt()            // the checker's own work: not on the learner's clock
        defer { CheckAlarm.endExempt() }
        return try CheckRecording.on { () throws(LanguageRunning.Failure) in
            try DefaultGenerator.aside { () throws(LanguageRunning.Failure) in try LanguageRunning.evaluate(expression, in: interpreter, label: label) }
        }
    }

    /// `evaluate` for reference numbers (an expected answer, a mistake's value), remembered for
    /// the process when the result is plain data (numbers, strings, lists and tuples of them):
    /// the same sources and code always give the same value, and some of them train a network.
    func evaluateData(_ expression: String, label: String) throws(LanguageRunning.Failure) -> Value {
        let key = sources + expression
        if let known = Self.remembered(key) { return known }
        let value = try evaluate(expression, label: label)
        if Self.isPlainData(value) { Self.remember(key, value) }
        return value
    }

    static func isPlainData(_ v: Value) -> Bool {
        switch v {
        case .int, .float, .bool, .string, .none: return true
        case .tuple(let items): return items.allSatisfy(isPlainData)
        case .list(let l): return l.items.allSatisfy(isPlainData)
        default: return false
        }
    }

    /// A value with no reference to anything mutable but list storage nobody else holds.
    private struct PlainData: @unchecked Sendable { let value: Value }
    private static let memo = Mutex<[String: PlainData]>([:])
    private static func remembered(_ key: String) -> Value? { memo.withLock { $0[key]?.value } }
    private static func remember(_ key: String, _ value: Value) { memo.withLock { $0[key] = PlainData(value: value) } }
}
