import Foundation
import InceptionLanguage
import InceptionModel
import InceptionRuntime

extension Session {
    /// Runs one `:command args…` line.
    func runCommand(_ line: String) {
        let body = line.dropFirst()
        let name = String(body.prefix { !$0.isWhitespace })
        let args = body.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
        guard let command = CommandTable.spec(name) else {
            // ':' alone, or ': next' with a space: no command name to guess from
            let typed = name.drop { $0 == ":" }
            if typed.isEmpty {
                let next = String(args.prefix { !$0.isWhitespace })
                write(CommandTable.spec(next) != nil ? "a command is written without a space after the colon: :\(next)"
                                                     : "':' starts a command: type a name after it, such as :next (:help lists the commands)")
                return
            }
            var message = "unknown command :\(name)"
            if let guess = CommandSuggestion.closest(to: String(typed), among: CommandTable.names) { message += ". Did you mean :\(guess)?" }
            write(message + " (:help lists the commands)")
            return
        }
        // A command that takes nothing says so rather than ignoring what was given (`:next 3`);
        // :quit leaves whatever follows it.
        if command.arguments.isEmpty, command.name != "quit", refusedArgument(args, of: command.name) { return }
        command.run(self, args)
    }

    /// A command that takes nothing, given something (`:cell 3`): say what it does instead of
    /// ignoring it. → whether it was refused.
    func refusedArgument(_ args: String, of name: String) -> Bool {
        guard !args.isEmpty else { return false }
        let summary = CommandTable.spec(name)?.summary ?? ""
        write(":\(name) takes no argument (it does this: \(summary))" + (Int(args) != nil ? "; :open N opens lesson N, :next goes on cell by cell" : ""))
        return true
    }

    func help(_ topic: String) {
        let name = topic.hasPrefix(":") ? String(topic.dropFirst()) : topic
        if name.isEmpty { write(CommandTable.helpText()); return }
        guard let spec = CommandTable.spec(name) else {
            var message = "no command :\(name)"
            if let guess = CommandSuggestion.closest(to: name, among: CommandTable.names) { message += ". Did you mean :\(guess)?" }
            write(message); return
        }
        write(":\(spec.name)" + (spec.arguments.isEmpty ? "" : " \(spec.arguments)") + "\n  " + spec.summary)
    }

    func listVariables() {
        let names = interpreter.globalNames.filter { if case .builtin = interpreter.global($0) { return false } else { return true } }
        guard !names.isEmpty else { write("no variables yet"); return }
        for n in names {
            guard let v = interpreter.global(n) else { continue }
            let text: String
            switch v {
            case .tensor(let t): text = "tensor \(formatShape(t.shape))"
            case .module(let m): text = "\(m.typeName) (\(formatCount(m.parameterCount)) parameters)"
            case .classValue, .function, .builtin: text = v.typeName
            default: text = Self.shortened(v.repr)
            }
            write("  \(n) = \(text)")
        }
    }

    /// The longest value :vars shows on its line; the rest is left out, with how much there was.
    static let variableTextLimit = 100

    /// A value's text cut to its first line and `variableTextLimit` characters: "'aaaa…' … (200,002 characters)".
    static func shortened(_ text: String) -> String {
        let firstLine = text.prefix { $0 != "\n" }
        guard firstLine.count < text.count || text.count > variableTextLimit else { return text }
        return String(firstLine.prefix(variableTextLimit)) + "… (\(formatCount(text.count)) characters; print(NAME) shows it all)"
    }

    // MARK: settings

    func setMode(_ args: String) {
        switch args {
        case "train", "eval":
            training = args == "train"
            for m in allModules() { m.setTraining(training) }
            write(training ? "train mode: BatchNorm normalises with the batch's own statistics (and updates its running ones), Dropout drops, the aux heads run."
                           : "eval mode: BatchNorm uses its running statistics, Dropout passes everything through, the aux heads are skipped.")
        case "": write("mode: \(training ? "train" : "eval") (:mode train or :mode eval)")
        default: write("usage: :mode train|eval")
        }
    }

    func setTrace(_ args: String) {
        switch args {
        case "on":
            if printer == nil {
                let p = TracePrinter(showTimes: true, write: { [write] in write($0) })
                printer = p
                interpreter.context.observers.append(p)
            }
            write("trace on: every module prints as it runs")
        case "off":
            if let p = printer { interpreter.context.observers.removeAll { $0 === p }; printer = nil }
            write("trace off")
        default: write("usage: :trace on|off (now \(printer == nil ? "off" : "on"))")
        }
    }

    func setThreads(_ args: String) {
        guard let n = Int(args), n >= 1, n <= 256 else { write("usage: :threads N (now \(OpenBLAS.threads))"); return }
        OpenBLAS.setThreads(n)
        write("OpenBLAS now uses \(OpenBLAS.threads) thread\(OpenBLAS.threads == 1 ? "" : "s")")
    }

    /// Every module the learner can reach: global blocks (and what they contain).
    func allModules() -> [Module] {
        interpreter.globalNames.compactMap { interpreter.global($0)?.asModule }
    }

}
