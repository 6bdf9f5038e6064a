import InceptionLanguage
import InceptionRuntime

/// Checks a block exercise in the issue's order, stopping at the first step that fails:
/// 1. structure: the module tree, layer types and arguments;
/// 2. the output shape on the probe input (and every module on the way);
/// 3. the parameter count;
/// 4. the numbers: the reference's weights copied into the learner's block by position,
///    both run on the same random input, outputs equal within 1e-5 relative;
/// 5. the gradients of every parameter for the same output gradient (a forward that cuts the graph).
struct BlockCheck {
    let curriculum: Curriculum
    let exercise: Manifest.Exercise
    let world: ReferenceWorld
    let source: String

    func run() throws -> CheckOutcome {
        let e = exercise
        guard let buildCode = e.build, let referenceCode = e.reference, let probe = e.probe else {
            throw CurriculumError("manifest.json: block exercise \(e.id) needs build, reference and probe")
        }
        let (interpreter, stop) = curriculum.runLearnerFile(e, source: source, world: world, defining: "class")
        defer { interpreter.clearGlobals() }     // the learner's blocks and globals hold each other
        if let stop { return stop }
        let first = try compare(build: buildCode, reference: referenceCode, probe: probe, in: interpreter)
        guard first.isPassed else { return first }
        for other in e.also ?? [] {
            let outcome = try compare(build: other.build, reference: other.reference, probe: other.probe, in: interpreter)
            if case .failed(let message) = outcome {
                return .failed("with \(other.build) (a second configuration, \(formatShape(other.probe)) input): \(message)")
            }
        }
        return first
    }

    /// Steps 1–4 for one configuration: the learner's block built by `buildCode` in
    /// `interpreter` against the reference `referenceCode`, on a `probe` input.
    func compare(build buildCode: String, reference referenceCode: String, probe: [Int], in interpreter: Interpreter) throws -> CheckOutcome {
        let e = exercise
        let shown = curriculum.display(e.file)
        let mine: Module
        do {
            let value = try LanguageRunning.evaluate(buildCode, in: interpreter, label: "\(e.id): \(buildCode)")
            guard case .module(let m) = value else {
                let layers = value.sequenceItems().map { !$0.isEmpty && $0.allSatisfy { if case .module = $0 { true } else { false } } } ?? false
                return .failed("`\(buildCode)` gave \(value.brief), not a block"
                               + (layers ? " — put the layers in nn.Sequential(…), which runs them one after another" : ""))
            }
            mine = m
        } catch {
            return .failed("building your block as `\(buildCode)` failed: \(RunFailureText.describe(error.diagnostic, learnerFile: shown))")
        }
        let referenceValue: Value
        do {
            referenceValue = try world.evaluate(referenceCode, label: "manifest.json (\(e.id).reference)")
        } catch {
            throw CurriculumError("manifest.json: \(e.id).reference failed: \(error.text)")
        }
        guard case .module(let reference) = referenceValue else {
            throw CurriculumError("manifest.json: \(e.id).reference does not build a block")
        }
        mine.makeRoot()
        reference.makeRoot()
        let modes = try Self.modes(e)
        let naming = PathNaming(prefix: e.name ?? "", root: reference)
        func modeNote(_ training: Bool) -> String { modes.count > 1 ? "in \(training ? "train" : "eval") mode, " : "" }
        var referenceShapes: [Bool: ProbeShapes] = [:]
        for training in modes {
            let shapes = ProbeShapes(reference, input: probe, training: training)
            if let error = shapes.error {
                throw CurriculumError("manifest.json: \(e.id).reference does not run on \(formatShape(probe)): \(error)")
            }
            referenceShapes[training] = shapes
        }

        // 1. structure
        if let message = StructureComparison(naming: naming, shapes: referenceShapes[modes[0]]!,
                                                attributes: { interpreter.plainAttributes(of: $0) + world.interpreter.plainAttributes(of: $0) })
            .firstDifference(reference, mine) {
            return .failed(message)
        }
        // 2. shapes on the probe
        for training in modes {
            let mineShapes = ProbeShapes(mine, input: probe, training: training, onNumbers: true)
            if mineShapes.error == nil, let message = returnedValues(mine, reference, interpreter, naming) {
                return .failed(modeNote(training) + message)
            }
            let failure = { (error: Error) in
                "running your block on a \(formatShape(probe)) input failed: \(RunFailureText.describe(error, learnerFile: shown))"
            }
            if let message = ShapeComparison(naming: naming).firstDifference(reference: referenceShapes[training]!, mine: mineShapes, failure: failure) {
                return .failed(modeNote(training) + message)
            }
        }
        // 3. parameters
        if mine.parameterCount != reference.parameterCount {
            return .failed("\(naming.display("")): \(formatCount(mine.parameterCount)) parameters, expected \(formatCount(reference.parameterCount))")
        }
        // 4. numbers
        for training in modes {
            let comparison = OutputComparison(mine: mine, reference: reference, mineInterpreter: interpreter,
                                              referenceInterpreter: world.interpreter, probe: probe, training: training, naming: naming,
                                              checksGradients: training == modes[0])
            do {
                if let message = try comparison.firstDifference() { return .failed(message) }
            } catch {
                return .failed("\(modeNote(training))running your block on a \(formatShape(probe)) input failed: \(RunFailureText.describe(error, learnerFile: shown))")
            }
        }
        let output = referenceShapes[modes[0]]!.output("") ?? []
        let modeText = modes.map { $0 ? "train" : "eval" }.joined(separator: " and ")
        return .passed("\(buildCode) matches the reference: structure, output \(formatShape(output)), \(formatCount(reference.parameterCount)) parameters, and the numbers (\(modeText) mode)")
    }

    /// "eval" (the default), "train", or "train+eval" for both, train first.
    static func modes(_ e: Manifest.Exercise) throws -> [Bool] {
        switch e.mode ?? "eval" {
        case "eval": return [false]
        case "train": return [true]
        case "train+eval": return [true, false]
        case let other: throw CurriculumError("manifest.json: \(e.id).mode must be eval, train or train+eval, got \(other)")
        }
    }

    /// A forward that returns a list or tuple where the seed's returns one tensor (the
    /// Inception module's branches, not concatenated).
    func returnedValues(_ mine: Module, _ reference: Module, _ interpreter: Interpreter, _ naming: PathNaming) -> String? {
        guard let returned = interpreter.lastTupleResult(of: mine), world.interpreter.lastTupleResult(of: reference) == nil,
              let items = returned.sequenceItems() else { return nil }
        let what = "\(naming.display("")): forward returns a \(returned.typeName) of \(items.count) value\(items.count == 1 ? "" : "s"); the seed's returns one tensor"
        if items.count == 1 {
            return what + (returned.typeName == "tuple" ? " — a comma after the value makes a tuple: remove the trailing comma after return"
                                                      : " — return the tensor itself, without the brackets")
        }
        let concatenates = ["Inception", "NaiveInception"].contains(reference.typeName)
        return what + (concatenates ? " — concatenate them along the channels, torch.cat(…, 1)" : " — return the output tensor alone")
    }
}
