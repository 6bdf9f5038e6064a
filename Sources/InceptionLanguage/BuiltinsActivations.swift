import Foundation
import InceptionRuntime

/// Element-wise activations beyond ReLU, Sigmoid and Tanh (LeakyReLU … Softplus, Hardswish,
/// Hardsigmoid, Mish, LogSigmoid, Softsign, CELU, SELU, Hard/Softshrink, Threshold), each as an `nn` module and an `F`
/// function from one table: PyTorch's formula, its derivative (from the input x and the output
/// y), the name its `grad_fn` prints, and its arguments as the module's repr shows them.
/// `inplace=True` writes the result into the input, as PyTorch does, for the module (its call)
/// and the function.
extension Interpreter {
    struct Activation: Sendable {
        let module: String, function: String
        let parameters: [(name: String, default: Double)]               // besides input and inplace
        let inplace: Bool                                               // PyTorch's signature has inplace
        let forward: @Sendable ([Double]) -> @Sendable (Double) -> Double             // parameters → x → y
        /// parameters → (x, y) → dy/dx, its tests written as PyTorch's backward kernel writes them
        /// (elu's `x <= 0 ? … : …`, hardtanh's `x <= min || x >= max ? 0 : …`), so a NaN takes its branch.
        let derivative: @Sendable ([Double]) -> @Sendable (Double, Double) -> Double
        let gradLabel: String
        /// The module's repr shows its one parameter's value alone (`Hardshrink(0.5)`).
        var bareRepr = false
        /// The module's repr leaves out inplace=True (Hardswish, Hardsigmoid).
        var hidesInplace = false
        /// Its backward selects rather than multiplies: +0 where the derivative is 0 (PyTorch's
        /// hardtanh_backward, threshold_backward, …), where gy · 0 would be −0 for a negative gy.
        var masked = false
        /// What it does with an integer or bool input, as PyTorch's CPU kernels do.
        var onIntegers: OnIntegers = .refused("")
        /// PyTorch's checks of the parameters: (values, their reprs, made as a module?) at the
        /// module's construction and the function's call (Hardtanh's min_val < max_val).
        var argumentCheck: (@Sendable ([Double], [String], Bool) throws -> Void)? = nil
        /// The kernel's check of the parameters against the input, after its dtype's (Softshrink's lambd ≥ 0).
        var kernelCheck: (@Sendable ([Double]) throws -> Void)? = nil
        /// The parameters' check on every call, before the input's dtype (CELU's alpha ≠ 0).
        var callCheck: (@Sendable ([Double]) throws -> Void)? = nil
    }

    /// nn.Hardtanh asserts max_val > min_val; F.hardtanh refuses min_val > max_val (equal passes).
    static let hardtanhCheck: @Sendable ([Double], [String], Bool) throws -> Void = { p, shown, module in
        if module, p[1] <= p[0] {
            throw LanguageFailure("max_val (\(shown[1])) must be greater than min_val (\(shown[0]))", as: .assertionError)
        }
        if !module, p[0] > p[1] { throw LanguageFailure("min_val cannot be greater than max_val", as: .valueError) }
    }

    /// An activation's kernel on int64, int32 and bool tensors.
    enum OnIntegers: Sendable {
        /// No kernel: NotImplementedError "\"<kernel>\" not implemented for 'Long'".
        case refused(String)
        /// Computed on the integers, the parameters cut toward zero, the dtype kept (ReLU6,
        /// Hardtanh, Threshold); a bool input refused with `boolMessage`.
        case kept(boolMessage: String)
        /// Computed in float (Softsign); a bool input refused with `boolMessage`.
        case float(boolMessage: String)
    }

    /// A parameter without a default (PyTorch's required argument, Threshold's threshold and value).
    static let required = Double.nan
    static let hardtanhOnBool = "Bool inputs not supported for hardtanh"
    static let seluAlpha = 1.6732632423543772848170429916717, seluScale = 1.0507009873554804934193349852946

