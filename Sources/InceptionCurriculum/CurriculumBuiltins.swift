import Foundation
import InceptionLanguage
import InceptionNetworkBuiltins
import InceptionModel
import InceptionRuntime

/// The builtins lessons and exercises use besides the language's own:
///
///     exercise("basic_conv2d")        check the learner's exercise; when it passes, load it here
///     reference_class("BasicConv2d")  a class from the reference sources, to build on
///     weights(module)                 weights only (no bias, no BatchNorm), as Table 1 counts
///     output_shape(module, (1, 3, 224, 224))   the output shape, without computing anything
///     summary(model, (2, 3, 224, 224), depth=3, mode="eval")   torchinfo's table, as text
///     paper_table()                   Table 1 recomputed, with the paper's printed figures
///     savings("inception3a")          what the 1×1 reductions save, per branch
///     receptive_field("inception4a")  (receptive field, jump) after that module of the seed, at 224×224
///     receptive_field_table()         every top-level module's receptive field and jump
///     cross_entropy(logits, [3, 7])   the mean loss over a batch, as nn.CrossEntropyLoss
///     trace(module, x, depth=1)       run and print every call as an indented tree
///
/// They are bound as globals (the language's own builtins stay untouched); a REPL that
/// clears the globals installs them again.
public enum CurriculumBuiltins {
    /// Installs the builtins; `exercise` and `reference_class` need a curriculum.
    /// `onCheck` hears every outcome `exercise(…)` produces (the REPL records progress with it).
    public static func install(in interpreter: Interpreter, curriculum: Curriculum?, allowExercises: Bool = true,
                               onCheck: ((String, CheckOutcome) -> Void)? = nil) {
        let seed = SeedNetwork()
        var table: [String: Value] = [:]
        table["weights"] = builtin("weights", ["module"]) { _, a in
            .int(WeightCount.of(try module(a, 0, "weights")))
        }
        table["output_shape"] = builtin("output_shape", ["module", "shape"]) { _, a in
            let m = try module(a, 0, "output_shape")
            let shape = try ints(a.positional[1], "output_shape", "shape")
            return .size(try ShapeInference.outputShape(m, input: shape))
        }
        table["summary"] = .builtin(Builtin("summary") { _, arguments in
            let a = try Signature("summary", [("model", nil), ("input_size", nil), ("depth", .int(3)), ("mode", .string("eval"))]).bind(arguments)
            let mode = try a.string("mode")
            guard let summaryMode = SummaryMode(rawValue: mode) else {
                throw LanguageFailure("summary(): mode must be \"eval\" or \"train\", got \"\(mode)\"")
            }
            let shape = try ints(a["input_size"], "summary", "input_size")
            let s = try TorchinfoSummary(model: try a.module("model"), input: shape, mode: summaryMode, depth: try a.int("depth"))
            return .string(s.renderTable())
        })
        table["paper_table"] = builtin("paper_table", []) { _, _ in
            .string(try PaperTable(model: try seed.network(), input: [1, 3, 224, 224]).render())
        }
        table["receptive_field"] = .builtin(Builtin("receptive_field") { _, arguments in
            let a = try Signature("receptive_field", [("path", nil), ("size", .int(224))]).bind(arguments)
            let path = try a.string("path"), size = try a.int("size")
            guard let state = ReceptiveField.at(path, in: try seed.network(), input: [1, 3, size, size]) else {
                throw LanguageFailure("receptive_field(): the seed network has no module '\(path)' (e.g. \"conv1\", \"inception4a\", \"inception3a.conv5x5\")")
            }
            return .tuple([.int(state.field), .int(state.jump)])
        })
        table["receptive_field_table"] = builtin("receptive_field_table", []) { _, _ in
            .string(ReceptiveField(model: try seed.network(), input: [1, 3, 224, 224]).render())
        }
        table["savings"] = .builtin(Builtin("savings") { _, arguments in
            let a = try Signature("savings", [("module", Value.none)]).bind(arguments)
            let name = try a.optionalString("module")
            return .string(try ReductionSavings.rows(for: try seed.network(), inputShape: [1, 3, 224, 224], module: name).render())
        })
        table["cross_entropy"] = builtin("cross_entropy", ["logits", "targets"]) { _, a in
            guard case .tensor(let logits) = a.positional[0] else { throw LanguageFailure("cross_entropy(): logits must be a tensor (N, classes)") }
            let targets = try ints(a.positional[1], "cross_entropy", "targets")
            return .float(try Dense.crossEntropy(logits, targets: targets))
        }
        table["trace"] = .builtin(Builtin("trace") { interpreter, arguments in
            let a = try Signature("trace", [("module", nil), ("x", nil), ("depth", Value.none)]).bind(arguments)
            let m = try a.module("module")
            let x = try a.tensor("x")
            let printer = TracePrinter(showTimes: false, maxDepth: try a.optionalInt("depth")) { interpreter.output($0 + "\n") }
            let saved = interpreter.context.observers
            interpreter.context.observers.append(printer)
            defer { interpreter.context.observers = saved }
            return try interpreter.call(m, x)
        })
        if let curriculum {
            table["reference_class"] = builtin("reference_class", ["name"]) { _, a in
                guard case .string(let name) = a.positional[0] else { throw LanguageFailure("reference_class() takes a class name, like \"BasicConv2d\"") }
                let world = try curriculum.referenceWorld()
                guard let value = world.classValue(name) else {
                    throw LanguageFailure("the reference sources define no class '\(name)'",
                                          fix: "they define \(world.classNames.joined(separator: ", "))")
                }
                return value
            }
            if allowExercises {
                table["exercise"] = builtin("exercise", ["id"]) { interpreter, a in
                    guard case .string(let id) = a.positional[0] else { throw LanguageFailure("exercise() takes an exercise id, like \"basic_conv2d\"") }
                    try ExerciseCell(curriculum: curriculum, id: id, onCheck: onCheck).run(in: interpreter)
                    return .none
                }
            }
        }
        for (name, value) in table { interpreter.setGlobal(name, value) }
    }

