import InceptionRuntime

/// The max and average pools' arguments read and checked as PyTorch reads and checks them, at the
/// call (a pooling layer keeps what it was given and fails where PyTorch's does, when called):
/// first its argument parser's TypeErrors (`max_pool2d(): argument 'kernel_size' (position 2)
/// must be tuple of ints, not float`), then the native function's checks in its order — the
/// sizes' counts, the input's rank, each dim's stride, padding and half-kernel bound (height
/// first), the kernel's, stride's and dilation's signs, empty dims, an output too small, and
/// last the kernel's dtype. What passes is the window the existing pools compute with.
struct PoolArguments {
    /// The native function PyTorch's messages name: max_pool2d, max_pool2d_with_indices,
    /// avg_pool2d, max_pool1d, max_pool1d_with_indices, avg_pool1d.
    let function: String
    /// Each parameter's position where the native function receives it by position: F.max_pool2d
    /// (a Python function) passes all its arguments on by position; F.avg_pool2d is the native
    /// function itself, its positions as written; a layer's forward passes all by position.
    let positions: [String: Int]

    /// The positions of a call that passes `names` on by position, the input first.
    init(_ function: String, passingOn names: [String]) {
        self.function = function
        positions = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0 + 1) })
    }

    /// The positions of a call as written (the native function called directly).
    init(_ function: String, _ a: BoundArguments) {
        (self.function, positions) = (function, a.positions)
    }

    /// `int[count]`: an int (not a bool) stands for `count` of it, or a sequence of ints, any length.
    func intList(_ name: String, _ v: Value, count: Int) throws -> [Int] {
        try IntListArgument(function: function, parameter: name, call: Arguments()).named(v, position: positions[name], broadcast: count)
    }

    /// `int[count]? stride`: None is the empty list (the kernel's size then).
    func optionalIntList(_ name: String, _ v: Value, count: Int) throws -> [Int] {
        v.isNone ? [] : try intList(name, v, count: count)
    }

    func bool(_ name: String, _ v: Value) throws -> Bool {
        if case .bool(let b) = v { return b }
        throw wrong(name, "bool", v)
    }

    func optionalInt(_ name: String, _ v: Value) throws -> Int? {
        switch v {
        case .none: return nil
        case .int(let i): return i
        default: throw wrong(name, "int", v)
        }
    }

    func tensor(_ name: String, _ v: Value) throws -> Tensor {
        if case .tensor(let t) = v { return t }
        throw wrong(name, "Tensor", v)
    }

    private func wrong(_ name: String, _ expected: String, _ v: Value) -> LanguageFailure {
        LanguageFailure("\(function)(): argument '\(name)'\(positions[name].map { " (position \($0))" } ?? "") must be \(expected), not \(TorchArgumentErrors.typeName(v))",
                        as: .typeError)
    }
}

extension Interpreter {
    /// Python's truth of a value (`if return_indices:` in PyTorch's functions).
    static func truth(_ v: Value) -> Bool { (try? v.isTruthy()) ?? false }

    /// The sizes PyTorch takes as one int or a pair, a 1-tuple (`(2,)`) read as its int, for the
    /// pools that take an int or a pair.
    static func singleSizesUnwrapped(_ a: BoundArguments) -> BoundArguments {
        var a = a
        for name in ["kernel_size", "stride", "padding", "dilation"] {
            if let items = IntListArgument.sequence(a[name]), items.count == 1, case .int = items[0] { a = a.replacing(name, with: items[0]) }
        }
        return a
    }