    static let activations: [Activation] = [
        Activation(module: "LeakyReLU", function: "leaky_relu", parameters: [("negative_slope", 0.01)], inplace: true,
                   forward: { p in { $0 > 0 ? $0 : $0 * p[0] } }, derivative: { p in { x, _ in x > 0 ? 1 : p[0] } }, gradLabel: "leaky_relu", onIntegers: .refused("leaky_relu_cpu")),
        Activation(module: "ReLU6", function: "relu6", parameters: [], inplace: true,
                   forward: { _ in { min(max($0, 0), 6) } }, derivative: { _ in { x, _ in x <= 0 || x >= 6 ? 0 : 1 } }, gradLabel: "hardtanh", masked: true, onIntegers: .kept(boolMessage: hardtanhOnBool)),
        Activation(module: "Hardtanh", function: "hardtanh", parameters: [("min_val", -1), ("max_val", 1)], inplace: true,
                   forward: { p in { min(max($0, p[0]), p[1]) } }, derivative: { p in { x, _ in x <= p[0] || x >= p[1] ? 0 : 1 } }, gradLabel: "hardtanh", masked: true, onIntegers: .kept(boolMessage: hardtanhOnBool),
                   argumentCheck: hardtanhCheck),
        Activation(module: "SiLU", function: "silu", parameters: [], inplace: true,
                   forward: { _ in { $0 / (1 + exp(-$0)) } },
                   derivative: { _ in { x, _ in let s = 1 / (1 + exp(-x)); return s * (1 + x * (1 - s)) } }, gradLabel: "silu", onIntegers: .refused("silu_cpu")),
        Activation(module: "ELU", function: "elu", parameters: [("alpha", 1)], inplace: true,
                   forward: { p in { $0 > 0 ? $0 : p[0] * (exp($0) - 1) } }, derivative: { p in { x, y in x <= 0 ? y + p[0] : 1 } }, gradLabel: "elu", onIntegers: .refused("elu_cpu")),
        Activation(module: "GELU", function: "gelu", parameters: [("approximate", 0)], inplace: false,
                   forward: { p in p[0] == 0 ? geluExact : geluTanh }, derivative: { p in p[0] == 0 ? geluExactSlope : geluTanhSlope },
                   gradLabel: "gelu", onIntegers: .refused("GeluKernelImpl")),
        Activation(module: "Softplus", function: "softplus", parameters: [("beta", 1), ("threshold", 20)], inplace: false,
                   forward: { p in { $0 * p[0] > p[1] ? $0 : log1p(exp(p[0] * $0)) / p[0] } },
                   derivative: { p in { x, _ in x * p[0] > p[1] ? 1 : 1 / (1 + exp(-p[0] * x)) } }, gradLabel: "softplus", onIntegers: .refused("softplus_cpu")),
        Activation(module: "Hardswish", function: "hardswish", parameters: [], inplace: true,
                   forward: { _ in { $0 * min(max($0 + 3, 0), 6) / 6 } },
                   derivative: { _ in { x, _ in x <= -3 ? 0 : x < 3 ? x / 3 + 0.5 : 1 } }, gradLabel: "hardswish", hidesInplace: true, masked: true, onIntegers: .refused("hardswish_cpu")),
        Activation(module: "Hardsigmoid", function: "hardsigmoid", parameters: [], inplace: true,
                   forward: { _ in { min(max($0 + 3, 0), 6) / 6 } }, derivative: { _ in { x, _ in x > -3 && x < 3 ? 1.0 / 6 : 0 } },
                   gradLabel: "hardsigmoid", hidesInplace: true, masked: true, onIntegers: .refused("hardsigmoid_cpu")),
        Activation(module: "Mish", function: "mish", parameters: [], inplace: true,
                   forward: { _ in { $0 * tanh(log1p(exp($0))) } },
                   derivative: { _ in { x, _ in let t = tanh(log1p(exp(x))); return t + x * (1 - t * t) / (1 + exp(-x)) } }, gradLabel: "mish", onIntegers: .refused("mish_cpu")),
        Activation(module: "LogSigmoid", function: "logsigmoid", parameters: [], inplace: false,
                   forward: { _ in { min($0, 0) - log1p(exp(-abs($0))) } }, derivative: { _ in { x, _ in 1 / (1 + exp(x)) } }, gradLabel: "log_sigmoid", onIntegers: .refused("log_sigmoid_cpu")),
        Activation(module: "Softsign", function: "softsign", parameters: [], inplace: false,
                   forward: { _ in { $0 / (1 + abs($0)) } }, derivative: { _ in { x, _ in 1 / ((1 + abs(x)) * (1 + abs(x))) } }, gradLabel: "div", onIntegers: .float(boolMessage: "\"abs_cpu\" not implemented for 'Bool'")),
        Activation(module: "CELU", function: "celu", parameters: [("alpha", 1)], inplace: true,
                   forward: { p in { $0 > 0 ? $0 : p[0] * (exp($0 / p[0]) - 1) } }, derivative: { p in { x, y in x <= 0 ? y / p[0] + 1 : 1 } },
                   gradLabel: "celu", onIntegers: .refused("elu_cpu"),
                   callCheck: { p in
                       guard p[0] != 0 else { throw LanguageFailure("ZeroDivisionError: alpha cannot be 0 for CELU", as: .runtimeError) }
                   }),
        Activation(module: "SELU", function: "selu", parameters: [], inplace: true,
                   forward: { _ in { seluScale * ($0 > 0 ? $0 : seluAlpha * (exp($0) - 1)) } },
                   derivative: { _ in { x, y in x <= 0 ? y + seluScale * seluAlpha : seluScale } }, gradLabel: "elu", onIntegers: .refused("elu_cpu")),
        Activation(module: "Hardshrink", function: "hardshrink", parameters: [("lambd", 0.5)], inplace: false,
                   // PyTorch's test keeps a NaN: zero inside [-lambd, lambd], x elsewhere
                   forward: { p in { $0 >= -p[0] && $0 <= p[0] ? 0 : $0 } }, derivative: { p in { x, _ in x >= -p[0] && x <= p[0] ? 0 : 1 } },
                   gradLabel: "hardshrink", bareRepr: true, masked: true, onIntegers: .refused("hardshrink_cpu")),
        Activation(module: "Softshrink", function: "softshrink", parameters: [("lambd", 0.5)], inplace: false,
                   forward: { p in { $0 > p[0] ? $0 - p[0] : $0 < -p[0] ? $0 + p[0] : $0 * 0 } },
                   derivative: { p in { x, _ in x >= -p[0] && x <= p[0] ? 0 : 1 } }, gradLabel: "softshrink", bareRepr: true, masked: true, onIntegers: .refused("softshrink_check"),
                   kernelCheck: { p in
                       // ATen's softshrink_check, for a float input: lambd within [0, FLT_MAX], printed as C++ prints a double
                       guard p[0] >= 0, p[0] <= Double(Float.greatestFiniteMagnitude) else {
                           throw LanguageFailure("lambda must be in range [0, 3.40282e+38] for input dtype Float, but found \(String(format: "%g", p[0]))")
                       }
                   }),
        Activation(module: "Threshold", function: "threshold", parameters: [("threshold", required), ("value", required)], inplace: true,
                   forward: { p in { $0 <= p[0] ? p[1] : $0 } }, derivative: { p in { x, _ in x <= p[0] ? 0 : 1 } }, gradLabel: "threshold", masked: true, onIntegers: .kept(boolMessage: "\"threshold_cpu\" not implemented for 'Bool'")),
    ]

