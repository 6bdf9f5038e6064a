import InceptionRuntime

/// What a command does when it is typed while a forward or backward pass is paused.
enum PausedBehaviour: Sendable {
    /// Runs as it does at any other time (inspection, arithmetic, settings, :help…).
    case runs
    /// Moves the paused pass on; `showExits` prints each module as it finishes.
    case resumes(TraceStepper.Command, showExits: Bool)
    /// Stops the pass and leaves the REPL.
    case quits
    /// :next: says how to move on inside the pass instead.
    case pointsToStepping
    /// Runs or clears the notebook's code, which must not happen under the paused pass.
    case waitsForThePass
}

/// One REPL command: its name, aliases, arguments and summary (`:help`), what it does at a
/// debugger pause, and its handler (given the session and the text after the name).
struct CommandSpec: Sendable {
    let name: String
    var aliases: [String] = []
    let arguments: String
    let summary: String
    let group: String
    var whilePaused: PausedBehaviour = .runs
    let run: @Sendable (Session, String) -> Void
}

/// Every REPL command, in the order `:help` lists them. Dispatch, `:help`, tab completion and
/// the debugger's paused loop all read this table: a new command is one entry here.
enum CommandTable {
    static let groups = ["notebook", "exercises", "debugger", "inspection", "arithmetic", "settings"]

