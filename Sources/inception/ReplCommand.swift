import ArgumentParser
import Dispatch
import Foundation
import InceptionCurriculum
import InceptionREPL
import InceptionRuntime

/// `inception` with no subcommand: the notebook REPL on the learner's current lesson.
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Open the lessons in the notebook REPL (the default when no subcommand is given).")

    @Argument(help: "A lesson file to open (default: where you left off).")
    var lessonFile: String?

    @Option(parsing: .unconditional, help: "Open lesson N (1 is the first; :lessons in the REPL lists them).")
    var lesson: Int?

    @Option(help: "The lessons folder (default: Lessons/ of this checkout).")
    var lessons: String?

    @OptionGroup var runtime: RuntimeOptions

    func validate() throws {
        if let n = lesson, n < 1 { throw ValidationError("--lesson \(n): lessons are numbered from 1 (inception --lesson 1 opens the first)") }
    }

    /// The subcommand a word is a typo of (at most two letters off), if any.
    static func subcommand(near word: String) -> String? {
        let names = Inception.configuration.subcommands.compactMap { $0.configuration.commandName }
        let typed = word.lowercased()
        return names.map { ($0, CommandSuggestion.distance(typed, $0)) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
    }

    func run() throws {
        runtime.apply()
        let terminal = Terminal.detect()
        let store = StateStore()
        var history: String? = store.historyFile
        var isFolder: ObjCBool = false
        if let path = history, FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            printError("warning: \(path) is a folder, so the lines you type are not kept for the next session: move it away")
            history = nil
        }
        let reader = LineReader(historyFile: history)
        // An explicit folder is taken as it is (lessons without exercises need no manifest).
        var lessonsDirectory = lessons.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
        if lessonsDirectory == nil {
            do { lessonsDirectory = try CurriculumLocator.find(explicit: lessons) } catch { printError("\(error)") }
        }
        let session = Session(terminal: terminal, reader: reader, store: store, lessonsDirectory: lessonsDirectory)
        // `inception chek`: a mistyped subcommand, not a lesson to look for.
        if let name = lessonFile, !session.hasLesson(name), let command = Self.subcommand(near: name) {
            printError("error: '\(name)' is neither a command nor a lesson — did you mean `inception \(command)`? (inception --help lists the commands, `inception 3` opens lesson 3)")
            throw ExitCode(64)
        }
        // Ctrl-C stops a running forward pass; at the prompt readline just gives a new line.
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { session.interrupt() }
        source.resume()
        if reader.interactive {
            print(terminal.bold("inception") + " — learn GoogLeNet by building it. :help lists the commands, :quit leaves.")
        }
        session.run(openingLesson: lessonFile ?? lesson.map(String.init))
        source.cancel()
    }
}
