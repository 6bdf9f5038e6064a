import ArgumentParser
import Dispatch
import Foundation
import InceptionREPL
import InceptionRuntime

/// `inception` with no subcommand: the notebook REPL on the learner's current lesson.
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Open the lessons in the notebook REPL (the default when no subcommand is given).")

    @Argument(help: "A lesson file to open (default: where you left off).")
    var lessonFile: String?

    @Option(help: "Open lesson N (1-9).")
    var lesson: Int?

    @Option(help: "The lessons folder (default: Lessons/ of this checkout).")
    var lessons: String?

    @OptionGroup var runtime: RuntimeOptions

    func run() throws {
        runtime.apply()
        let terminal = Terminal.detect()
        let store = StateStore()
        let reader = LineReader(historyFile: store.historyFile)
        let session = Session(terminal: terminal, reader: reader, store: store, lessonsDirectory: LessonsLocator.find(explicit: lessons))
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

/// Finds Lessons/: an explicit folder, $INCEPTION_LESSONS, the current folder or one above
/// it, or the checkout the executable was built in (…/.build/release/inception).
enum LessonsLocator {
    static func find(explicit: String?) -> String? {
        let fm = FileManager.default
        func hasLessons(_ dir: String) -> Bool { fm.fileExists(atPath: dir + "/Lessons") }
        if let explicit { return explicit }
        if let env = ProcessInfo.processInfo.environment["INCEPTION_LESSONS"], !env.isEmpty { return env }
        var dir = fm.currentDirectoryPath
        for _ in 0..<4 {
            if hasLessons(dir) { return dir + "/Lessons" }
            dir = (dir as NSString).deletingLastPathComponent
        }
        var exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path
        for _ in 0..<5 {
            if hasLessons(exe) { return exe + "/Lessons" }
            exe = (exe as NSString).deletingLastPathComponent
        }
        return nil
    }
}