    /// The 2-D pools' native checks (max_pool2d_with_indices' and avg_pool2d's meta functions,
    /// pooling_output_shape, pool2d_shape_check) in PyTorch's order, on a (C, H, W) or
    /// (N, C, H, W) input; `dilation` nil for the average pool. The window that passes them.
    static func checkedPool2dWindow(_ x: Tensor, kernel: [Int], stride: [Int], padding: [Int], dilation: [Int]?, ceil: Bool,
                                    divisor: Int? = nil, name: String) throws -> PoolWindow {
        guard kernel.count == 1 || kernel.count == 2 else { throw LanguageFailure("\(name): kernel_size must either be a single int, or a tuple of two ints") }
        guard stride.count <= 2 else { throw LanguageFailure("\(name): stride must either be omitted, a single int, or a tuple of two ints") }
        guard padding.count == 1 || padding.count == 2 else { throw LanguageFailure("\(name): padding must either be a single int, or a tuple of two ints") }
        if let dilation, dilation.count != 1 && dilation.count != 2 {
            throw LanguageFailure("\(name): dilation must be either a single int, or a tuple of two ints")
        }
        func pair(_ v: [Int]) -> (h: Int, w: Int) { (v[0], v.count == 2 ? v[1] : v[0]) }
        let k = pair(kernel), s = stride.isEmpty ? k : pair(stride), p = pair(padding), d: (h: Int, w: Int) = dilation.map(pair) ?? (1, 1)
        if dilation != nil {
            guard x.rank == 3 || x.rank == 4 else { throw LanguageFailure("non-empty 3D or 4D (batch mode) tensor expected for input") }
        } else {
            if let divisor, divisor == 0 { throw LanguageFailure("divisor must be not zero") }
            try requireDim(x, -3)                       // avg_pool2d reads the input's planes first
        }
        // pooling_output_shape, the height then the width
        for (k, s, p, d) in [(k.h, s.h, p.h, d.h), (k.w, s.w, p.w, d.w)] {
            guard s != 0 else { throw LanguageFailure("stride should not be zero") }
            guard p >= 0 else { throw LanguageFailure("pad must be non-negative, but got pad: \(p)") }
            guard p <= ((k - 1) * d + 1) / 2 else {
                throw LanguageFailure("pad should be at most half of effective kernel size, but got pad=\(p), kernel_size=\(k) and dilation=\(d)")
            }
        }
        // pool2d_shape_check
        guard k.h > 0, k.w > 0 else { throw LanguageFailure("kernel size should be greater than zero, but got kH: \(k.h) kW: \(k.w)") }
        guard s.h > 0, s.w > 0 else { throw LanguageFailure("stride should be greater than zero, but got dH: \(s.h) dW: \(s.w)") }
        guard d.h > 0, d.w > 0 else { throw LanguageFailure("dilation should be greater than zero, but got dilationH: \(d.h) dilationW: \(d.w)") }
        let shape = x.shape, validDims = x.rank >= 3 && shape[1] != 0 && shape[2] != 0
        guard (x.rank == 3 && shape[0] != 0 && validDims) || (x.rank == 4 && validDims && shape[3] != 0) else {
            throw LanguageFailure("Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:\(shape)")
        }
        guard k.w / 2 >= p.w, k.h / 2 >= p.h else {
            throw LanguageFailure("pad should be smaller than or equal to half of kernel size, but got padW = \(p.w), padH = \(p.h), kW = \(k.w), kH = \(k.h)")
        }
        let window = PoolWindow(kernel: k, stride: s, padding: p, dilation: d, ceilMode: ceil)
        let (h, w) = (shape[x.rank - 2], shape[x.rank - 1]), (ho, wo) = window.outputSize(h, w)
        guard ho >= 1, wo >= 1 else {
            throw LanguageFailure("Given input size: (\(shape[x.rank - 3])x\(h)x\(w)). Calculated output size: (\(shape[x.rank - 3])x\(ho)x\(wo)). Output size is too small")
        }
        if TensorOps.dtype(x) == .bool { try requireFloatKernel(x, dilation == nil ? "avg_pool2d" : "max_pool2d") }
        return window
    }

