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
        let words = args.split(separator: " ").map(String.init)
        switch name {
        case "help", "h", "?": help(args)
        case "lessons": listLessons()
        case "open": args.isEmpty ? write("usage: :open N|name (see :lessons)") : open(args)
        case "next", "n": if pausedAt != nil || pausedBackwardAt != nil { write("paused inside a forward pass: :step, :over, :out or :continue") } else { nextCell() }
        case "prev": previousCell()
        case "cell": currentCell()
        case "glossary": glossary(args)
        case "again": runCurrentCellAgain()
        case "run": runRest()
        case "restart": restart()
        case "replay": replayCommand()
        case "quit", "q", "exit": quitRequested = true
        case "break": setBreakpoint(args)
        case "delete": deleteBreakpoint(args)
        case "step", "over", "out", "continue", "c": debuggerCommand(name)
        case "where": whereAmI()
        case "shape", "show", "stats", "heatmap", "hist", "save": inspect(name, args)
        case "params": params(args)
        case "grad": showGradient(args)
        case "gradnorms": gradientNorms(args)
        case "summary": summary(words)
        case "savings": savings(args)
        case "diagram": diagram(args)
        case "rf": receptiveField(args)
        case "mode": setMode(args)
        case "trace": setTrace(args)
        case "threads": setThreads(args)
        case "vars": listVariables()
        case "check": check(args)
        case "hint": hint(args)
        case "solution": solution(args)
        case "reset": reset(args)
        case "progress": showProgress()
        case "exercises": listExercises(args)
        default:
            if let handled = extraCommand(name, args), handled { return }
            var message = "unknown command :\(name)"
            if let guess = CommandSuggestion.closest(to: name, among: CommandTable.names) { message += ". Did you mean :\(guess)?" }
            write(message + " (:help lists the commands)")
        }
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
            default: text = v.repr
            }
            write("  \(n) = \(text)")
        }
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

    /// Hook for commands added by other parts of the REPL (the curriculum's :check, …).
    func extraCommand(_ name: String, _ args: String) -> Bool? { extraCommands[name]?(args) }
}
