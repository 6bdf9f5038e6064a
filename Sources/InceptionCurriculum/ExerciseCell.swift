import Foundation
import InceptionLanguage

/// `exercise("basic_conv2d")` in a lesson cell: checks the learner's file; when it passes,
/// runs it in the lesson's own interpreter so the cells after it use the learner's block
/// (or answer), and prints the checker's confirmation. Until then the cell stops with the
/// checker's message, so a lesson never runs on past an unfinished exercise.
struct ExerciseCell {
    let curriculum: Curriculum
    let id: String
    let onCheck: ((String, CheckOutcome) -> Void)?

    func run(in interpreter: Interpreter) throws {
        let e: Manifest.Exercise
        do { e = try curriculum.exercise(id) } catch { throw LanguageFailure("\(error)") }
        let outcome = curriculum.check(id)
        if curriculum.lastCheckInterrupted { throw LanguageFailure(outcome.message) }   // "interrupted: …", not recorded
        onCheck?(id, outcome)
        let shown = curriculum.display(e.file)
        switch outcome {
        case .notAttempted:
            throw LanguageFailure("exercise \(id) is not done yet: open \(shown) and replace the TODOs",
                                  fix: "then run this cell again; :hint \(id) gives a hint")
        case .failed(let message):
            throw LanguageFailure("exercise \(id) does not pass yet: \(message)",
                                  fix: "edit \(shown), then run this cell again; :hint \(id) gives a hint")
        case .passed(let message):
            let world = try curriculum.referenceWorld()
            for name in e.uses ?? [] where interpreter.global(name) == nil {
                if let v = world.sharedValue(name) { interpreter.setGlobal(name, v) }
            }
            // read as the checker read it: a file that changed since is checked again next time
            let text: String
            switch curriculum.learnerText(e) {
            case .success(let t): text = t
            case .failure(let problem): throw LanguageFailure("exercise \(id): \(problem)")
            }
            if let problem = LanguageRunning.run(text, file: shown, in: interpreter) {
                throw LanguageFailure("exercise \(id) passes the checker but does not run here:\n\(problem)")
            }
            interpreter.output("✓ \(id): \(message)\n")
        }
    }
}