    /// PyTorch's IndexError where a function reads x.size(dim) of an input with too few dims.
    static func requireDim(_ x: Tensor, _ dim: Int) throws {
        guard x.rank > 0 else { throw LanguageFailure("Dimension specified as \(dim) but tensor has no dimensions", as: .indexError) }
        guard -x.rank <= dim, dim < x.rank else {
            throw LanguageFailure("Dimension out of range (expected to be in range of [\(-x.rank), \(x.rank - 1)], but got \(dim))", as: .indexError)
        }
    }

    /// F.max_pool1d's native checks without indices (max_pool1d's own kernel) on an (N, C, L) or
    /// (C, L) input: the 1 × k window on the input as a row.
    static func checkedMaxPool1dWindow(_ x: Tensor, kernel: [Int], stride: [Int], padding: [Int], dilation: [Int], ceil: Bool) throws -> PoolWindow {
        let shape = x.shape
        guard (x.rank == 2 && shape[0] != 0 && shape[1] != 0) || (x.rank == 3 && shape[1] != 0 && shape[2] != 0) else {
            throw LanguageFailure("max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got:\(shape)")
        }
        guard kernel.count == 1 else { throw LanguageFailure("max_pool1d() kernel_size must be an int, list of ints or tuple of ints of size 1 but got size \(kernel.count)") }
        guard stride.count <= 1 else { throw LanguageFailure("max_pool1d() stride must be None, an int, list of ints, or tuple of ints of size 1 but got size \(stride.count)") }
        guard padding.count == 1 else { throw LanguageFailure("max_pool1d() padding must be an int, list of ints, or tuple of ints of size 1 but got size \(padding.count)") }
        guard dilation.count == 1 else { throw LanguageFailure("max_pool1d() dilation must be an int, list of ints or tuple of ints of size 1 but got size \(dilation.count)") }
        let (k, s, p, d) = (kernel[0], stride.first ?? kernel[0], padding[0], dilation[0])
        guard k > 0 else { throw LanguageFailure("max_pool1d() kernel_size must be greater than zero, but got \(k)") }
        guard s > 0 else { throw LanguageFailure("max_pool1d() stride must be greater than zero, but got \(s)") }
        guard p >= 0 else { throw LanguageFailure("max_pool1d() padding must be non-negative, but got \(p)") }
        guard p <= k / 2 else { throw LanguageFailure("max_pool1d() padding should be at most half of kernel size, but got padding=\(p) and kernel_size=\(k)") }
        guard d > 0 else { throw LanguageFailure("max_pool1d() dilation must be greater than zero, but got \(d)") }
        let out = pooledLength(shape[x.rank - 1], kernel: k, stride: s, padding: p, dilation: d, ceil: ceil)
        guard out >= 1 else { throw LanguageFailure("max_pool1d() Invalid computed output size: \(out)") }
        try requireFloatKernel(x, "max_pool1d_impl")
        return PoolWindow(kernel: (1, k), stride: (1, s), padding: (0, p), dilation: (1, d), ceilMode: ceil)
    }

    /// The 1-D pools that run as the 2-D ones (avg_pool1d, max_pool1d_with_indices): the input's
    /// rank and each size's single int checked (`check1d`), then the 2-D checks on the input with
    /// a dim of 1 before its last. `dilation` nil for the average pool.
    static func checkedRowPoolWindow(_ x: Tensor, kernel: [Int], stride: [Int], padding: [Int], dilation: [Int]?, ceil: Bool,
                                     name: String) throws -> PoolWindow {
        guard x.rank == 2 || x.rank == 3 else {
            throw LanguageFailure("Expected 2 to 3 dimensions, but got \(x.rank)-dimensional tensor for argument #1 'self' (while checking arguments for \(name))")
        }
        for (parameter, sizes) in [("kernel_size", kernel), ("stride", stride.isEmpty ? kernel : stride), ("padding", padding)] + (dilation.map { [("dilation", $0)] } ?? [])
        where sizes.count != 1 {
            throw LanguageFailure("\(name)() argument '\(parameter)' should contain one int (got \(sizes.count))")
        }
        let row = Tensor(meta: Array(x.shape.dropLast()) + [1, x.shape[x.rank - 1]])
        let window = try checkedPool2dWindow(row, kernel: [1, kernel[0]], stride: [1, (stride.first ?? kernel[0])], padding: [0, padding[0]],
                                             dilation: dilation.map { [1, $0[0]] }, ceil: ceil, name: dilation == nil ? "avg_pool2d" : "max_pool2d")
        if TensorOps.dtype(x) == .bool { try requireFloatKernel(x, dilation == nil ? "avg_pool2d" : "max_pool2d") }
        return window
    }
}

