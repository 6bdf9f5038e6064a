import InceptionRuntime

/// torch.Generator: a random stream of its own, PyTorch's CPU generator (mt19937) seeded as
/// PyTorch seeds it, for the `generator=` argument of the random functions, `random_split` and
/// DataLoader. Drawing from one leaves the default generator's stream (torch.manual_seed's) alone.
public final class GeneratorObject: NativeObject {
    var state: TorchGenerator
    /// The seed a new torch.Generator() starts from (PyTorch's default_rng_seed_val).
    static let defaultSeed: UInt64 = 67280421310721

    init(seed: UInt64 = GeneratorObject.defaultSeed) {
        state = TorchGenerator(seed: seed)
        super.init(typeName: "torch.Generator")
    }

    public override var repr: String { "<torch._C.Generator object>" }

    public override func member(_ name: String) -> Value? {
        switch name {
        case "manual_seed":
            // g.manual_seed(n) returns g, so torch.Generator().manual_seed(0) is the usual one-liner
            return Interpreter.builtin(Signature("manual_seed", [("seed", nil)])) { [self] _, a in
                state = TorchGenerator(seed: try Interpreter.seedArgument(a, "manual_seed"))
                return .object(self)
            }
        case "initial_seed":
            return Interpreter.builtin(Signature("initial_seed")) { [self] _, _ in .int(Int(truncatingIfNeeded: state.seed)) }
        case "seed":
            return Interpreter.builtin(Signature("seed")) { _, _ in
                throw LanguageFailure("Generator.seed() seeds from the clock, so runs would differ", fix: "use g.manual_seed(n)")
            }
        case "device": return .object(Interpreter.device("cpu"))
        case "get_state": return Interpreter.builtin(Signature("get_state")) { [self] _, _ in .tensor(RandomStates.save(.init(generator: state, random: nil))) }
        case "set_state":
            return Interpreter.builtin(Signature("set_state", [("new_state", nil)])) { [self] _, a in
                state = try RandomStates.restore(a["new_state"], "set_state").generator
                return .object(self)
            }
        default: return nil
        }
    }
}

extension Interpreter {
    /// Runs `body` on the stream a random function's `generator=` names: the default generator
    /// when it is None, else the torch.Generator given.
    static func drawing<T>(from generator: Value, _ name: String, _ body: (inout TorchGenerator) throws -> T) throws -> T {
        switch generator {
        case .none: return try DefaultGenerator.draw(body)
        case .object(let g as GeneratorObject): return try body(&g.state)
        default:
            throw LanguageFailure("\(name)(): generator must be a torch.Generator, got \(generator.typeName)", fix: "e.g. g = torch.Generator().manual_seed(0), then \(name)(…, generator=g)", as: .typeError)
        }
    }

    /// A float tensor of `shape` filled by one draw from `generator=`'s stream.
    static func drawn(_ shape: [Int], from generator: Value, _ name: String,
                      _ fill: (inout TorchGenerator, UnsafeMutablePointer<Float>, Int) -> Void) throws -> Tensor {
        let x = Tensor(uninitialized: shape)
        try drawing(from: generator, name) { fill(&$0, x.data, x.count) }
        return x
    }

    /// A seed as torch.manual_seed takes it: an int ≥ 0.
    static func seedArgument(_ a: BoundArguments, _ name: String) throws -> UInt64 {
        let seed = try a.int("seed")
        guard seed >= 0 else { throw LanguageFailure("\(name)(): seed must be ≥ 0, got \(seed)") }
        return UInt64(seed)
    }

    func generatorBuiltins() -> [String: Value] {
        ["Generator": Self.builtin(Signature("Generator", [("device", Value.none)])) { _, a in
            try Self.requireCPUArgument(a["device"])
            return .object(GeneratorObject())
        }]
    }
}
