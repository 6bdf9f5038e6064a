import InceptionRuntime

/// Layer constructors with PyTorch's names, parameter names, order and defaults. Positional
/// arguments land where PyTorch puts them (`MaxPool2d(3, 2, 0, True)` is dilation=True there,
/// and refused here); Conv2d's groups, dilation and rectangular sizes are composed from the
/// runtime's convolution (`BuiltinsGeneralConv`); arguments PyTorch has but the runtime does not
/// are refused by name. New layers start in train mode, as in PyTorch.
extension Interpreter {
    func layerBuiltins() -> [String: Value] {
        var t: [String: Value] = [:]
        t["Conv2d"] = Self.builtin(Signature("Conv2d", [("in_channels", nil), ("out_channels", nil), ("kernel_size", nil),
                                                        ("stride", .int(1)), ("padding", .int(0)), ("dilation", .int(1)),
                                                        ("groups", .int(1)), ("bias", .bool(true)), ("padding_mode", .string("zeros")),
                                                        ("device", Value.none), ("dtype", Value.none)])) { _, a in
            try Self.checkConvConstruction(a, rank: 2)
            do {
                let paddingMode = try a.string("padding_mode")
                guard ["zeros", "reflect", "replicate", "circular"].contains(paddingMode) else {
                    throw LanguageFailure("padding_mode must be one of ['zeros', 'reflect', 'replicate', 'circular'], but got padding_mode='\(paddingMode)'", as: .valueError)
                }
                try Self.requireCPUArgument(a["device"])
                let kernel = try Self.intPair(a["kernel_size"], "kernel_size", "Conv2d"), stride = try Self.intPair(a["stride"], "stride", "Conv2d")
                if case .bool(let b) = a["dilation"] {
                    throw LanguageFailure("Conv2d(): dilation=\(b ? "True" : "False") is not supported", fix: "PyTorch reads the 6th positional argument as dilation; to give bias, write bias=False by name")
                }
                let dilation = try Self.intPair(a["dilation"], "dilation", "Conv2d")
                let (padding, extra) = try Self.convPadding(a["padding"], kernel: kernel, stride: stride, dilation: dilation, "Conv2d")
                let paddingText: String? = { if case .string(let mode) = a["padding"] { return mode }; return nil }()
                let shape = ConvShape(stride: stride, padding: padding, dilation: dilation, groups: try a.int("groups"), extra: extra)
                let (inChannels, outChannels, hasBias) = (try a.int("in_channels"), try a.int("out_channels"), try a.bool("bias"))
                guard shape.isPlain, kernel.h == kernel.w, stride.h == stride.w, padding.h == padding.w, paddingMode == "zeros" else {
                    // groups, dilation, rectangular sizes or a padding mode: composed from the runtime's convolution
                    return .module(try Self.generalConv2dLayer(inChannels: inChannels, outChannels: outChannels, kernel: kernel, shape,
                                                               paddingText: paddingText, hasBias: hasBias, paddingMode: paddingMode))
                }
                let conv = try Conv2d(inChannels, outChannels, kernelSize: kernel.h, stride: stride.h, padding: padding.h, bias: hasBias)
                if let paddingText {
                    var text = "\(conv.inChannels), \(conv.outChannels), kernel_size=(\(kernel.h), \(kernel.w)), stride=(\(stride.h), \(stride.w)), padding=\(paddingText)"
                    if !hasBias { text += ", bias=False" }
                    TensorKinds.shared.setArguments(conv, text)
                }
                return .module(conv)
            } catch {
                // PyTorch makes the layer; its call fails
                return .module(try Self.deferredConvLayer("Conv2d", a, rank: 2, refusal: error))
            }
        }
        t["BatchNorm2d"] = Self.builtin(Signature("BatchNorm2d", [("num_features", nil), ("eps", .float(1e-5)), ("momentum", .float(0.1)),
                                                                  ("affine", .bool(true)), ("track_running_stats", .bool(true)),
                                                                  ("device", Value.none), ("dtype", Value.none)])) { interpreter, a in
            guard try a.bool("affine"), try a.bool("track_running_stats"), !a["momentum"].isNone else {
                return .module(try interpreter.composedBatchNormLayer("BatchNorm2d", features: try a.int("num_features"), eps: a["eps"], momentum: a["momentum"],
                                                                      affine: try a.bool("affine"), tracks: try a.bool("track_running_stats"), ranks: [4]))
            }
            let bn = try BatchNorm2d(try a.int("num_features"), eps: Float(try a.double("eps")), momentum: Float(try a.double("momentum")))
            TensorKinds.shared.setArguments(bn, "\(bn.features), eps=\(a["eps"].repr), momentum=\(a["momentum"].repr), affine=True, bias=True, track_running_stats=True")
            return .module(bn)
        }
        t["ReLU"] = Self.builtin(Signature("ReLU", [("inplace", .bool(false))])) { interpreter, a in
            let relu = ReLU()
            if try a.bool("inplace") { TensorKinds.shared.setArguments(relu, "inplace=True"); interpreter.makeInPlace(relu) }
            return .module(relu)
        }
        t["MaxPool2d"] = Self.builtin(Signature("MaxPool2d", [("kernel_size", nil), ("stride", Value.none), ("padding", .int(0)), ("dilation", .int(1)),
                                                              ("return_indices", .bool(false)), ("ceil_mode", .bool(false))])) { _, a in
            let strideText = a["stride"].isNone ? a["kernel_size"].repr : a["stride"].repr
            let text = "kernel_size=\(a["kernel_size"].repr), stride=\(strideText), padding=\(a["padding"].repr), dilation=\(a["dilation"].repr), ceil_mode=\(a["ceil_mode"].repr)"
            return .module(try Self.poolLayer("MaxPool2d", "max_pool2d", a, text: text) { a in
                if let window = try Self.generalPoolWindow(a, "MaxPool2d", maximum: true) {
                    // rectangular or dilated: as a gather over the windows
                    let returnIndices = Self.truth(a["return_indices"])
                    return Self.functionLayer("MaxPool2d", text) { layer, x, context in
                        let (y, indices) = try Self.generalPool(x, window, a, "max_pool2d", maximum: true)
                        if returnIndices, let indices { context.frame(of: layer)?.returned = Value.tuple([.tensor(y), .tensor(indices)]) }
                        return y
                    }
                }
                try Self.requireOne(a, "dilation", "MaxPool2d", fix: "MaxPool2d(kernel_size, stride, padding, dilation, return_indices, ceil_mode): to round up, write ceil_mode=True by name")
                let returnIndices = Self.truth(a["return_indices"])
                let k = try a.squareInt("kernel_size")
                let stride = a["stride"].isNone ? nil : try a.squareInt("stride")
                let (padding, ceil) = (try a.squareInt("padding"), try a.bool("ceil_mode"))
                if returnIndices {
                    // (output, indices), the indices for MaxUnpool2d: the pool as a gather (BuiltinsWindowGather)
                    return Self.functionLayer("MaxPool2d", text) { layer, x, context in
                        let (y, i) = try Self.maxPool2dWithIndices(x, kernel: k, stride: stride ?? k, padding: padding, ceil: ceil)
                        context.frame(of: layer)?.returned = Value.tuple([.tensor(y), .tensor(i)])
                        return y
                    }
                }
                let pool = try MaxPool2d(k, stride: stride, padding: padding, ceilMode: ceil)
                TensorKinds.shared.setArguments(pool, text)
                return pool
            })
        }
        t["AvgPool2d"] = Self.builtin(Signature("AvgPool2d", [("kernel_size", nil), ("stride", Value.none), ("padding", .int(0)), ("ceil_mode", .bool(false)),
                                                              ("count_include_pad", .bool(true)), ("divisor_override", Value.none)])) { _, a in
            let strideText = a["stride"].isNone ? a["kernel_size"].repr : a["stride"].repr
            let text = "kernel_size=\(a["kernel_size"].repr), stride=\(strideText), padding=\(a["padding"].repr)"
            return .module(try Self.poolLayer("AvgPool2d", "avg_pool2d", a, text: text) { a in
                if let window = try Self.generalPoolWindow(a, "AvgPool2d", maximum: false) {
                    // rectangular, or not counting the padding, or a divisor of its own: as a gather over the windows
                    return Self.functionLayer("AvgPool2d", text) { _, x, _ in try Self.generalPool(x, window, a, "avg_pool2d", maximum: false).0 }
                }
                let k = try a.squareInt("kernel_size")
                let stride = a["stride"].isNone ? nil : try a.squareInt("stride")
                let pool = try AvgPool2d(k, stride: stride, padding: try a.squareInt("padding"), ceilMode: try a.bool("ceil_mode"))
                TensorKinds.shared.setArguments(pool, text)
                return pool
            })
        }
        t["AdaptiveAvgPool2d"] = Self.builtin(Signature("AdaptiveAvgPool2d", [("output_size", nil)])) { _, a in
            var pool: AdaptiveAvgPool2d?
            switch a["output_size"] {
            case .int(let n): pool = try? AdaptiveAvgPool2d(n, n)
            case .tuple(let xs) where xs.count == 2:
                if case .int(let h) = xs[0], case .int(let w) = xs[1] { pool = try? AdaptiveAvgPool2d(h, w) }
            default: break
            }
            guard let pool else {
                // PyTorch keeps output_size as given: its call reads it (None entries: the input's sizes) and checks it
                let size = a["output_size"]
                return .module(Self.functionLayer("AdaptiveAvgPool2d", "output_size=\(size.repr)") { _, x, context in
                    let (x, (h, w)) = try Self.checkedAdaptivePool2d(.tensor(x), size, maximum: false)
                    return try context.runFunctional(AdaptiveAvgPool2d(h, w), x)
                })
            }
            TensorKinds.shared.setArguments(pool, "output_size=\(a["output_size"].repr)")
            return .module(pool)
        }
        t["Linear"] = Self.builtin(Signature("Linear", [("in_features", nil), ("out_features", nil), ("bias", .bool(true)),
                                                        ("device", Value.none), ("dtype", Value.none)])) { _, a in
            .module(try Linear(try a.int("in_features"), try a.int("out_features"), bias: try a.bool("bias")))
        }
        t["Dropout"] = Self.builtin(Signature("Dropout", [("p", .float(0.5)), ("inplace", .bool(false))])) { interpreter, a in
            let p = try Self.dropoutProbability(a)
            let d = try Dropout(p: p)
            TensorKinds.shared.setArguments(d, "p=\(a["p"].repr), inplace=\(a["inplace"].repr)")
            if try a.bool("inplace") { interpreter.makeInPlace(d) }
            return .module(d)
        }
        for dims in [1, 2] {
            t["Dropout\(dims)d"] = Self.builtin(Signature("Dropout\(dims)d", [("p", .float(0.5)), ("inplace", .bool(false))])) { interpreter, a in
                let p = try Self.dropoutProbability(a)
                let m = Block(typeName: "Dropout\(dims)d", forward: .custom { block, x, _ in try Self.channelDropout(x, p: p, dims: dims, training: block.training) })
                m.setTraining(true)
                TensorKinds.shared.setArguments(m, "p=\(a["p"].repr), inplace=\(a["inplace"].repr)")
                if try a.bool("inplace") { interpreter.makeInPlace(m) }
                return .module(m)
            }
        }
        t["Flatten"] = Self.builtin(Signature("Flatten", [("start_dim", .int(1)), ("end_dim", .int(-1))])) { _, a in
            guard try a.int("start_dim") == 1, try a.int("end_dim") == -1 else {
                return .module(Self.flattenLayer(try a.int("start_dim"), try a.int("end_dim")))
            }
            return .module(Flatten())
        }
        t["Unflatten"] = Self.builtin(Signature("Unflatten", [("dim", nil), ("unflattened_size", nil)])) { interpreter, a in
            // forward: x.unflatten(dim, unflattened_size)
            let (dim, sizes) = (a["dim"], a["unflattened_size"])
            guard dim.asInt != nil, let items = sizes.sequenceItems(), items.allSatisfy({ $0.asInt != nil }) else {
                throw LanguageFailure("Unflatten(): dim must be an int and unflattened_size a tuple of ints", fix: "write nn.Unflatten(1, (C, H, W))")
            }
            return .module(Self.functionLayer("Unflatten", "dim=\(dim.repr), unflattened_size=\(Value.tuple(items).repr)") { _, x, _ in
                // a meta input too: shape inference (:summary, the tracer) sees the unflattened shape
                guard case .tensor(let y) = try interpreter.callBack(try interpreter.torchTensorMember(x, "unflatten")!, Arguments([dim, sizes])) else {
                    throw LanguageFailure("Unflatten")
                }
                return y
            })
        }
        t["Sequential"] = .builtin(Builtin("Sequential") { _, arguments in
            guard arguments.keywords.isEmpty else { throw LanguageFailure("Sequential() takes layers by position, not by name") }
            var layers: [Module] = []
            var names: [String]?
            if arguments.positional.count == 1, case .dict(let d) = arguments.positional[0] {
                // nn.Sequential(OrderedDict(...)) written as a dict
                names = []
                for (k, v) in d.entries {
                    guard case .string(let n) = k, case .module(let m) = v else { throw LanguageFailure("Sequential(dict): entries must be name → layer") }
                    names!.append(n); layers.append(m)
                }
            } else {
                for (i, v) in arguments.positional.enumerated() {
                    guard case .module(let m) = v else { throw Self.notAModule(v, in: "Sequential", position: i + 1) }
                    layers.append(m)
                }
            }
            // The container starts in train mode; layers keep the mode they have.
            let seq = Sequential([])
            seq.setTraining(true)
            for (i, m) in layers.enumerated() { seq.register(names?[i] ?? String(i), m) }
            return .module(seq)
        })
        // PyTorch builds every module in train mode.
        for (name, value) in t where name != "Sequential" {
            guard case .builtin(let b) = value else { continue }
            t[name] = .builtin(Builtin(b.name) { interpreter, arguments in
                let v = try b.body(interpreter, arguments)
                if case .module(let m) = v { m.setTraining(true) }
                return v
            })
        }
        return t
    }

