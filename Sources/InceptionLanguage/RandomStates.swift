import InceptionRuntime

/// torch.get_rng_state() / set_rng_state(state) and a Generator's get_state() / set_state(): a
/// saved stream to resume from (a checkpoint, the same draws twice). PyTorch's state is a
/// uint8 tensor of 5,056 bytes holding the twister; here it is a tensor of that length whose
/// first value numbers a saved state kept on the side, so a copy of it (clone, a dict, a
/// checkpoint in memory) restores the same stream.
enum RandomStates {
    struct Saved { var generator: TorchGenerator; var random: SeededRandom? }
    nonisolated(unsafe) private static var saved: [Saved] = []
    static let length = 5056

    static func save(_ state: Saved) -> Tensor {
        saved.append(state)
        let t = Tensor(zeros: [length])
        t.data[0] = Float(saved.count)            // exact up to 2^24 saved states
        return TensorKinds.shared.setDType(t, .int64)
    }

    static func restore(_ v: Value, _ name: String) throws -> Saved {
        guard case .tensor(let t) = v, t.shape == [length], !t.isMeta, let i = Int(exactly: t.data[0]), (1...saved.count).contains(i) else {
            throw LanguageFailure("\(name)(): the state must be what get_rng_state() gave", fix: "save it with state = torch.get_rng_state(), then torch.set_rng_state(state)", as: .typeError)
        }
        return saved[i - 1]
    }
}

extension Interpreter {
    func randomStateBuiltins() -> [String: Value] {
        [
            "get_rng_state": Self.builtin(Signature("get_rng_state")) { interpreter, _ in
                .tensor(RandomStates.save(.init(generator: DefaultGenerator.draw { $0 }, random: interpreter.context.random)))
            },
            "set_rng_state": Self.builtin(Signature("set_rng_state", [("new_state", nil)])) { interpreter, a in
                let state = try RandomStates.restore(a["new_state"], "set_rng_state")
                DefaultGenerator.draw { $0 = state.generator }
                if let random = state.random { interpreter.context.random = random }
                return .none
            },
        ]
    }
}