extension Interpreter {
    /// F.max_pool2d's and F.avg_pool2d's call checked as PyTorch checks it (`PoolArguments`,
    /// `checkedPool2dWindow`); the arguments handed back with an empty stride as None, for the pools.
    /// F.max_pool2d passes its arguments on by position (to max_pool2d_with_indices where
    /// return_indices is true, truth as Python's); F.avg_pool2d is the native function.
    /// `positional`: every argument passed by position (a layer's forward).
    static func checkPool2dCall(_ a: BoundArguments, _ name: String, positional: Bool = false) throws -> BoundArguments {
        let maximum = name == "max_pool2d"
        let reader = maximum ? PoolArguments(Self.truth(a["return_indices"]) ? "max_pool2d_with_indices" : "max_pool2d",
                                             passingOn: ["input", "kernel_size", "stride", "padding", "dilation", "ceil_mode"])
                   : positional ? PoolArguments(name, passingOn: ["input", "kernel_size", "stride", "padding", "ceil_mode", "count_include_pad", "divisor_override"])
                   : PoolArguments(name, a)
        let x = try reader.tensor("input", a["input"])
        let kernel = try reader.intList("kernel_size", a["kernel_size"], count: 2), stride = try reader.optionalIntList("stride", a["stride"], count: 2)
        let padding = try reader.intList("padding", a["padding"], count: 2)
        let dilation = maximum ? try reader.intList("dilation", a["dilation"], count: 2) : nil
        let ceil = try reader.bool("ceil_mode", a["ceil_mode"])
        var divisor: Int?
        if !maximum {
            _ = try reader.bool("count_include_pad", a["count_include_pad"])
            divisor = try reader.optionalInt("divisor_override", a["divisor_override"])
        }
        _ = try checkedPool2dWindow(x, kernel: kernel, stride: stride, padding: padding, dilation: dilation, ceil: ceil, divisor: divisor, name: name)
        return singleSizesUnwrapped(stride.isEmpty ? a.replacing("stride", with: .none) : a)
    }
}

extension Interpreter {
    /// A 2-D pooling layer built as PyTorch builds it, whatever its arguments (nn.MaxPool2d(2.0)
    /// is made; its call fails): where `build` refuses them, the layer is made anyway, and its call
    /// fails with the functional's error for them, as PyTorch's forward passes them on by position,
    /// or with `build`'s own refusal where the functional takes them.
    static func poolLayer(_ typeName: String, _ function: String, _ a: BoundArguments, text: String, _ build: (BoundArguments) throws -> Module) throws -> Module {
        do { return try build(singleSizesUnwrapped(a)) } catch {
            return functionLayer(typeName, text) { _, x, _ in
                _ = try checkPool2dCall(a.replacing("input", with: .tensor(x)), function, positional: true)
                throw error
            }
        }
    }
}