    /// Installs the builtins for a lesson or script at `path`: with the curriculum of the
    /// Lessons folder it lies in (found by walking up to a manifest.json), if any.
    public static func install(in interpreter: Interpreter, forFile path: String) {
        let curriculum = CurriculumLocator.enclosing(path).flatMap { try? Curriculum(directory: $0) }
        install(in: interpreter, curriculum: curriculum)
    }

    // MARK: argument helpers

    /// A builtin taking exactly these positional parameters.
    static func builtin(_ name: String, _ parameters: [String], _ body: @escaping (Interpreter, Arguments) throws -> Value) -> Value {
        .builtin(Builtin(name) { interpreter, arguments in
            guard arguments.keywords.isEmpty, arguments.positional.count == parameters.count else {
                throw LanguageFailure("\(name)() takes \(parameters.count == 1 ? "one argument" : "\(parameters.count) arguments") (\(parameters.joined(separator: ", "))), got \(arguments.positional.count + arguments.keywords.count)")
            }
            return try body(interpreter, arguments)
        })
    }

    static func module(_ a: Arguments, _ i: Int, _ function: String) throws -> Module {
        guard case .module(let m) = a.positional[i] else {
            throw LanguageFailure("\(function)() takes a block or layer, got \(a.positional[i].typeName)")
        }
        return m
    }

    /// (1, 3, 224, 224), [1, 3, 224, 224], torch.Size or a 1-D tensor of whole numbers → [Int].
    static func ints(_ v: Value, _ function: String, _ what: String) throws -> [Int] {
        if case .tensor(let t) = v, !t.isMeta { return t.values.map { Int($0) } }
        guard let items = v.sequenceItems(), v.typeName != "str", let xs = Optional(items.compactMap(\.asInt)), xs.count == items.count else {
            throw LanguageFailure("\(function)(): \(what) must be a tuple of ints, like (1, 3, 224, 224), got \(v.repr)")
        }
        return xs
    }
}

/// The Swift reference network for paper_table() and savings(), built on first use.
final class SeedNetwork {
    private var cached: Module?
    func network() throws -> Module {
        if let cached { return cached }
        let m = try Interpreter.seedReference()
        cached = m
        return m
    }
}

/// Table 1's parameter count: convolution and linear weights, no bias, no BatchNorm.
enum WeightCount {
    static func of(_ root: Module) -> Int {
        root.namedModules().reduce(0) { total, entry in total + (entry.module.paperWeightFactors?.reduce(1, *) ?? 0) }
    }
}