    /// The activations' `nn` modules (`layers`) and `F` functions (`functional`).
    func activationBuiltins() -> (layers: [String: Value], functional: [String: Value]) {
        var layers: [String: Value] = [:], functional: [String: Value] = [:]
        for activation in Self.activations {
            // GELU's approximate is a string ('none' or 'tanh'); the others are floats
            let extra: [(String, Value?)] = activation.parameters.map {
                ($0.name, $0.name == "approximate" ? .string("none") : $0.default.isNaN ? nil : .float($0.default))
            }
            let inplace: [(String, Value?)] = activation.inplace ? [("inplace", .bool(false))] : []
            layers[activation.module] = Self.builtin(Signature(activation.module, extra + inplace)) { interpreter, a in
                let values = try Self.activationParameters(activation, a)
                try activation.argumentCheck?(values, activation.parameters.map { a[$0.name].repr }, true)
                let m = Block(typeName: activation.module, forward: .custom { _, x, _ in try Self.activate(x, activation, values) })
                m.setTraining(true)
                var shown = activation.parameters.map { activation.bareRepr ? a[$0.name].repr : "\($0.name)=\(a[$0.name].repr)" }
                if activation.inplace, try a.bool("inplace") {
                    if !activation.hidesInplace { shown.append("inplace=True") }
                    interpreter.makeInPlace(m)
                }
                TensorKinds.shared.setArguments(m, shown.joined(separator: ", "))
                return .module(m)
            }
            functional[activation.function] = Self.builtin(Signature(activation.function, [("input", nil)] + extra + inplace)) { interpreter, a in
                let x = try a.tensor("input"), parameters = try Self.activationParameters(activation, a)
                try activation.argumentCheck?(parameters, activation.parameters.map { a[$0.name].repr }, false)
                // inplace=True: the result written into x, which is returned (F.leaky_relu(x, 0.1, inplace=True) is x)
                guard activation.inplace, try a.bool("inplace") else { return .tensor(try Self.activate(x, activation, parameters)) }
                return .tensor(try interpreter.applyInPlace(x, "\(activation.function)(inplace=True)") { try Self.activate($0, activation, parameters) })
            }
        }
        // along a dim rather than per element: Softmin (softmax of −x), Softmax2d (over the
        // channels of (C, H, W) or (N, C, H, W)) and GLU (first half × σ(second half))
        layers["Softmin"] = Self.builtin(Signature("Softmin", [("dim", Value.none)])) { _, a in
            let given = try a.optionalInt("dim")
            return .module(Self.functionLayer("Softmin", "dim=\(given.map(String.init) ?? "None")") { _, x, _ in
                try Self.softmin(x, given ?? Self.implicitSoftmaxDim("softmin", rank: x.rank))
            })
        }
        functional["softmin"] = Self.builtin(Signature("softmin", [("input", nil), ("dim", Value.none)])) { _, a in
            let x = try a.tensor("input")
            return .tensor(try Self.softmin(x, try a.optionalInt("dim") ?? Self.implicitSoftmaxDim("softmin", rank: x.rank)))
        }
        layers["Softmax2d"] = Self.builtin(Signature("Softmax2d")) { _, _ in
            .module(Self.functionLayer("Softmax2d", "") { _, x, _ in
                guard x.rank == 3 || x.rank == 4 else { throw LanguageFailure("Softmax2d: expected input to be 3D or 4D, got \(x.rank)D instead", as: .valueError) }
                return x.isMeta ? Tensor(meta: x.shape) : try TensorOps.softmax(x, dim: -3, log: false)
            })
        }
        // Tanhshrink is x − tanh(x), as PyTorch composes it (its gradient g − g·(1 − tanh²x), SubBackward0)
        functional["tanhshrink"] = Self.builtin(Signature("tanhshrink", [("input", nil)])) { interpreter, a in
            .tensor(try interpreter.tanhShrink(try a.tensor("input")))
        }
        layers["Tanhshrink"] = Self.builtin(Signature("Tanhshrink")) { _, _ in
            .module(Self.functionLayer("Tanhshrink", "") { [unowned self] _, x, _ in try tanhShrink(x) })
        }
        layers["GLU"] = Self.builtin(Signature("GLU", [("dim", .int(-1))])) { [unowned self] _, a in
            let d = try a.int("dim")
            return .module(Self.functionLayer("GLU", "dim=\(d)") { [unowned self] _, x, _ in try glu(x, d) })
        }
        functional["glu"] = Self.builtin(Signature("glu", [("input", nil), ("dim", .int(-1))])) { [unowned self] _, a in
            .tensor(try glu(try a.tensor("input"), try a.int("dim")))
        }
        return (layers, functional)
    }