    static func requireOne(_ a: BoundArguments, _ name: String, _ layer: String, fix: String) throws {
        switch a[name] {
        case .int(1): return
        case .tuple(let xs) where xs.allSatisfy({ $0.asInt == 1 && $0.typeName == "int" }): return
        default:
            throw LanguageFailure("\(layer)(): \(name)=\(a[name].repr) is not supported (only \(name)=1)", fix: fix)
        }
    }

    static func requireCPUArgument(_ v: Value) throws {
        switch v {
        case .none: return
        case .string(let s): try requireCPU(s)
        case .object(let o as TorchToken): try requireCPU(o.text)
        default: throw LanguageFailure("device must be a torch.device or a string, got \(v.typeName)")
        }
    }

    /// A dropout's `p` argument, checked as PyTorch checks it.
    static func dropoutProbability(_ a: BoundArguments) throws -> Double {
        let p = try a.double("p")
        guard (0...1).contains(p) else { throw LanguageFailure("dropout probability has to be between 0 and 1, but got \(a["p"].repr)", as: .valueError) }
        return p
    }

    /// `F.dropout2d` in train mode: whole channels zeroed, each with probability p, the kept ones
    /// scaled by 1/(1 − p): dropout's own mask (`Elementwise.dropoutWithMask`, PyTorch's rule and
    /// draws from the default generator) on an (N, C, 1, 1) noise, as PyTorch's feature dropout.
    // x: (N, C, H, W) → same shape
    /// F.dropout2d / dropout1d's checks, then ATen's feature_dropout. `dims`: 2 for dropout2d
    /// (PyTorch's warnings for a 3-D input, read as (N, C, L), and for other ranks), 1 for
    /// dropout1d ((N, C, L), or (C, L) as a batch of one, squeezed after). The checks and the
    /// unsqueeze/squeeze happen in eval mode too (`training: false`), as in PyTorch's F.dropout1d.
    static func channelDropout(_ x: Tensor, p: Double, dims: Int = 2, training: Bool = true) throws -> Tensor {
        if dims == 1 {
            guard x.rank == 2 || x.rank == 3 else {
                throw LanguageFailure("dropout1d: Expected 2D or 3D input, but received a \(x.rank)D input. Note that dropout1d exists to provide channel-wise dropout on inputs with 1 spatial dimension, a channel dimension, and an optional batch dimension (i.e. 2D or 3D inputs).")
            }
            guard x.rank == 2 else { return try featureDropout(x, p: p, training: training) }
            let y = try reshaped(try featureDropout(try reshaped(x, [1] + x.shape), p: p, training: training), x.shape)
            y.gradNode?.displayName = "SqueezeBackward1"
            return y
        }
        if x.rank != 3 && x.rank != 4 {
            warnOnce("UserWarning: dropout2d: Received a \(x.rank)-D input to dropout2d, which is deprecated and will result in an error in a future release. To retain the behavior and silence this warning, please use dropout instead. Note that dropout2d exists to provide channel-wise dropout on inputs with 2 spatial dimensions, a channel dimension, and an optional batch dimension (i.e. 3D or 4D inputs).")
        }
        if x.rank == 3 {
            warnOnce("UserWarning: dropout2d: Received a 3D input to dropout2d and assuming that channel-wise 1D dropout behavior is desired - input is interpreted as shape (N, C, L), where C is the channel dim. This behavior will change in a future release to interpret the input as one without a batch dimension, i.e. shape (C, H, W). To maintain the 1D channel-wise dropout behavior, please switch to using dropout1d instead.")
        }
        return try featureDropout(x, p: p, training: training)
    }

