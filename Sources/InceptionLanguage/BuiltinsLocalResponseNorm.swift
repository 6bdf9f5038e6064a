import InceptionRuntime

/// nn.LocalResponseNorm and F.local_response_norm: the 2014 GoogLeNet's normalisation (after
/// its stem's pooling and after conv2), with its backward, by the runtime's `LocalResponseNorm`.
extension Interpreter {
    func localResponseNormBuiltins() -> (layer: Value, functional: Value) {
        let options: [(String, Value?)] = [("alpha", .float(1e-4)), ("beta", .float(0.75)), ("k", .float(1))]
        func read(_ a: BoundArguments) throws -> LocalResponseNorm.Options {
            LocalResponseNorm.Options(size: try a.int("size"), alpha: try a.double("alpha"), beta: try a.double("beta"), k: try a.double("k"))
        }
        let layer = Self.builtin(Signature("LocalResponseNorm", [("size", nil)] + options)) { _, a in
            let o = try read(a)
            let m = Block(typeName: "LocalResponseNorm", forward: .custom { _, x, _ in try Self.localResponseNorm(x, o) })
            m.setTraining(true)
            // PyTorch formats its __dict__: an int given stays an int (k=2), the defaults are floats
            TensorKinds.shared.setArguments(m, "\(a["size"].repr), " + ["alpha", "beta", "k"].map { "\($0)=\(a[$0].repr)" }.joined(separator: ", "))
            return .module(m)
        }
        let functional = Self.builtin(Signature("local_response_norm", [("input", nil), ("size", nil)] + options)) { _, a in
            .tensor(try Self.localResponseNorm(try a.tensor("input"), try read(a)))
        }
        return (layer, functional)
    }

    /// y = x / (k + α/size · Σ x² over the channel window)^β, recorded for backward.
    static func localResponseNorm(_ x: Tensor, _ o: LocalResponseNorm.Options) throws -> Tensor {
        if x.isMeta { return Tensor(meta: x.shape) }
        let y = try LocalResponseNorm.forward(x, o)
        return Autograd.record(y, "local_response_norm", inputs: [x]) { gy in [try LocalResponseNorm.backward(x, o, gradOutput: gy)] }
    }

    /// A number as PyTorch's module repr shows a float option: 2 → 2.0, 1e-4 → 0.0001.
    static func floatRepr(_ v: Value) -> String {
        if case .int(let i) = v { return Value.float(Double(i)).repr }
        return v.repr
    }
}