    static let all: [CommandSpec] = [
        .init(name: "help", aliases: ["h", "?"], arguments: "[command]", summary: "list the commands, or explain one", group: "notebook") { $0.help($1) },
        .init(name: "lessons", arguments: "", summary: "list the lessons and how far you got in each", group: "notebook") { s, _ in s.listLessons() },
        .init(name: "open", arguments: "N|name", summary: "open a lesson by number or name (:open 3, :open stem)", group: "notebook", whilePaused: .waitsForThePass) { s, a in
            a.isEmpty ? s.write("usage: :open N|name (see :lessons)") : s.open(a)
        },
        .init(name: "next", aliases: ["n"], arguments: "", summary: "show the next cell; a code cell also runs", group: "notebook", whilePaused: .pointsToStepping) { s, _ in
            if s.pausedAt != nil || s.pausedBackwardAt != nil { s.write("paused inside a forward pass: :step, :over, :out or :continue") } else { s.nextCell() }
        },
        .init(name: "prev", arguments: "", summary: "show the previous cell again (without running it)", group: "notebook", whilePaused: .waitsForThePass) { s, _ in s.previousCell() },
        .init(name: "cell", arguments: "", summary: "show the current cell again", group: "notebook") { s, _ in s.currentCell() },
        .init(name: "glossary", arguments: "[TERM]", summary: "what a word of the lessons means (:glossary relu); the list without TERM", group: "notebook") { $0.glossary($1) },
        .init(name: "again", arguments: "", summary: "run the current cell again (after fixing what stopped it)", group: "notebook", whilePaused: .waitsForThePass) { s, _ in s.runCurrentCellAgain() },
        .init(name: "run", arguments: "", summary: "run the rest of the lesson", group: "notebook", whilePaused: .waitsForThePass) { s, _ in s.runRest() },
        .init(name: "restart", arguments: "", summary: "start the lesson over, with the variables cleared", group: "notebook", whilePaused: .waitsForThePass) { s, _ in s.restart() },
        .init(name: "replay", arguments: "", summary: "run the cells before this one again, quietly (after resuming a lesson)", group: "notebook", whilePaused: .waitsForThePass) { s, _ in s.replayCommand() },
        .init(name: "quit", aliases: ["q", "exit"], arguments: "", summary: "leave (Ctrl-D does too); your place is kept", group: "notebook", whilePaused: .quits) { s, _ in s.quitRequested = true },
        .init(name: "exercises", arguments: "[all]", summary: "this lesson's exercises (✓ solved, ✗ tried, · not yet)", group: "exercises") { $0.listExercises($1) },
        .init(name: "check", arguments: "[ID]", summary: "grade your work on this lesson's exercises (or one)", group: "exercises", whilePaused: .waitsForThePass) { $0.check($1) },
        .init(name: "hint", arguments: "[ID]", summary: "the next hint, one step at a time", group: "exercises") { $0.hint($1) },
        .init(name: "solution", arguments: "[ID]", summary: "the solution, after you have tried (or when asked twice)", group: "exercises") { $0.solution($1) },
        .init(name: "reset", arguments: "[ID]", summary: "put the starter back (asks first, keeps a backup)", group: "exercises", whilePaused: .waitsForThePass) { $0.reset($1) },
        .init(name: "progress", arguments: "", summary: "what you have solved, with a bar", group: "exercises") { s, _ in s.showProgress() },
        .init(name: "break", arguments: "PATH", summary: "pause before a module runs (:break inception4a, :break inception3a.conv5x5)", group: "debugger") { $0.setBreakpoint($1) },
        .init(name: "delete", arguments: "[PATH]", summary: "remove one breakpoint, or all of them", group: "debugger") { $0.deleteBreakpoint($1) },
        .init(name: "step", aliases: ["s"], arguments: "", summary: "run to the next layer (into modules); before a run: pause at its first module", group: "debugger",
              whilePaused: .resumes(.step, showExits: true)) { s, _ in s.debuggerCommand("step") },
        .init(name: "over", arguments: "", summary: "run to the next module at this depth (over its insides)", group: "debugger",
              whilePaused: .resumes(.next, showExits: true)) { s, _ in s.debuggerCommand("over") },
        .init(name: "out", arguments: "", summary: "run to the end of the current module", group: "debugger",
              whilePaused: .resumes(.finish, showExits: true)) { s, _ in s.debuggerCommand("out") },
        .init(name: "continue", aliases: ["c"], arguments: "", summary: "run on to the next breakpoint", group: "debugger",
              whilePaused: .resumes(.proceed, showExits: false)) { s, _ in s.debuggerCommand("continue") },
        .init(name: "where", arguments: "", summary: "the path from the root to here, with the shapes so far", group: "debugger") { s, _ in s.whereAmI() },
        .init(name: "shape", arguments: "X", summary: "the shape of a variable or of a module's output in the last run", group: "inspection") { $0.inspect("shape", $1) },
        .init(name: "show", arguments: "X [i, j, a:b, …]", summary: "values, indexed and sliced like NumPy (:show y [0, 5, :4, :4])", group: "inspection") { $0.inspect("show", $1) },
        .init(name: "stats", arguments: "X", summary: "min, max, mean, std and the fraction of zeros (what ReLU switched off)", group: "inspection") { $0.inspect("stats", $1) },
        .init(name: "heatmap", arguments: "X [n] [c]", summary: "draw channel c of image n as a heatmap", group: "inspection") { $0.inspect("heatmap", $1) },
        .init(name: "hist", arguments: "X", summary: "a small histogram of the values", group: "inspection") { $0.inspect("hist", $1) },
        .init(name: "grad", arguments: "PATH", summary: "after loss.backward(): a module's output gradient and its parameters' gradients (X.grad works in :stats, :heatmap, :hist, :show)", group: "inspection") { $0.showGradient($1) },
        .init(name: "gradnorms", arguments: "[NAME] [all]", summary: "after loss.backward(): gradient norms layer by layer, input to output (vanishing gradients)", group: "inspection") { $0.gradientNorms($1) },
        .init(name: "save", arguments: "X FILE.npy", summary: "write a tensor to a NumPy file", group: "inspection") { $0.inspect("save", $1) },
        .init(name: "params", arguments: "PATH", summary: "the parameter arithmetic of every layer under a module", group: "arithmetic") { $0.params($1) },
        .init(name: "summary", arguments: "[NAME] [N,C,H,W]", summary: "the torchinfo summary (of the seed network, or of a block you built)", group: "arithmetic") { s, a in
            s.summary(a.split(separator: " ").map(String.init))
        },
        .init(name: "savings", arguments: "[module]", summary: "what the 1×1 reductions save, per Inception module", group: "arithmetic") { $0.savings($1) },
        .init(name: "diagram", arguments: "MODULE", summary: "an Inception module's four branches, drawn as boxes", group: "arithmetic") { $0.diagram($1) },
        .init(name: "rf", arguments: "[PATH] [SIZE]", summary: "receptive field and jump after a module of the seed (all of them without PATH)", group: "arithmetic") { $0.receptiveField($1) },
        .init(name: "mode", arguments: "train|eval", summary: "BatchNorm statistics, Dropout and the aux heads: train or eval behaviour", group: "settings") { $0.setMode($1) },
        .init(name: "trace", arguments: "on|off", summary: "print every layer as it runs (an indented tree)", group: "settings") { $0.setTrace($1) },
        .init(name: "threads", arguments: "N", summary: "OpenBLAS threads", group: "settings") { $0.setThreads($1) },
        .init(name: "vars", arguments: "", summary: "the variables you have defined", group: "settings") { s, _ in s.listVariables() },
    ]

    static var names: [String] { all.map(\.name) }

    /// The command a word names, by its name or one of its aliases ("q" → quit).
    static func spec(_ word: String) -> CommandSpec? { all.first { $0.name == word || $0.aliases.contains(word) } }

    static func helpText() -> String {
        var lines = ["Commands start with ':'; anything else is code in the lesson language (Python-like, as in the seed's PyTorch)."]
        for group in groups {
            lines.append("")
            lines.append(group.prefix(1).uppercased() + group.dropFirst() + ":")
            for c in all where c.group == group {
                let head = ":\(c.name)" + (c.arguments.isEmpty ? "" : " \(c.arguments)")
                lines.append("  " + head.padding(toLength: max(head.count, 22), withPad: " ", startingAt: 0) + "  " + c.summary)
            }
        }
        lines.append("")
        lines.append("X is a variable name or a module path from the last run (inception3a.conv3x3). Tab completes commands, names and paths.")
        return lines.joined(separator: "\n")
    }
}
