/// Every REPL command: its name, arguments, a one-line summary and a longer explanation.
struct CommandSpec {
    let name: String
    let arguments: String
    let summary: String
    let group: String
}

enum CommandTable {
    static let all: [CommandSpec] = [
        .init(name: "help", arguments: "[command]", summary: "list the commands, or explain one", group: "notebook"),
        .init(name: "lessons", arguments: "", summary: "list the lessons and how far you got in each", group: "notebook"),
        .init(name: "open", arguments: "N|name", summary: "open a lesson by number or name (:open 3, :open stem)", group: "notebook"),
        .init(name: "next", arguments: "", summary: "show the next cell; a code cell also runs", group: "notebook"),
        .init(name: "prev", arguments: "", summary: "show the previous cell again (without running it)", group: "notebook"),
        .init(name: "cell", arguments: "", summary: "show the current cell again", group: "notebook"),
        .init(name: "glossary", arguments: "[TERM]", summary: "what a word of the lessons means (:glossary relu); the list without TERM", group: "notebook"),
        .init(name: "again", arguments: "", summary: "run the current cell again (after fixing what stopped it)", group: "notebook"),
        .init(name: "run", arguments: "", summary: "run the rest of the lesson", group: "notebook"),
        .init(name: "restart", arguments: "", summary: "start the lesson over, with the variables cleared", group: "notebook"),
        .init(name: "replay", arguments: "", summary: "run the cells before this one again, quietly (after resuming a lesson)", group: "notebook"),
        .init(name: "quit", arguments: "", summary: "leave (Ctrl-D does too); your place is kept", group: "notebook"),
        .init(name: "exercises", arguments: "[all]", summary: "this lesson's exercises (✓ solved, ✗ tried, · not yet)", group: "exercises"),
        .init(name: "check", arguments: "[ID]", summary: "grade your work on this lesson's exercises (or one)", group: "exercises"),
        .init(name: "hint", arguments: "[ID]", summary: "the next hint, one step at a time", group: "exercises"),
        .init(name: "solution", arguments: "[ID]", summary: "the solution, after you have tried (or when asked twice)", group: "exercises"),
        .init(name: "reset", arguments: "[ID]", summary: "put the starter back (asks first, keeps a backup)", group: "exercises"),
        .init(name: "progress", arguments: "", summary: "what you have solved, with a bar", group: "exercises"),
        .init(name: "break", arguments: "PATH", summary: "pause before a module runs (:break inception4a, :break inception3a.conv5x5)", group: "debugger"),
        .init(name: "delete", arguments: "[PATH]", summary: "remove one breakpoint, or all of them", group: "debugger"),
        .init(name: "step", arguments: "", summary: "run to the next layer (into modules); before a run: pause at its first module", group: "debugger"),
        .init(name: "over", arguments: "", summary: "run to the next module at this depth (over its insides)", group: "debugger"),
        .init(name: "out", arguments: "", summary: "run to the end of the current module", group: "debugger"),
        .init(name: "continue", arguments: "", summary: "run on to the next breakpoint", group: "debugger"),
        .init(name: "where", arguments: "", summary: "the path from the root to here, with the shapes so far", group: "debugger"),
        .init(name: "shape", arguments: "X", summary: "the shape of a variable or of a module's output in the last run", group: "inspection"),
        .init(name: "show", arguments: "X [i, j, a:b, …]", summary: "values, indexed and sliced like NumPy (:show y [0, 5, :4, :4])", group: "inspection"),
        .init(name: "stats", arguments: "X", summary: "min, max, mean, std and the fraction of zeros (what ReLU switched off)", group: "inspection"),
        .init(name: "heatmap", arguments: "X [n] [c]", summary: "draw channel c of image n as a heatmap", group: "inspection"),
        .init(name: "hist", arguments: "X", summary: "a small histogram of the values", group: "inspection"),
        .init(name: "grad", arguments: "PATH", summary: "after loss.backward(): a module's output gradient and its parameters' gradients (X.grad works in :stats, :heatmap, :hist, :show)", group: "inspection"),
        .init(name: "gradnorms", arguments: "[NAME] [all]", summary: "after loss.backward(): gradient norms layer by layer, input to output (vanishing gradients)", group: "inspection"),
        .init(name: "save", arguments: "X FILE.npy", summary: "write a tensor to a NumPy file", group: "inspection"),
        .init(name: "params", arguments: "PATH", summary: "the parameter arithmetic of every layer under a module", group: "arithmetic"),
        .init(name: "summary", arguments: "[NAME] [N,C,H,W]", summary: "the torchinfo summary (of the seed network, or of a block you built)", group: "arithmetic"),
        .init(name: "savings", arguments: "[module]", summary: "what the 1×1 reductions save, per Inception module", group: "arithmetic"),
        .init(name: "diagram", arguments: "MODULE", summary: "an Inception module's four branches, drawn as boxes", group: "arithmetic"),
        .init(name: "rf", arguments: "[PATH] [SIZE]", summary: "receptive field and jump after a module of the seed (all of them without PATH)", group: "arithmetic"),
        .init(name: "mode", arguments: "train|eval", summary: "BatchNorm statistics, Dropout and the aux heads: train or eval behaviour", group: "settings"),
        .init(name: "trace", arguments: "on|off", summary: "print every layer as it runs (an indented tree)", group: "settings"),
        .init(name: "threads", arguments: "N", summary: "OpenBLAS threads", group: "settings"),
        .init(name: "vars", arguments: "", summary: "the variables you have defined", group: "settings"),
    ]

    static var names: [String] { all.map(\.name) }
    static func spec(_ name: String) -> CommandSpec? { all.first { $0.name == name } }

    static func helpText() -> String {
        var lines = ["Commands start with ':'; anything else is code in the lesson language (Python-like, as in the seed's PyTorch)."]
        for group in ["notebook", "exercises", "debugger", "inspection", "arithmetic", "settings"] {
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