extension Interpreter {
    /// F.max_pool1d's call (nn.MaxPool1d's forward): its arguments passed on by position to
    /// max_pool1d, or max_pool1d_with_indices where return_indices is true (as Python's truth),
    /// checked as each checks them. (output, indices)
    static func maxPool1dCall(_ a: BoundArguments) throws -> (Tensor, Tensor) {
        let indices = Self.truth(a["return_indices"])
        let reader = PoolArguments(indices ? "max_pool1d_with_indices" : "max_pool1d", passingOn: ["input", "kernel_size", "stride", "padding", "dilation", "ceil_mode"])
        let x = try reader.tensor("input", a["input"])
        let kernel = try reader.intList("kernel_size", a["kernel_size"], count: 1), stride = try reader.optionalIntList("stride", a["stride"], count: 1)
        let padding = try reader.intList("padding", a["padding"], count: 1), dilation = try reader.intList("dilation", a["dilation"], count: 1)
        let ceil = try reader.bool("ceil_mode", a["ceil_mode"])
        let window = indices ? try checkedRowPoolWindow(x, kernel: kernel, stride: stride, padding: padding, dilation: dilation, ceil: ceil, name: "max_pool1d")
                             : try checkedMaxPool1dWindow(x, kernel: kernel, stride: stride, padding: padding, dilation: dilation, ceil: ceil)
        return try maxPool1d(x, kernel: window.kernel.w, stride: window.stride.w, padding: window.padding.w, dilation: window.dilation.w, ceil: ceil)
    }

    /// F.avg_pool1d's call (nn.AvgPool1d's forward, `positional`), checked as avg_pool1d checks it.
    static func avgPool1dCall(_ a: BoundArguments, positional: Bool) throws -> Tensor {
        let reader = positional ? PoolArguments("avg_pool1d", passingOn: ["input", "kernel_size", "stride", "padding", "ceil_mode", "count_include_pad"])
                                : PoolArguments("avg_pool1d", a)
        let x = try reader.tensor("input", a["input"])
        let kernel = try reader.intList("kernel_size", a["kernel_size"], count: 1), stride = try reader.optionalIntList("stride", a["stride"], count: 1)
        let padding = try reader.intList("padding", a["padding"], count: 1)
        let (ceil, counts) = (try reader.bool("ceil_mode", a["ceil_mode"]), try reader.bool("count_include_pad", a["count_include_pad"]))
        let window = try checkedRowPoolWindow(x, kernel: kernel, stride: stride, padding: padding, dilation: nil, ceil: ceil, name: "avg_pool1d")
        return try avgPool1d(x, kernel: window.kernel.w, stride: window.stride.w, padding: window.padding.w, ceil: ceil, countPadding: counts)
    }

    /// PyTorch's _single: a sequence as a tuple of its items, anything else as a 1-tuple of it.
    static func singleTuple(_ v: Value) -> Value {
        if let items = IntListArgument.sequence(v) { return .tuple(items) }
        if case .string(let s) = v { return .tuple(s.map { .string(String($0)) }) }
        return .tuple([v])
    }
}

extension Interpreter {
    /// The runtime's MaxPool2d and AvgPool2d layers' input checked as PyTorch's call checks it
    /// (`checkedPool2dWindow`: its rank, empty dims, an output too small, a bool input).
    static func checkPoolInput(_ m: Module, _ x: Tensor) throws {
        let window: Window2d, maximum: Bool
        switch m {
        case let pool as MaxPool2d: (window, maximum) = (pool.window, true)
        case let pool as AvgPool2d: (window, maximum) = (pool.window, false)
        case let pool as AdaptiveAvgPool2d:
            _ = try checkedAdaptivePool2d(.tensor(x), .tuple([.int(pool.size.h), .int(pool.size.w)]), maximum: false)
            return
        default: return
        }
        _ = try checkedPool2dWindow(x, kernel: [window.kernel.h, window.kernel.w], stride: [window.stride.h, window.stride.w],
                                    padding: [window.padding.h, window.padding.w], dilation: maximum ? [1, 1] : nil, ceil: window.ceilMode,
                                    name: maximum ? "max_pool2d" : "avg_pool2d")
    }
}