    /// ATen's feature_dropout: one draw per (sample, channel), its mask (N, C, 1, …) multiplied in.
    private static func featureDropout(_ x: Tensor, p: Double, training: Bool) throws -> Tensor {
        guard x.rank >= 2 else { throw LanguageFailure("Feature dropout requires at least 2 dimensions in the input") }
        if x.isMeta || p == 0 || !training || x.count == 0 { return x }
        let ones = Tensor(repeating: 1, shape: [x.shape[0], x.shape[1]] + Array(repeating: 1, count: x.rank - 2))
        let noise = try DefaultGenerator.draw { try Elementwise.dropoutWithMask(ones, p: p, rng: &$0).mask }
        return try TensorOps.binary(.multiply, x, noise)
    }
}

extension Interpreter {
    /// PyTorch's refusal of what is not a layer in a container, as its TypeError: "int is not a
    /// Module subclass", a class named by its path ("torch.nn.modules.activation.ReLU is not …",
    /// nn.ReLU written for nn.ReLU()). `position`: the argument's place, 1-based, if it has one.
    static func notAModule(_ v: Value, in container: String, position: Int? = nil) -> LanguageFailure {
        let repr = v.repr
        let classPath = repr.hasPrefix("<class '") && repr.hasSuffix("'>") ? String(repr.dropFirst(8).dropLast(2)) : nil
        let fix: String
        if let path = classPath {
            let name = (path.hasPrefix("torch.nn.") ? "nn." : "") + (path.split(separator: ".").last.map(String.init) ?? path)
            fix = "\(name) is the class: make a layer of it, \(name)(…) with its parentheses"
        } else if v.typeName == "list" && container == "Sequential" {
            fix = "spread a list with nn.Sequential(*layers)"
        } else {
            fix = "\(container) takes layers" + (position.map { "; argument \($0) is \(repr)" } ?? "")
        }
        return LanguageFailure("\(classPath ?? v.typeName) is not a Module subclass", fix: fix, as: .typeError)
    }
}
