import Foundation
import InceptionRuntime

/// The forward-pass debugger: breakpoints, stepping, and the nested prompt while paused.
extension Session {
    func setBreakpoint(_ path: String) {
        guard !path.isEmpty else {
            write(breakpoints.isEmpty ? "no breakpoints: :break inception4a pauses before inception4a runs"
                                      : "breakpoints: " + breakpoints.sorted().joined(separator: ", "))
            return
        }
        let known = knownPaths()
        guard known.contains(path) else {
            // A breakpoint nothing can reach would never pause: refuse it and say what exists.
            var message = "no module has the path '\(path)'"
            if let guess = CommandSuggestion.closest(to: path, among: known) { message += ". Did you mean \(guess)?" }
            else if known.isEmpty { message += ": build a network first (e.g. net = reference(), the seed's Inception V1), then set the breakpoint" }
            else { message += " (e.g. \(known.prefix(3).joined(separator: ", ")))" }
            write(message + "; no breakpoint set")
            return
        }
        breakpoints.insert(path)
        stepper?.breakpoints = breakpoints
        write("breakpoint at \(path): the next forward pass pauses before it runs")
    }

    func deleteBreakpoint(_ path: String) {
        if path.isEmpty { breakpoints.removeAll(); write("all breakpoints deleted") }
        else if breakpoints.remove(path) != nil { write("breakpoint at \(path) deleted") }
        else { write("no breakpoint at \(path) (breakpoints: \(breakpoints.isEmpty ? "none" : breakpoints.sorted().joined(separator: ", ")))") }
        stepper?.breakpoints = breakpoints
    }

    /// A fresh stepper for each evaluation (so one run's stepping never leaks into the next),
    /// attached only when there is a breakpoint or `:step` was armed: plain runs stay fast.
    func installStepper() {
        if let s = stepper { interpreter.context.observers.removeAll { $0 === s }; stepper = nil }
        guard !breakpoints.isEmpty || stepArmed else { return }
        let s = TraceStepper(startPaused: stepArmed, breakpoints: breakpoints) { [unowned self] event in
            try self.paused(at: event)
        }
        s.exitHandler = { [unowned self] exit, output in
            if self.showExits { self.write(self.describeExit(exit)) }
        }
        s.backwardPauseHandler = { [unowned self] step in try self.pausedBackward(at: step) }
        s.backwardHandler = { [unowned self] step in
            if self.showExits { self.write(self.describeBackwardDone(step)) }
        }
        stepArmed = false
        stepper = s
        interpreter.context.observers.append(s)
    }

    /// `:step` etc. outside a pause: arm stepping for the next run, or explain.
    func debuggerCommand(_ name: String) {
        guard pausedAt == nil else { return }      // handled by the paused loop
        if name == "step" {
            stepArmed = true
            write("stepping armed: the next forward pass (y = net(x)) pauses before its first module, or the next backward pass (loss.backward()) at its first step")
        } else {
            write("nothing is paused: set a breakpoint (:break inception4a) or :step, then run a block")
        }
    }

    /// Called by the stepper before a module runs: shows where we are and reads commands
    /// until one of them moves on.
    func paused(at event: ModuleEnter) throws -> TraceStepper.Command {
        pausedAt = event
        defer { pausedAt = nil }
        write(describeEnter(event))
        let start = DispatchTime.now().uptimeNanoseconds
        let command = pauseLoop(pass: "forward")
        whereTracker.addPause(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, beforeInnermostStarted: true)
        return command
    }