    func tanhShrink(_ x: Tensor) throws -> Tensor {
        if x.isMeta { return Tensor(meta: x.shape) }
        let v = composed(x)
        return try (v - (try v.call("tanh"))).tensor
    }

    static func softmin(_ x: Tensor, _ dim: Int) throws -> Tensor {
        if x.isMeta { return Tensor(meta: x.shape) }
        // softmax(−x): −x of a mask is refused, of integers stays integers (and softmax refuses them)
        if let refusal = DTypeSupport.refusal("neg", TensorOps.dtype(x)) { throw refusal }
        if TensorOps.dtype(x) != .float32 { return try TensorOps.softmax(x, dim: dim, log: false) }
        return try TensorOps.softmax(try TensorOps.binary(.multiply, x, Tensor(repeating: -1, shape: [])), dim: dim, log: false)
    }

    /// F.glu: the input's two halves a, b along dim, a · σ(b).
    func glu(_ x: Tensor, _ dim: Int) throws -> Tensor {
        let d = try TensorOps.dim(dim, rank: max(x.rank, 1))
        guard x.rank > 0 else { throw LanguageFailure("glu does not support scalars because halving size must be even") }
        guard TensorOps.dtype(x) == .float32 else {
            throw LanguageFailure("\"glu_cpu\" not implemented for '\(TensorOps.dtype(x).scalarName)'", fix: "convert first: x.float()", as: .notImplementedError)
        }
        guard x.shape[d] % 2 == 0 else { throw LanguageFailure("Halving dimension must be even, but dimension \(d) is size \(x.shape[d])") }
        if x.isMeta { var shape = x.shape; shape[d] /= 2; return Tensor(meta: shape) }
        guard case .tuple(let halves) = try callBack(try torchTensorMember(x, "chunk")!, Arguments([.int(2), .int(d)])),
              halves.count == 2, case .tensor(let a) = halves[0], case .tensor(let b) = halves[1] else { throw LanguageFailure("glu") }
        let s = TensorOps.map(b, .float32) { Float(1 / (1 + Foundation.exp(-Double($0)))) }
        let out = try TensorOps.binary(.multiply, a, TensorOpsGrad.unary(b, s, "sigmoid") { _, y in y * (1 - y) })
        out.gradNode?.displayName = "GluBackward0"
        return out
    }

