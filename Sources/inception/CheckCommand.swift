import ArgumentParser
import Foundation
import InceptionCurriculum

/// `inception check [EXERCISE] [--lessons DIR]`: grades the learner's exercises in Lessons/
/// with the checker, records the outcomes in the progress file, and exits non-zero while
/// any exercise is unsolved, saying which are not attempted yet.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check your exercises (all of them, or one) against the reference blocks.",
        discussion: """
        Each exercise is a file in Lessons/exercises/. The checker compares a block you built with the \
        reference block: its structure, its output shape, its parameter count, its numbers with the \
        reference's weights, then its gradients; a number exercise must give the reference's number. Exit status: 0 when every \
        checked exercise passes, 1 otherwise.
        """)

    @Argument(help: "An exercise id (e.g. basic_conv2d); all exercises when left out.")
    var exercise: String?

    @Option(help: "The Lessons folder (default: $INCEPTION_LESSONS, else found from here or from the executable).")
    var lessons: String?

    @Option(name: .customLong("time-limit"), parsing: .unconditional, help: "Seconds one exercise's check may run before it is stopped and failed (0: no limit; default: $INCEPTION_CHECK_SECONDS, else 60).")
    var timeLimit: Double?

    func validate() throws {
        if let t = timeLimit, !(t >= 0 && t.isFinite) { throw ValidationError("--time-limit must be 0 (no limit) or more seconds, got \(t)") }
    }

    @Flag(help: "Do not record the outcomes in the progress file.")
    var noSave = false

    @Flag(help: "For lesson authors: validate the curriculum instead (every manifest entry has its files, the exercises are their starters, every starter is not attempted, every solution passes). Exit 1 on a problem.")
    var dev = false

    func run() throws {
        let curriculum: Curriculum
        do {
            curriculum = try Curriculum(directory: try CurriculumLocator.find(explicit: lessons))
        } catch {
            printError("error: \(error)")
            throw ExitCode(66)
        }
        if let timeLimit { curriculum.timeLimit = timeLimit }
        if dev {
            let report = curriculum.validate()
            print(curriculum.renderValidation(report))
            if !report.isValid { throw ExitCode(1) }
            return
        }
        let store = StateStore()
        var progress = store.loadProgress()
        let loaded = progress
        let outcomes: [(exercise: Manifest.Exercise, outcome: CheckOutcome)]
        if let exercise {
            let e: Manifest.Exercise
            do { e = try curriculum.exercise(exercise) } catch {
                printError("error: \(error)")
                throw ExitCode(64)
            }
            outcomes = [(e, curriculum.check(e.id))]
            print(Self.line(e, outcomes[0].outcome))
        } else {
            var all: [(exercise: Manifest.Exercise, outcome: CheckOutcome)] = []
            for lesson in curriculum.lessons {
                print(lesson.id + "  " + lesson.title)
                for e in lesson.exercises {
                    let outcome = curriculum.check(e.id)
                    all.append((e, outcome))
                    print("  " + Self.line(e, outcome).replacingOccurrences(of: "\n", with: "\n  "))
                }
            }
            outcomes = all
            print("")
            print(ProgressReport(curriculum: curriculum, outcomes: outcomes).render())
            let untried = outcomes.filter { $0.outcome.isNotAttempted }.map(\.exercise.id)
            if !untried.isEmpty { print("Not attempted yet (\(untried.count)): \(untried.joined(separator: ", "))") }
        }
        if !noSave {
            for (e, outcome) in outcomes { progress.record(e.id, outcome) }
            do { try store.save(progress, since: loaded) } catch {
                printError("warning: your progress was not saved: \(error) — fix that, then check again to record it (or pass --no-save)")
            }
        }
        if outcomes.contains(where: { !$0.outcome.isPassed }) { throw ExitCode(1) }
    }

    /// "✓ basic_conv2d: …", "✗ …", "· …: not attempted yet: …"
    static func line(_ e: Manifest.Exercise, _ outcome: CheckOutcome) -> String {
        switch outcome {
        case .passed(let m): return "✓ \(e.id): \(m)"
        case .failed(let m): return "✗ \(e.id): \(m)"
        case .notAttempted(let m): return "· \(e.id): \(m)"
        }
    }
}