    /// Reads commands at a pause until one of them moves the pass on.
    func pauseLoop(pass: String) -> TraceStepper.Command {
        while let line = readLine(prompt: prompt) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            guard trimmed.hasPrefix(":") else {
                write("paused inside a \(pass) pass: inspect with :shape, :stats, :heatmap…\(pass == "backward" ? ", :grad" : ""), then :step or :continue")
                continue
            }
            // By the command's name, so `:q now` quits as `:q` does.
            let word = String(trimmed.dropFirst().prefix { !$0.isWhitespace })
            switch CommandTable.spec(word)?.whilePaused ?? .runs {
            case .resumes(let command, let exits): showExits = exits; return command
            case .quits:
                write("stopping the \(pass) pass and quitting")
                quitRequested = true; return .stop
            case .pointsToStepping: write("paused inside a \(pass) pass: :step goes to the next layer, :continue runs on")
            case .waitsForThePass:
                write("paused inside a \(pass) pass: :\(word) must wait until it ends (:continue runs it to the end, :quit leaves)")
            case .runs:
                runCommand(trimmed)
                if quitRequested { return .stop }
            }
        }
        quitRequested = true
        return .stop
    }

    /// "⏸ inception4a  Inception(480, …)" and "  input 1×480×14×14  rf 107 jump 16  params 376,176"
    /// (the receptive field of the input's values: what the module starts from).
    func describeEnter(_ e: ModuleEnter) -> String {
        var text = terminal.accent("⏸ \(e.path.isEmpty ? "(root)" : e.path)") + "  " + e.module.signature
        text += "\n  input \(formatShape(e.inputShape))"
        if let span = stepper?.receptiveFields.span(for: e) { text += "  " + span.before.traceLabel }
        if let f = e.module.parameterFormula { text += "  params \(f)" }
        else if e.module.parameterCount > 0 { text += "  params \(formatCount(e.module.parameterCount))" }
        return text
    }

    /// "  ✓ inception4a.conv1x1.layer.0  Conv2d  1×480×14×14 → 1×192×14×14  params … mult-adds …  rf 107 jump 16  0.41 ms"
    func describeExit(_ e: ModuleExit) -> String {
        var text = "  ✓ \(e.path.isEmpty ? "(root)" : e.path)  \(e.module.typeName)  \(formatShape(e.enter.inputShape)) → \(formatShape(e.outputShape))"
        if let f = e.formula { text += "  params \(f)" }
        if e.multAdds > 0 { text += "  mult-adds \(formatCount(e.multAdds))" }
        if let span = stepper?.receptiveFields.span(for: e.enter) { text += "  " + span.after.traceLabel }
        // The clock ran while the learner sat at a pause inside this module: that time is not its own.
        return text + String(format: "  %.2f ms", max(0, e.seconds - whereTracker.pausedInLastExit) * 1000)
    }

    func whereAmI() {
        if let step = pausedBackwardAt {
            write("backward pass, at ← \(step.path.isEmpty ? "(top level)" : step.path) (\(step.label)); gradients have reached, output first: " +
                  gradients.order.filter { !$0.isEmpty }.suffix(6).joined(separator: ", "))
            return
        }
        let stack = whereTracker.stack
        guard !stack.isEmpty else { write("not inside a forward pass (:break PATH or :step, then run a block)"); return }
        for (i, e) in stack.enumerated() {
            let name = e.path.isEmpty ? "(root) \(e.module.typeName)" : "\(e.path)  \(e.module.typeName)"
            write(String(repeating: "  ", count: i) + (i == stack.count - 1 ? "▶ " : "") + name + "  input \(formatShape(e.inputShape))")
        }
        let done = recorder.entries.suffix(3)
        if !done.isEmpty {
            write("last finished: " + done.map { "\($0.path.isEmpty ? "(root)" : $0.path) → \(formatShape($0.outputShape))" }.joined(separator: ", "))
        }
    }

    /// Module paths the learner may name: every module of every global block, and the last run's.
    func knownPaths() -> [String] {
        var paths = Set(recorder.entries.map(\.path))
        for m in allModules() { for (p, _) in m.namedModules() where !p.isEmpty { paths.insert(m.path.isEmpty ? p : m.path + "." + p) } }
        paths.remove("")
        return paths.sorted()
    }
}
