import InceptionLanguage
import InceptionRuntime

/// Checks a design exercise by properties, not against one reference: the learner's block,
/// built by `build`, must run on `probe`, give `output`, contain a convolution of each size in
/// `kernels`, and cost at most `budget` multiply-adds (counted as the trace counts them: every
/// weight and bias once per output position, BatchNorm's parameters once). Any block with
/// those properties passes.
struct DesignCheck {
    let curriculum: Curriculum
    let exercise: Manifest.Exercise
    let world: ReferenceWorld
    let source: String

    func run() throws -> CheckOutcome {
        let e = exercise
        guard let buildCode = e.build, let probe = e.probe, let output = e.output, let budget = e.budget else {
            throw CurriculumError("manifest.json: design exercise \(e.id) needs build, probe, output and budget")
        }
        let (interpreter, stop) = curriculum.runLearnerFile(e, source: source, world: world, defining: "class")
        defer { interpreter.clearGlobals() }
        if let stop { return stop }
        let mine: Module
        do {
            guard case .module(let m) = try LanguageRunning.evaluate(buildCode, in: interpreter, label: "\(e.id): \(buildCode)") else {
                return .failed("`\(buildCode)` does not give a block")
            }
            mine = m
        } catch {
            return .failed("building your block as `\(buildCode)` failed: \(RunFailureText.describe(error.diagnostic, learnerFile: curriculum.display(e.file)))")
        }
        mine.makeRoot()
        let shapes = ProbeShapes(mine, input: probe, training: false, onNumbers: true)
        if let error = shapes.error {
            return .failed("running your block on a \(formatShape(probe)) input failed: \(RunFailureText.describe(error, learnerFile: curriculum.display(e.file)))")
        }
        let got = shapes.output("") ?? []
        if got != output {
            var message = "your block gives \(formatShape(got)) on a \(formatShape(probe)) input; the specification asks for \(formatShape(output))"
            if got.count == 4, output.count == 4, got[1] != output[1] { message += " — the branches' output channels must add up to \(output[1])" }
            if got.count == 4, output.count == 4, got[2...] != output[2...] { message += " — every branch must keep the \(output[2])×\(output[3]) size (padding (k − 1)/2 at stride 1)" }
            return .failed(message)
        }
        if let message = try constantOutput(mine, interpreter: interpreter, probe: probe) { return .failed(message) }
        // Only what forward runs counts: a branch defined in __init__ and never called is not part of the design.
        // A functional convolution (F.conv2d(x, self.w)) counts as the Conv2d doing the same work.
        struct Work { let kernel: (h: Int, w: Int)?; let multAdds: Int; let place: (String) -> String }
        let work = shapes.exits.filter { $0.module.isLeaf }.map { exit in
            Work(kernel: exit.module.convolutionKernel, multAdds: exit.multAdds) { "\(exit.path) (\(exit.module.typeName), \($0))" }
        } + shapes.functionalCalls.map { call in
            Work(kernel: call.kernel, multAdds: call.multAdds) { "the \(call.name) in the forward of \(call.blockPath.isEmpty ? mine.typeName : call.blockPath) (\($0))" }
        }
        for k in e.kernels ?? [] where !work.contains(where: { $0.kernel.map { $0 == (k, k) } ?? false }) {
            return .failed("your block has no \(k)×\(k) convolution; the specification asks for one (as Figure 2(b) has)")
        }
        let multAdds = work.reduce(0) { $0 + $1.multAdds }
        if multAdds > budget {
            let worst = work.filter { $0.multAdds > 0 }.max { $0.multAdds < $1.multAdds }
            var message = "your block costs \(formatCount(multAdds)) multiply-adds on \(formatShape(probe)), over the budget of \(formatCount(budget))"
            if let worst { message += "; the largest is \(worst.place(formatCount(worst.multAdds))): a 1×1 reduction in front of it, or fewer channels, brings it down" }
            return .failed(message)
        }
        return .passed("\(buildCode) meets the specification: output \(formatShape(got)), \(formatCount(multAdds)) multiply-adds (budget \(formatCount(budget))), \(formatCount(mine.parameterCount)) parameters")
    }

    /// A block whose output is the same for two different inputs (a forward that returns
    /// torch.zeros(…), or a constant) computes nothing from x: the message saying so, or nil.
    func constantOutput(_ mine: Module, interpreter: Interpreter, probe: [Int]) throws -> String? {
        var rng = SeededRandom(seed: 1)
        var outputs: [Tensor] = []
        for _ in 0..<2 {
            let x = Tensor.randn(probe, rng: &rng)
            do {
                guard case .tensor(let y) = try interpreter.call(mine, x) else { return nil }
                outputs.append(y)
            } catch {
                return "running your block on a \(formatShape(probe)) input failed: \(RunFailureText.describe(error, learnerFile: curriculum.display(exercise.file)))"
            }
        }
        guard outputs[0].shape == outputs[1].shape,
              (0..<outputs[0].count).allSatisfy({ outputs[0].data[$0] == outputs[1].data[$0] }) else { return nil }
        return "your block gives the same output for two different inputs: its forward does not compute from x (a torch.zeros(…) or a constant returned?) — return the branches' outputs on x, concatenated"
    }
}