    // GELU: x·Φ(x), or its tanh approximation; their slopes
    // in float, as PyTorch's kernel: for x well below 0, 1 + erf(x/√2) cancels, and float's digits are the ones it prints
    static let geluExact: @Sendable (Double) -> Double = { x in
        let v = Float(x)
        return Double(v * 0.5 * (1 + erf(v * Float(0.5.squareRoot()))))
    }
    static let geluExactSlope: @Sendable (Double, Double) -> Double = { x, _ in
        0.5 * (1 + erf(x / 2.0.squareRoot())) + x * exp(-x * x / 2) / (2 * Double.pi).squareRoot()
    }
    static let geluTanh: @Sendable (Double) -> Double = { x in
        let inner = (2 / Double.pi).squareRoot() * (x + 0.044715 * x * x * x)
        return 0.5 * x * (1 + tanh(inner))
    }
    static let geluTanhSlope: @Sendable (Double, Double) -> Double = { x, _ in
        let k = (2 / Double.pi).squareRoot()
        let t = tanh(k * (x + 0.044715 * x * x * x))
        return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * k * (1 + 3 * 0.044715 * x * x)
    }

    /// The parameters as numbers (GELU's approximate: 0 for 'none', 1 for 'tanh').
    static func activationParameters(_ activation: Activation, _ a: BoundArguments) throws -> [Double] {
        try activation.parameters.map { name, _ in
            guard name == "approximate" else { return try a.double(name) }
            let mode = try a.string(name)
            guard mode == "none" || mode == "tanh" else { throw LanguageFailure("approximate argument must be either none or tanh.") }
            return mode == "none" ? 0 : 1
        }
    }

    // x: any shape → y: same shape (float, or x's integer dtype where PyTorch keeps it)
    static func activate(_ x: Tensor, _ activation: Activation, _ parameters: [Double]) throws -> Tensor {
        try activation.callCheck?(parameters)
        if x.isMeta { return Tensor(meta: x.shape) }
        let dtype = TensorOps.dtype(x)
        if dtype != .float32 {
            switch activation.onIntegers {
            case .refused(let kernel):
                throw LanguageFailure("\"\(kernel)\" not implemented for '\(dtype.scalarName)'", fix: "convert first: x.float()", as: .notImplementedError)
            case .kept(let boolMessage), .float(let boolMessage):
                guard dtype != .bool else { throw LanguageFailure(boolMessage, fix: "convert first: x.float()", as: .notImplementedError) }
            }
            if case .kept = activation.onIntegers {
                let f = activation.forward(parameters.map { $0.rounded(.towardZero) })
                return TensorOps.map(x, dtype) { Float(f(Double($0))) }
            }
        }
        try activation.kernelCheck?(parameters)
        let f = activation.forward(parameters), d = activation.derivative(parameters)
        let y = TensorOps.map(x, .float32) { Float(f(Double($0))) }
        return TensorOpsGrad.unary(x, y, activation.gradLabel, masked: activation.masked) { v, out in Float(d(Double(v), Double(out))) }
    }
}
