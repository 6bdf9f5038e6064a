import Foundation
import InceptionRuntime

/// Tensor methods and torch functions with PyTorch's names, arguments and results:
/// reductions give 0-d tensors (`x.sum()` prints `tensor(6.)`), `dim=`/`keepdim=` everywhere,
/// `max(dim=1)` gives (values, indices), comparisons give bool tensors, in-place methods end
/// in `_`. `torch.sum(x, 1)` is `x.sum(1)`: the torch functions call the tensor methods.
extension Interpreter {
    /// A hook autograd sets: called before a tensor is changed in place (a leaf that requires
    /// grad refuses). Throw to refuse.
    nonisolated(unsafe) public static var inPlaceCheck: ((Tensor) throws -> Void)?
    /// The view `x[i] += v` reads before writing back: not a view the program holds.
    nonisolated(unsafe) static var inPlaceExempt: Tensor?

    /// Whether unsqueeze_ / squeeze_ may change t's shape here: nothing recorded reads it (it needs
    /// no gradient, was made by no recorded operation and went into none) and it is no view of
    /// another tensor and has none (their layouts are in its storage).
    static func mayReshapeInPlace(_ t: Tensor) -> Bool {
        !t.requiresGrad && t.gradNode == nil && t.recordedUses == 0 && !t.isMeta
            && TensorKinds.shared.base(of: t) == nil && TensorKinds.shared.liveViews(of: t) == 0
    }

    /// PyTorch's methods that change a tensor's own shape (refused: a tensor's shape is fixed here,
    /// but for unsqueeze_ / squeeze_ of a tensor `mayReshapeInPlace` allows).
    static let inPlaceShapeMethods: Set<String> = ["unsqueeze_", "squeeze_", "t_", "transpose_", "swapaxes_", "swapdims_",
                                                   "resize_", "resize_as_", "as_strided_"]

    static let tensorMethodNames = [
        "shape", "ndim", "dim", "numel", "nelement", "size", "dtype", "device", "T", "data", "is_cuda",
        "mean", "sum", "prod", "max", "min", "amax", "amin", "std", "var", "all", "any", "argmax", "argmin",
        "softmax", "log_softmax", "item", "tolist", "float", "long", "int", "bool", "double", "half", "to", "cpu", "cuda",
        "numpy", "reshape", "view", "view_as", "reshape_as", "flatten", "unsqueeze", "squeeze", "permute", "transpose", "t",
        "contiguous", "flip", "expand", "expand_as", "repeat", "clone", "abs", "exp", "log", "log1p", "log2", "log10", "expm1", "sqrt", "sigmoid", "tanh", "relu",
        "sin", "cos", "rsqrt", "reciprocal", "bmm", "erf", "erfc", "erfinv", "exp2", "sinc", "logit", "lgamma", "digamma", "polygamma",
        "clamp", "clip", "pow", "neg", "floor", "ceil", "round", "add", "sub", "mul", "div", "matmul", "eq", "ne", "lt", "le",
        "gt", "ge", "add_", "sub_", "mul_", "div_", "divide", "true_divide", "floor_divide", "remainder", "fmod", "zero_", "fill_", "clamp_", "relu_", "copy_", "normal_", "uniform_", "bernoulli", "bernoulli_",
        "topk", "sort", "masked_fill", "type", "sign", "square", "chunk", "split", "nonzero", "equal", "allclose", "maximum", "minimum",
        "cumsum", "is_floating_point", "is_signed", "mT", "argsort",
    ]

    // MARK: conversions

    /// The Python value of one element: int for int64, bool for bool, float otherwise.
    static func pythonScalar(_ t: Tensor, _ i: Int) -> Value {
        switch TensorKinds.shared.dtype(t) {
        case .float32: return .float(Double(t.data[i]))
        case .int64, .int32: return .int(Int(t.data[i]))
        case .bool: return .bool(t.data[i] != 0)
        }
    }

    /// A Python number as a 0-d tensor with PyTorch's dtype for it (bool, int64, float32).
    static func scalarTensor(_ v: Value) -> Tensor? {
        guard isNumber(v), let d = v.asDouble else { return nil }
        let t = Tensor(zeros: [])
        t.data[0] = Float(d)
        switch v {
        case .bool: return TensorKinds.shared.setDType(t, .bool)
        case .int: return TensorKinds.shared.setDType(t, .int64)
        default: return t
        }
    }

    /// A tensor, or a number made one, for the other side of an operation.
    func operand(_ v: Value, _ what: String) throws -> Tensor {
        if case .tensor(let t) = v { return t }
        if let t = Self.scalarTensor(v) { return t }
        throw LanguageFailure("\(what)(): expected a tensor or a number, got \(v.typeName) \(v.repr)")
    }

    /// dim=None, dim=1, dim=(2, 3), dim=[2, 3]
    static func dims(_ v: Value, _ function: String) throws -> [Int]? {
        if v.isNone { return nil }
        if case .int(let d) = v { return [d] }
        if let items = v.sequenceItems(), v.typeName == "tuple" || v.typeName == "list" || v.typeName == "torch.Size" {
            return try items.map { i in
                guard case .int(let d) = i else { throw LanguageFailure("\(function)(): dim must be an int or a tuple of ints, got \(i.repr)") }
                return d
            }
        }
        throw LanguageFailure("\(function)(): dim must be an int or a tuple of ints, got \(v.typeName) \(v.repr)")
    }

    /// Sizes written as separate ints or one tuple: view(2, -1), view((2, -1)), view(x.shape).
    static func sizes(_ a: BoundArguments, count: Int) throws -> [Int] {
        let function = a.function
        if a.rest.count == 1, case .object(let o as TorchToken) = a.rest[0], o.typeName == "torch.dtype" {
            throw LanguageFailure("\(function)(\(o.repr)) reinterprets the tensor's bits as another dtype, which is not supported here",
                                  fix: "convert the values with x.to(\(o.repr))")
        }
        var dims = try a.intList(function == "view" ? "size" : "shape")
        if let i = dims.firstIndex(where: { $0 < -1 }) {
            throw LanguageFailure("invalid shape dimension \(dims[i]) at index \(i) of shape [\(dims.map(String.init).joined(separator: ", "))]")
        }
        let unknown = dims.indices.filter { dims[$0] == -1 }
        guard unknown.count <= 1 else { throw LanguageFailure("only one dimension can be inferred") }
        if let i = unknown.first {
            let known = try MemoryBudget.elementCount(dims.enumerated().filter { $0.offset != i }.map(\.element), what: "a reshape")
            let written = "[\(dims.map(String.init).joined(separator: ", "))]"
            if known == 0, count == 0 {
                throw LanguageFailure("cannot reshape tensor of 0 elements into shape \(written) because the unspecified dimension size -1 can be any value and is ambiguous")
            }
            guard known != 0, count % known == 0 else {
                throw LanguageFailure("shape '\(written)' is invalid for input of size \(count)")
            }
            dims[i] = count / known
        }
        guard try MemoryBudget.elementCount(dims, what: "a reshape") == count else {
            throw LanguageFailure("shape '[\(dims.map(String.init).joined(separator: ", "))]' is invalid for input of size \(count)")
        }
        return dims
    }

    /// How a new shape is taken: `view` refuses where PyTorch's view() does (x's strides cannot
    /// show the new shape without a copy), `reshape` copies there instead (and the result is no
    /// view of x); `layout` gives the view's strides where the operation has its own rule
    /// (unsqueeze, squeeze).
    enum Reshaping { case view, reshape, layout(ViewLayout?) }

    static func reshaped(_ x: Tensor, _ shape: [Int], _ how: Reshaping = .reshape) throws -> Tensor {
        let out = try x.reshaped(shape)
        let kinds = TensorKinds.shared
        kinds.setDType(out, TensorOps.dtype(x))
        guard let own = kinds.layout(of: x) else { return kinds.markView(out, of: x) }
        let layout: ViewLayout?
        switch how {
        case .layout(let given): layout = given
        case .view, .reshape: layout = own.reshaped(x.shape, to: shape)
        }
        guard let layout else {
            guard case .view = how else { return out }           // reshape: a copy of its own
            throw LanguageFailure("view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.")
        }
        return kinds.markView(out, of: x, layout: layout)
    }

    static func tolist(_ t: Tensor) -> Value {
        let strides = TensorOps.strides(t.shape)
        func walk(_ d: Int, _ offset: Int) -> Value {
            if d == t.rank { return pythonScalar(t, offset) }
            return .list(ListStorage((0..<t.shape[d]).map { walk(d + 1, offset + $0 * strides[d]) }))
        }
        return walk(0, 0)
    }

    /// The writes PyTorch lets into an expanded tensor (one value everywhere they write).
    static let fillingWrites: Set<String> = ["fill_()", "zero_()", "masked_fill_()"]

    /// Changes `x` in place to `result` (PyTorch's rules on shapes and dtypes, and the views
    /// this language copies instead of sharing), and gives back `x`. `typeMetaNames`: the cast's
    /// message names x's dtype as a TypeMeta does ("long int"), as clamp_'s number forms do.
    @discardableResult
    func writeInPlace(_ x: Tensor, _ result: Tensor, _ what: String, typeMetaNames: Bool = false) throws -> Tensor {
        guard result.shape == x.shape else {
            throw LanguageFailure("output with shape \(x.shape) doesn't match the broadcast shape \(result.shape)")
        }
        let (dx, dr) = (TensorOps.dtype(x), TensorOps.dtype(result))
        if (dx != .float32 && dr == .float32) || (dx == .bool && dr.isIntegral) {
            throw LanguageFailure("result type \(dr.scalarName) can't be cast to the desired output type \(typeMetaNames ? dx.typeMetaName : dx.scalarName)",
                                  fix: "convert first, e.g. x = x.float()")
        }
        if try rebaseHistory(x, onto: result, what) { return x }
        try checkInPlace(x, what)
        if !x.isMeta { try x.assign(result) }
        TensorKinds.shared.wroteInPlace(x)
        return x
    }

    /// In-place methods that change the tensor's shape or what it is, not only its values.
    static let inPlaceShapeChanges: Set<String> = ["unsqueeze_", "squeeze_", "t_", "transpose_", "swapdims_", "swapaxes_", "resize_", "resize_as_",
                                                   "as_strided_", "set_", "requires_grad_", "retain_grad_"]

    /// Operations whose backward reads neither their output nor their inputs' values: their
    /// result can be written over x in place, x taking over their node (relu_, ReLU(inplace=True),
    /// Dropout(inplace=True), x += y, x -= y, masked_fill_, index_fill_, scatter_, neg_, floor_,
    /// cumsum_, tril_, …: a mask, an index or a constant derivative is all their backward reads).
    static let rebasableOperations: Set<String> = valueFreeBackwards.union(["relu", "ReLU", "Dropout", "add", "sub"])
    /// The methods whose backward is a mask, an index or a constant: in both lists below.
    static let valueFreeBackwards: Set<String> = ["masked_fill", "index_fill", "scatter", "neg", "floor", "ceil", "sign", "trunc", "frac",
                                                  "cumsum", "flip", "tril", "triu", "copy", "index_put",
                                                  "zero_", "fill_", "fill_tensor", "normal_", "uniform_", "bernoulli_"]
    /// `x *= c`, `x /= c` with c constant to autograd (a number, or a tensor that requires no
    /// gradient): the backward of x reads c alone, never x, so x may take over the node.
    static func scalesX(_ node: GradNode, _ x: Tensor) -> Bool {
        ["mul", "div"].contains(node.label) && node.inputCount(of: x) == 1 && node.firstInput === x && node.inputCount(ofAnyOtherThan: x) == 0
    }

    /// `x *= y`, `x /= y` with y a tensor that requires a gradient (and is not x): y's gradient
    /// reads x's values from before the change, so the product is made again from a copy of x
    /// that keeps them (and x's history), and x takes over that product's node. Returns y.
    static func scaledByTensor(_ node: GradNode, _ x: Tensor) -> Tensor? {
        guard ["mul", "div"].contains(node.label), node.inputCount(of: x) == 1, node.firstInput === x else { return nil }
        return node.onlyInput(otherThan: x)
    }

    /// x ← x ∘ y recorded as PyTorch records x.mul_(y): the node made for `dropped` (x ∘ y) is
    /// given up, and a product of `before` (x as it was, with its history) and y is x's node.
    static func scaleInPlace(_ x: Tensor, by y: Tensor, _ op: BinaryOperator, dropping dropped: Tensor) throws {
        dropped.gradNode?.discard(output: dropped)
        let before = x.copy()
        before.takeHistory(of: x)
        let product = try TensorOps.binary(op, before, y)
        try x.assign(product)
        product.gradNode?.handOver(from: product, to: x)
    }

    /// Whether the backward of the node that made x leaves x alone, so x may change in place.
    static func readsNoOutput(_ node: GradNode) -> Bool { node.readsNoTakenOutput || outputFreeOperations.contains(node.label) }

    /// Whether x may change in place under autograd as PyTorch lets it: what made x and every
    /// recorded operation that read x (besides `node`, the change's own) either leave x's
    /// values alone or list what they saved, so that backward refuses, with PyTorch's version
    /// counter error, to read x changed (`GradNode.saved`). Their edges to x then go to a
    /// stand-in holding x's old history (`Tensor.takeHistory`).
    static func changeIsChecked(_ x: Tensor, besides node: GradNode? = nil) -> Bool {
        if let made = x.gradNode, !(readsNoOutput(made) || made.savesKnown) { return false }
        return x.consumingNodes.allSatisfy { $0 === node || $0.savesKnown || $0.isReleased }
    }

    /// Operations whose backward does not read their output: x, made by one, may be changed in place
    /// (`loss = F.cross_entropy(…); loss += reg`: the fused loss's backward reads its log-probabilities).
    static let outputFreeOperations: Set<String> = valueFreeBackwards.union(["Conv2d", "Linear", "BatchNorm2d", "BatchNorm2d+ReLU", "MaxPool2d", "AvgPool2d",
                                                    "Dropout", "add", "sub", "mul", "div", "cat", "sum", "mean", "matmul", "mv", "dot",
                                                    "vecmat", "where", "clone", "index_put",
                                                    "layer_norm", "group_norm", "instance_norm",
                                                    "cross_entropy"])

    /// An in-place change under autograd, as PyTorch allows it: `x = bn(conv(x)); relu_(x)`, or
    /// `out += identity`, where x is a result nothing else has used yet. x takes over the
    /// result's node and the node's edge to x goes to a copy holding x's old history. Returns
    /// false when autograd is not involved (the plain write follows); refuses, with the
    /// reason, what cannot be recorded correctly here.
    func rebaseHistory(_ x: Tensor, onto result: Tensor, _ what: String) throws -> Bool {
        guard GradMode.isEnabled, x.requiresGrad || result.requiresGrad, !x.isMeta else { return false }
        try checkInPlace(x, what, autograd: false, recorded: true)
        if x.requiresGrad && x.gradNode == nil { try Self.inPlaceCheck?(x) }              // a leaf: refused as PyTorch does
        let refusal = LanguageFailure("\(what) cannot be recorded for the backward pass here: an operation that made or read this tensor saves values for its backward that the version counters here do not cover",
                                      fix: "write the result to a new name instead, e.g. y = x + 1 or y = F.relu(x)")
        guard let node = result.gradNode else { throw refusal }
        if let factor = Self.scaledByTensor(node, x) {
            guard Self.changeIsChecked(x, besides: node) else { throw refusal }
            try Self.scaleInPlace(x, by: factor, node.label == "mul" ? .multiply : .divide, dropping: result)
            return true
        }
        guard Self.rebasableOperations.contains(node.label) || Self.scalesX(node, x) else { throw refusal }
        guard Self.changeIsChecked(x, besides: node) else { throw refusal }
        let before = x.copy()
        try x.assign(result)
        node.rebase(x, before: before, output: result)
        return true
    }

    /// f(x) written into x (F.elu(x, inplace=True), nn.SiLU(inplace=True)(x)). Under autograd f
    /// runs on a copy of x that takes over x's history, so f's backward reads x's values from
    /// before the change; x then holds f's result and takes over its node, as PyTorch's in-place
    /// activations record. Refused where PyTorch's version counter would fail the backward (x
    /// already read by a recorded operation, or made by one whose backward reads its output)
    /// and for a leaf that requires grad.
    /// Makes a layer built with inplace=True write its result into its input wherever it is
    /// called (`Module.inPlaceWrite`), as applyInPlace does; Dropout in eval mode leaves its input as it is.
    func makeInPlace(_ m: Module) {
        m.inPlaceWrite = { [weak self, weak m] x, forward in
            guard let self, let m, !(m is Dropout && !m.training) else { return try forward(x) }
            return try self.applyInPlace(x, "\(m.typeName)(inplace=True)", forward)
        }
    }

    func applyInPlace(_ x: Tensor, _ what: String, _ f: (Tensor) throws -> Tensor) throws -> Tensor {
        guard GradMode.isEnabled, x.requiresGrad, !x.isMeta else { return try writeInPlace(x, try f(x), what) }
        try checkInPlace(x, what, autograd: false, recorded: true)
        if x.gradNode == nil { try Self.inPlaceCheck?(x) }              // a leaf: refused as PyTorch does
        guard Self.changeIsChecked(x) else {
            throw LanguageFailure("\(what) cannot be recorded for the backward pass here: x was already used by an operation whose backward reads it, which the version counters here do not cover",
                                  fix: "write the result to a new name instead, e.g. y = F.relu(x)")
        }
        let before = x.copy()
        TensorKinds.shared.setDType(before, TensorOps.dtype(x))
        before.takeHistory(of: x)
        let y = try f(before)
        try x.assign(y)
        let node = y.gradNode
        node?.takeOver(x, output: y)                     // x's version goes up there
        TensorKinds.shared.wroteInPlace(x, bump: node == nil)
        return x
    }

    /// x's values all replaced in place by `fill` (zero_, normal_, uniform_, bernoulli_), which
    /// writes into the tensor it is given. A result that requires grad (not a leaf) is recorded
    /// as PyTorch records it (ZeroBackward0, NormalBackward0, …): x takes over a node whose
    /// backward gives x as it was no gradient; otherwise the values are written over x.
    func overwriteInPlace(_ x: Tensor, _ what: String, label: String, _ fill: (Tensor) throws -> Void) throws -> Tensor {
        guard GradMode.isEnabled, x.requiresGrad, x.gradNode != nil, !x.isMeta else {
            try checkInPlace(x, what)
            try fill(x)
            TensorKinds.shared.wroteInPlace(x)
            return x
        }
        return try applyInPlace(x, what) { before in
            let out = Tensor(zeros: before.shape)
            try fill(out)
            return Autograd.record(out, label, inputs: [before]) { gy in [Tensor(zeros: gy.shape)] }
        }
    }

    /// Refuses to change in place what PyTorch refuses (a view whose elements share places) or
    /// what cannot be carried here as PyTorch's shared storage carries it: a view, or a tensor
    /// with views, when autograd records the change (`recorded`, or the tensor requires grad) or
    /// when one of them was made by an operation that keeps no layout. With `autograd`, also a
    /// tensor autograd needs as it is. The caller writes, then calls `TensorKinds.wroteInPlace`.
    func checkInPlace(_ x: Tensor, _ what: String, autograd: Bool = true, recorded: Bool = false, selfOverlapAllowed: Bool = false) throws {
        try Self.refuseInPlaceOnInferenceTensor(x)
        let kinds = TensorKinds.shared
        let isView = kinds.base(of: x) != nil
        let hasViews = kinds.holdsViews(x, besides: Self.inPlaceExempt)
        if isView || hasViews {
            // an expanded tensor may be filled (fill_, zero_, masked_fill_, x[i] = 5), as in PyTorch
            let filling = selfOverlapAllowed || Self.fillingWrites.contains(what)
            if isView, !filling, let layout = kinds.layout(of: x), layout.overlapsItself(x.shape) {
                throw LanguageFailure("unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.")
            }
            if isView, GradMode.isEnabled, !kinds.isDetachedView(x), let root = kinds.base(of: x), root.requiresGrad && root.gradNode == nil {
                throw LanguageFailure("a view of a leaf Variable that requires grad is being used in an in-place operation.",
                                      fix: "change it under `with torch.no_grad():`, or change a .clone() of it")
            }
            let carried = kinds.viewFamily(of: x) != nil && !recorded && !(GradMode.isEnabled && x.requiresGrad)
            if !carried && isView {
                // a layer built with inplace=True (EfficientNet's Dropout after torch.flatten): the fix is the layer's
                let layer = what.hasSuffix("(inplace=True)") ? String(what.dropLast("(inplace=True)".count)) : nil
                throw LanguageFailure("\(what) would change this tensor in place, but it was made by indexing or reshaping another one: in PyTorch it is a view and the change would show in the original too; here that cannot be carried over while autograd records it",
                                      fix: layer.map { "build the \($0) without inplace=True; its result is the same" }
                                          ?? "change the original directly, e.g. x[0] += 1 or x[:, 1] = 0, or take a copy first with .clone()")
            }
            if !carried {
                throw LanguageFailure("\(what) would change this tensor in place while a view of it (made by indexing, view or reshape) is still held: in PyTorch the view would change too; here that cannot be carried over while autograd records it",
                                      fix: "make the view after the change, or take a copy with .clone() and change that")
            }
        }
        if autograd { try Self.inPlaceCheck?(x) }
    }

    /// x sorted along a's dim (descending if a says so): every value, as a full topk.
    static func sorted(_ x: Tensor, _ a: BoundArguments) throws -> (values: Tensor, indices: Tensor) {
        let d = try a.int("dim")
        let n = x.rank == 0 ? 1 : x.shape[try TensorOps.dim(d, rank: x.rank)]
        let stable = (try? a.bool("stable")) ?? false
        let (v, i) = try TensorOps.topk(x, k: n, dim: d, largest: try a.bool("descending"), sorted: true, ties: stable ? .stable : .introsort)
        return (v, i)
    }

    // MARK: tensor members

    func torchTensorMember(_ x: Tensor, _ name: String) throws -> Value? {
        let kinds = TensorKinds.shared
        let dt = kinds.dtype(x)
        func method(_ signature: Signature, _ body: @escaping (BoundArguments) throws -> Value) -> Value {
            .builtin(Builtin(signature.name) { _, arguments in try body(try signature.parsedAsTorch.bind(arguments)) })
        }
        /// An element-wise method; `derivative` (f′ from x and y = f(x)) records its backward,
        /// as PyTorch's derivatives.yaml gives it (floor, ceil and sign: zero).
        /// `masked`: a zero f′ gives +0 (PyTorch's zeros_like backward of floor, ceil and sign).
        func unary(_ f: @escaping (Float) -> Float, float: Bool = true, masked: Bool = false, derivative: ((Float, Float) -> Float)? = nil) -> Value {
            method(Signature(name)) { _ in
                let y = TensorOps.map(x, float ? .float32 : dt) { f($0) }
                guard let derivative, TensorOps.dtype(y) == .float32 else { return .tensor(y) }
                return .tensor(TensorOpsGrad.unary(x, y, name, masked: masked, derivative: derivative))
            }
        }
        /// alpha · other, for x.add(other, alpha=…) and sub: computed in the dtype x and other give
        /// (alpha takes no part in it: bool + 2 · bool stays bool), with PyTorch's checks of alpha.
        func scaledByAlpha(_ other: Tensor, _ alpha: Value) throws -> Tensor {
            let result = TensorOps.promote(TensorOps.dtype(x), TensorOps.dtype(other))
            if alpha.typeName == "float", result != .float32 {
                throw LanguageFailure("For integral input tensors, argument alpha must not be a floating point number.")
            }
            if alpha.typeName == "bool", result != .bool { throw LanguageFailure("Boolean alpha only supported for Boolean results.") }
            guard alpha.asDouble != 1 else { return other }
            let product = try TensorOps.binary(.multiply, TensorOps.converted(other, to: result), try operand(alpha, name))
            return result == .bool ? TensorOps.converted(product, to: .bool) : product
        }
        func binaryMethod(_ op: BinaryOperator) -> Value {
            method(Signature(name, [("other", nil), ("alpha", .int(1))])) { a in
                if op == .power { try Self.checkIntegerPower(x, a["other"]) }
                _ = try a.double("alpha")               // a Number, as PyTorch's parser checks before anything
                let other = try scaledByAlpha(try a.operand("other"), a["alpha"])
                return .tensor(try TensorOps.binary(op, x, other))
            }
        }
        func compareMethod(_ op: CompareOperator) -> Value {
            method(Signature(name, [("other", nil)])) { a in .tensor(try TensorOps.compare(op, x, try a.operand("other"))) }
        }
        func inPlace(_ op: BinaryOperator) -> Value {
            // add_ and sub_ take alpha (x += alpha · other), as add and sub do
            let scaled = op == .add || op == .subtract
            return method(Signature(name, [("other", nil)] + (scaled ? [("alpha", .int(1))] : []))) { [self] a in
                var other = try a.operand("other")
                if scaled { _ = try a.double("alpha"); other = try scaledByAlpha(other, a["alpha"]) }
                return .tensor(try writeInPlace(x, try TensorOps.binary(op, x, other), "\(name)()"))
            }
        }
        func reduction(_ kind: TensorOps.Reduction) -> Value {
            method(Signature(name, [("dim", Value.none), ("keepdim", .bool(false)), ("dtype", Value.none)])) { a in
                // dtype=: the input is converted to it first, as PyTorch does
                let given = try Self.dtypeArgument(a), wanted = given ?? dt
                if kind == .mean, let given, given != .float32 {
                    throw LanguageFailure("mean(): could not infer output dtype. Optional dtype must be either a floating point or complex dtype. Got: \(given.scalarName)",
                                          as: .notImplementedError)
                }
                let input = wanted == dt ? x : TensorOps.converted(x, to: wanted)
                let result = try TensorOps.reduce(input, kind, dims: try a.dims("dim"), keepdim: try a.bool("keepdim"), name: name)
                // dtype= names the result's dtype too: a sum of bools as bool, a product in int32
                guard given != nil, TensorOps.dtype(result) != wanted else { return .tensor(result) }
                return .tensor(TensorOps.converted(result, to: wanted))
            }
        }
        func extreme(_ largest: Bool) -> Value {
            method(Signature(name, [("dim", Value.none), ("keepdim", .bool(false)), ("other", Value.none)])) { a in
                if case .tensor(let other) = a["other"] { return .tensor(try TensorOps.binaryMax(x, other, largest: largest)) }     // x.max(other=y)
                if case .tensor(let other) = a["dim"] {
                    return .tensor(try TensorOps.binaryMax(x, other, largest: largest))
                }
                guard let d = try a.optionalInt("dim") else {
                    try TensorOps.requireValues(x, what: "\(name)()")
                    let y = try GradMode.with(enabled: false) { try TensorOps.reduce(x, largest ? .amax : .amin, dims: nil, keepdim: false) }
                    guard TensorOps.dtype(y) == .float32 else { return .tensor(y) }
                    let recorded = TensorOpsGrad.extremum(x, y, target: [Int](repeating: 0, count: x.count), groups: 1,
                                                          label: largest ? "max" : "min", evenly: true)
                    recorded.gradNode?.displayName = largest ? "MaxBackward1" : "MinBackward1"
                    return .tensor(recorded)
                }
                let (v, i) = try TensorOps.extremes(x, dim: d, keepdim: try a.bool("keepdim"), largest: largest)
                return .object(NamedTuple(typeName: "torch.return_types.\(name)", names: ["values", "indices"], values: [.tensor(v), .tensor(i)]))
            }
        }
        func argExtreme(_ largest: Bool) -> Value {
            method(Signature(name, [("dim", Value.none), ("keepdim", .bool(false))])) { a in
                guard let d = try a.optionalInt("dim") else {
                    return .tensor(try TensorOps.flatArgExtreme(x, largest: largest, keepdim: try a.bool("keepdim")))
                }
                return .tensor(try TensorOps.extremes(x, dim: d, keepdim: try a.bool("keepdim"), largest: largest, name: name).1)
            }
        }
        func conversion(_ d: DType) -> Value { method(Signature(name)) { _ in .tensor(dt == d ? x : TensorOps.converted(x, to: d)) } }

        switch name {
        case "shape": return .size(x.shape)
        case "ndim": return .int(x.rank)
        case "dtype": return .object(Self.dtypeToken(dt))
        case "device": return .object(Self.device(x.isMeta ? "meta" : "cpu"))
        case "is_cuda": return .bool(false)
        case "is_meta": return .bool(x.isMeta)
        case "is_sparse", "is_quantized": return .bool(false)
        case "itemsize": return .int(dt.elementSize)
        case "nbytes": return .int(x.count * dt.elementSize)
        case "data":
            // PyTorch's x.data: the same storage, detached (no gradient, no history); its dtype too,
            // with a version counter of its own (a change through it is not seen by autograd)
            let data = Self.alias(x)
            data.versionCounter = VersionCounter()
            return .tensor(data)
        case "T":
            if x.rank > 2 {           // PyTorch reverses all the dims, and warns once (stderr)
                Self.warnOnce("UserWarning: The use of `x.T` on tensors of dimension other than 2 to reverse their shape is deprecated and it will throw an error in a future release. Consider `x.mT` to transpose batches of matrices or `x.permute(*torch.arange(x.ndim - 1, -1, -1))` to reverse the dimensions of a tensor.")
            }
            // a view even of a 0-d or 1-D tensor: PermuteBackward0, as PyTorch's x.T
            return .tensor(try TensorOps.permute(x, Array((0..<x.rank).reversed())))
        case "dim": return method(Signature("dim")) { _ in .int(x.rank) }
        case "is_floating_point": return method(Signature(name)) { _ in .bool(dt == .float32) }
        case "is_signed": return method(Signature(name)) { _ in .bool(dt != .bool) }
        case "mT":
            guard x.rank >= 2 else { throw LanguageFailure("tensor.mT is only supported on matrices or batches of matrices. Got \(x.rank)-D tensor.") }
            return .tensor(Self.named(try TensorOps.permute(x, Array(0..<(x.rank - 2)) + [x.rank - 1, x.rank - 2]), "TransposeBackward0"))
        case "argsort": return method(Signature("argsort", [("dim", .int(-1)), ("descending", .bool(false)), ("stable", .bool(false))])) { a in
            .tensor(try Self.sorted(x, a).indices)
        }
        case "numel", "nelement": return method(Signature(name)) { _ in .int(x.count) }
        case "size": return method(Signature("size", [("dim", Value.none)])) { a in
            guard let d = try a.optionalInt("dim") else { return .size(x.shape) }
            return .int(x.shape[try TensorOps.existingDim(d, rank: x.rank)])
        }
        case "sum": return reduction(.sum)
        case "mean": return reduction(.mean)
        case "prod": return reduction(.prod)
        case "amax": return reduction(.amax)
        case "amin": return reduction(.amin)
        case "all": return reduction(.all)
        case "any": return reduction(.any)
        case "std", "var": return method(Signature(name, [("dim", Value.none), ("unbiased", Value.none), ("keepdim", .bool(false)), ("correction", Value.none)])) { a in
            var correction = 1.0
            if case .bool(let unbiased) = a["unbiased"] { correction = unbiased ? 1 : 0 }
            // x.std(True): a lone bool is PyTorch's std(bool unbiased) form (the overloads let no other through)
            let lone: Bool? = { if case .bool(let b) = a["dim"] { return b }; return nil }()
            if let lone { correction = lone ? 1 : 0 }
            if let c = a["correction"].asDouble { correction = c }
            return .tensor(try TensorOps.reduce(x, name == "std" ? .std : .variance, dims: lone == nil ? try a.dims("dim") : nil,
                                                keepdim: try a.bool("keepdim"), correction: correction))
        }
        case "max": return extreme(true)
        case "min": return extreme(false)
        case "maximum", "minimum": return method(Signature(name, [("other", nil)])) { a in
            .tensor(try TensorOps.binaryMax(x, try a.operand("other"), largest: name == "maximum"))
        }
        case "argmax": return argExtreme(true)
        case "argmin": return argExtreme(false)
        case "softmax", "log_softmax": return method(Signature(name, [("dim", Value.none), ("dtype", Value.none)])) { a in
            guard let d = try a.optionalInt("dim") else {
                throw LanguageFailure("\(name)() needs dim: PyTorch's implicit choice is deprecated", fix: "write x.\(name)(dim=1) for (N, classes) scores")
            }
            return .tensor(try TensorOps.softmax(x, dim: d, log: name == "log_softmax"))
        }
        case "item": return method(Signature("item")) { _ in
            guard x.count == 1 else {
                throw LanguageFailure("a Tensor with \(x.count) elements cannot be converted to Scalar", fix: "index one value first, e.g. x[0].item(), or use x.tolist()")
            }
            try TensorOps.requireValues(x, what: "item()")
            return Self.pythonScalar(x, 0)
        }
        case "tolist": return method(Signature("tolist")) { _ in
            try TensorOps.requireValues(x, what: "tolist()")
            return Self.tolist(x)
        }
        case "float": return conversion(.float32)
        case "long": return conversion(.int64)
        case "bool": return conversion(.bool)
        case "double", "half":
            return method(Signature(name)) { _ in
                throw LanguageFailure("tensors here are float32 only; .\(name)() would change the precision", fix: "keep float32: use .float()")
            }
        case "int": return conversion(.int32)
        case "bfloat16", "short", "char", "byte":
            // torch.bfloat16, int16, int8 and uint8: dtypes tensors here cannot have
            return method(Signature(name)) { _ in
                throw LanguageFailure("tensors here are float32, int64, int32 or bool; .\(name)() is not supported", fix: "use .float(), .long() or .int()")
            }
        case "type": return method(Signature("type", [("dtype", Value.none)])) { a in
            if !a["dtype"].isNone {
                let d = try Self.legacyTypeArgument(a["dtype"])
                return .tensor(d == dt ? x : TensorOps.converted(x, to: d))
            }
            return .string(dt.legacyTypeName)
        }
        case "to": return .builtin(Builtin("to") { _, arguments in
            // to(dtype), to(device, dtype), to(other): other's dtype; then non_blocking and copy
            // (positional bools in that order, or by name): copy=True gives a new tensor always
            var target = dt, copy = false, flags = 0
            for (name, v) in arguments.positional.map({ (String?.none, $0) }) + arguments.keywords.map({ (Optional($0.name), $0.value) }) {
                switch v {
                case .object(let o as TorchToken) where o.typeName == "torch.dtype":
                    target = try Self.dtypeArgument(v) ?? .float32     // refuses float64, int32, …
                case .object(let o as TorchToken) where o.typeName == "torch.device":
                    try Self.requireCPU(o.text)
                case .string(let s): try Self.requireCPU(s)
                case .tensor(let other): target = TensorKinds.shared.dtype(other)
                case .builtin(let b) where ["int", "float", "bool"].contains(b.name): target = try Self.dtypeArgument(v) ?? dt     // Python's types
                case .bool(let b):
                    if name == "copy" || (name == nil && flags == 1) { copy = b }
                    if name == nil { flags += 1 }
                default: throw LanguageFailure("to() takes a device or a dtype, got \(v.typeName) \(v.repr)")
                }
            }
            return .tensor(target == dt && !copy ? x : TensorOps.converted(x, to: target))
        })
        case "cpu": return method(Signature(name, [("memory_format", Value.none)])) { _ in .tensor(x) }
        case "contiguous": return method(Signature(name, [("memory_format", Value.none)])) { _ in
            // x itself when its elements are in row-major order, else a copy of its own
            guard let l = TensorKinds.shared.layout(of: x), !l.isContiguous(x.shape) else { return .tensor(x) }
            return .tensor(Self.cloned(x))
        }
        case "stride": return method(Signature(name, [("dim", Value.none)])) { a in
            let strides = try Self.knownLayout(x, "stride()").strides
            guard let d = try a.optionalInt("dim") else { return .tuple(strides.map { .int($0) }) }
            return .int(strides[try TensorOps.existingDim(d, rank: x.rank)])
        }
        case "is_contiguous": return method(Signature(name, [("memory_format", Value.none)])) { _ in
            .bool(try Self.knownLayout(x, "is_contiguous()").isContiguous(x.shape))
        }
        case "storage_offset": return method(Signature(name)) { _ in .int(try Self.knownLayout(x, "storage_offset()").offset) }
        case "data_ptr": return method(Signature(name)) { _ in
            // the address of x's first element in the storage it shares with its base (a view, x.data,
            // x.detach()): equal for tensors that start at the same place, as PyTorch's
            let root = TensorKinds.shared.base(of: x) ?? x
            let offset = try Self.knownLayout(x, "data_ptr()").offset
            return .int(Int(bitPattern: UnsafeRawPointer(root.data)) + offset * dt.elementSize)
        }
        case "cuda": return method(Signature("cuda")) { _ in try Self.requireCPU("cuda"); return .tensor(x) }
        case "numpy": return method(Signature("numpy")) { _ in
            throw LanguageFailure("there is no NumPy here", fix: "use x.tolist() for the numbers, or torch.save(x, \"x.npy\") to write a .npy file")
        }
        case "reshape", "view": return Self.builtin(Signature(name, [], variadic: name == "view" ? "size" : "shape")) { _, a in
            .tensor(try Self.reshaped(x, try Self.sizes(a, count: x.count), name == "view" ? .view : .reshape))
        }
        case "view_as", "reshape_as": return method(Signature(name, [("other", nil)])) { a in
            let shape = try a.tensor("other").shape
            // view(other.size())'s check and message, before any view is made
            guard shape.reduce(1, *) == x.count else {
                throw LanguageFailure("shape '[\(shape.map(String.init).joined(separator: ", "))]' is invalid for input of size \(x.count)")
            }
            return .tensor(try Self.reshaped(x, shape, name == "view_as" ? .view : .reshape))
        }
        case "flatten": return method(Signature("flatten", [("start_dim", .int(0)), ("end_dim", .int(-1))])) { a in
            if x.rank == 0 { return .tensor(try Self.reshaped(x, [1])) }
            let s = try TensorOps.dim(try a.int("start_dim"), rank: x.rank), e = try TensorOps.dim(try a.int("end_dim"), rank: x.rank)
            guard s <= e else { throw LanguageFailure("flatten() has invalid args: start_dim cannot come after end_dim") }
            if s == e { return .tensor(x) }          // nothing to flatten: the tensor itself, as ATen returns it
            let shape = Array(x.shape[..<s]) + [x.shape[s...e].reduce(1, *)] + Array(x.shape[(e + 1)...])
            return .tensor(try Self.reshaped(x, shape))
        }
        case "unflatten": return method(Signature("unflatten", [("dim", nil), ("sizes", nil)])) { a in
            // dim d becomes `sizes` (one of them may be -1), as a view
            if x.rank == 0, (-1...0).contains(try a.int("dim")) {
                throw LanguageFailure("unflatten got an unexpected error:\nDimension specified as 0 but tensor has no dimensions")
            }
            let d = try TensorOps.dim(try a.int("dim"), rank: x.rank)
            guard let items = a["sizes"].sequenceItems(), !items.isEmpty else {
                throw LanguageFailure("unflatten: sizes must be non-empty")
            }
            let wanted = try items.map { v -> Int in
                guard case .int(let n) = v else { throw LanguageFailure("unflatten(): sizes must be ints, got \(v.repr)") }
                return n
            }
            guard wanted.filter({ $0 == -1 }).count <= 1 else { throw LanguageFailure("unflatten got an unexpected error:\nonly one dimension can be inferred") }
            let known = wanted.filter { $0 != -1 }.reduce(1, *)
            guard wanted.contains(-1) ? known != 0 && x.shape[d] % known == 0 : known == x.shape[d] else {
                throw LanguageFailure("unflatten: Provided sizes \(wanted) don't multiply up to the size of dim \(d) (\(x.shape[d])) in the input tensor")
            }
            let sizes = wanted.map { $0 == -1 ? x.shape[d] / known : $0 }
            return .tensor(try Self.reshaped(x, Array(x.shape[..<d]) + sizes + Array(x.shape[(d + 1)...])))
        }
        case "unsqueeze": return method(Signature("unsqueeze", [("dim", nil)])) { a in
            let d = try TensorOps.dim(try a.int("dim"), rank: x.rank + 1)
            var shape = x.shape
            shape.insert(1, at: d)
            return .tensor(Self.named(try Self.reshaped(x, shape, .layout(TensorKinds.shared.layout(of: x)?.unsqueezed(at: d, of: x.shape))), "UnsqueezeBackward0", unless: x))
        }
        case "squeeze": return method(Signature("squeeze", [("dim", Value.none)])) { a in
            let drop: Set<Int>
            // PyTorch's SqueezeBackward0 for every dim, 1 for one dim, 2 for a tuple of them
            let gradName = a["dim"].isNone ? "SqueezeBackward0" : a["dim"].asInt != nil ? "SqueezeBackward1" : "SqueezeBackward2"
            if let ds = try a.dims("dim") {
                let wrapped = try ds.map { try TensorOps.dim($0, rank: x.rank) }
                if let twice = wrapped.enumerated().first(where: { wrapped[..<$0.offset].contains($0.element) })?.element {
                    throw LanguageFailure("dim \(twice) appears multiple times in the list of dims")
                }
                drop = Set(wrapped.filter { x.rank > 0 && x.shape[$0] == 1 })
            } else {
                drop = Set(x.shape.indices.filter { x.shape[$0] == 1 })
            }
            return .tensor(Self.named(try Self.reshaped(x, x.shape.enumerated().filter { !drop.contains($0.offset) }.map(\.element),
                                                        .layout(TensorKinds.shared.layout(of: x)?.squeezed(drop))), gradName, unless: x))
        }
        case "permute": return Self.builtin(Signature("permute", [], variadic: "dims")) { _, a in
            .tensor(try TensorOps.permute(x, try a.intList("dims")))
        }
        case "transpose": return method(Signature("transpose", [("dim0", nil), ("dim1", nil)])) { a in
            var order = Array(0..<x.rank)
            order.swapAt(try TensorOps.dim(try a.int("dim0"), rank: x.rank), try TensorOps.dim(try a.int("dim1"), rank: x.rank))
            return .tensor(Self.named(try TensorOps.permute(x, order), "TransposeBackward0", unless: x))
        }
        case "t": return method(Signature("t")) { _ in
            guard x.rank <= 2 else { throw LanguageFailure("t() expects a tensor with <= 2 dimensions, but self is \(x.rank)D") }
            let y = try TensorOps.permute(x, Array((0..<x.rank).reversed()))     // a view even below 2-D
            y.gradNode?.displayName = "TBackward0"
            return .tensor(y)
        }
        case "flip": return Self.builtin(Signature("flip", [], variadic: "dims")) { _, a in
            .tensor(try TensorOps.flip(x, try a.intList("dims")))
        }
        case "expand", "expand_as", "repeat": return Self.builtin(Signature(name, [], variadic: name == "repeat" ? "repeats" : "size")) { _, a in
            var sizes: [Int]
            if name == "expand_as" {
                guard case .tensor(let o)? = a.rest.first else { throw LanguageFailure("expand_as() takes a tensor") }
                sizes = o.shape
            } else {
                sizes = try a.intList(name == "repeat" ? "repeats" : "size")
            }
            if name == "repeat" {
                guard sizes.count >= x.rank else {
                    throw LanguageFailure("Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor")
                }
                let padded = Array(repeating: 1, count: sizes.count - x.rank) + x.shape
                if sizes.contains(where: { $0 < 0 }) {
                    // PyTorch names the first negative size of the result (each dim times its repeat)
                    let result = zip(padded, sizes).map { $0.multipliedReportingOverflow(by: $1).partialValue }
                    throw LanguageFailure("Trying to create tensor with negative dimension \(result.first { $0 < 0 } ?? sizes.first { $0 < 0 }!): \(result)")
                }
                let shape = try zip(padded, sizes).map { own, times in
                    let r = own.multipliedReportingOverflow(by: times)
                    guard !r.overflow else { throw MemoryBudgetError("integer overflow: repeat\(sizes) of a \(formatShape(x.shape)) tensor has more than 2^63 values") }
                    return r.partialValue
                }
                try MemoryBudget.check(shape: shape, what: "repeat()")
                let st = TensorOps.strides(padded), outStrides = TensorOps.strides(shape)
                let out = TensorOps.make(shape, dt) { p in
                    for i in 0..<shape.reduce(1, *) {
                        var rem = i, src = 0
                        for k in 0..<shape.count { let c = rem / outStrides[k]; rem %= outStrides[k]; src += (c % padded[k]) * st[k] }
                        p[i] = x.data[src]
                    }
                }
                guard dt == .float32 else { return .tensor(out) }
                // backward: each tile's gradient summed back as PyTorch's repeat_backward sums it
                // (the new leading dims one at a time, then every (repeat, size) split dim at once)
                let lead = sizes.count - x.rank
                return .tensor(Autograd.record(out, "repeat", inputs: [x]) { gy in
                    let g = Tensor(zeros: x.shape)
                    guard gy.count > 0, x.count > 0 else { return [g] }
                    var (data, shape) = (Array(UnsafeBufferPointer(start: gy.data, count: gy.count)), gy.shape)
                    for _ in 0..<lead {
                        data = data.withUnsafeBufferPointer { CascadeSum.sum($0.baseAddress!, shape: shape, reduced: [0]) }
                        shape.removeFirst()
                    }
                    var split: [Int] = [], tiles = Set<Int>()
                    for (k, own) in x.shape.enumerated() {
                        if sizes[lead + k] != 1 { split.append(sizes[lead + k]); tiles.insert(split.count - 1) }
                        split.append(own)
                    }
                    let sums = data.withUnsafeBufferPointer { CascadeSum.sum($0.baseAddress!, shape: split, reduced: tiles) }
                    g.data.update(from: sums, count: min(sums.count, g.count))
                    return [g]
                })
            }
            guard sizes.count >= x.rank else {
                throw LanguageFailure("expand(\(dt.legacyTypeName){\(x.shape)}, size=\(sizes)): the number of sizes provided (\(sizes.count)) must be greater or equal to the number of dimensions in the tensor (\(x.rank))")
            }
            for (i, want) in sizes.enumerated() where want < 0 && (want != -1 || i < sizes.count - x.rank) {
                let leading = i < sizes.count - x.rank
                if want == -1 { throw LanguageFailure("The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension \(i)") }
                if !leading, x.shape[i - (sizes.count - x.rank)] != 1 { throw LanguageFailure(Self.expandedSizeMessage(x.shape, to: sizes)) }
                throw LanguageFailure("expand(): negative size \(want) in \(sizes)")
            }
            let target = zip(Array(repeating: -1, count: max(sizes.count - x.rank, 0)) + x.shape, sizes).map { own, want in want == -1 ? own : want }
            let shape: [Int]
            do { shape = try TensorOps.broadcastShape(x.shape, target) } catch let e as LanguageFailure {
                throw LanguageFailure(Self.expandedSizeMessage(x.shape, to: target, written: sizes), fix: e.fix)      // not a memory budget's refusal
            }
            guard shape == target else { throw LanguageFailure(Self.expandedSizeMessage(x.shape, to: target, written: sizes)) }
            var out = TensorOps.make(shape, values: TensorOps.expand(x, to: shape), dt)
            if dt == .float32 {
                // backward: the gradient summed over the expanded dims (ExpandBackward0)
                out = TensorOpsGrad.gather(out, from: x, offsets: TensorOps.offsets(shape, TensorOps.broadcastStrides(x.shape, to: shape)), label: "expand")
            }
            return .tensor(TensorKinds.shared.markView(out, of: x, layout: TensorKinds.shared.layout(of: x)?.expanded(from: x.shape, to: shape)))
        }
        case "clone": return method(Signature("clone", [("memory_format", Value.none)])) { _ in .tensor(Self.cloned(x)) }
        case "abs": return unary({ abs($0) }, float: false) { v, _ in v > 0 ? 1 : v < 0 ? -1 : 0 }
        case "neg": return unary({ -$0 }, float: false) { _, _ in -1 }
        case "sign": return unary({ $0 > 0 ? 1 : $0 < 0 ? -1 : 0 }, float: false, masked: true) { _, _ in 0 }
        case "square":
            // x ** 2: a bool tensor's square is int64, as PyTorch promotes it
            if dt == .bool { return method(Signature(name)) { _ in .tensor(TensorOps.map(x, .int64) { $0 * $0 }) } }
            return unary({ $0 * $0 }, float: false) { v, _ in 2 * v }
        case "exp": return unary({ Float(Foundation.exp(Double($0))) }) { _, y in y }
        case "log": return unary({ Float(Foundation.log(Double($0))) }) { v, _ in 1 / v }
        case "log1p": return unary({ Float(Foundation.log1p(Double($0))) }) { v, _ in 1 / (v + 1) }
        case "log2": return unary({ Float(Foundation.log2(Double($0))) }) { v, _ in 1 / (v * Float(M_LN2)) }
        case "log10": return unary({ Float(Foundation.log10(Double($0))) }) { v, _ in 1 / (v * Float(M_LN10)) }
        case "expm1": return unary({ Float(Foundation.expm1(Double($0))) }) { _, y in y + 1 }
        case "sqrt": return unary({ $0.squareRoot() }) { _, y in 1 / (2 * y) }
        case "sigmoid": return unary({ Float(1 / (1 + Foundation.exp(-Double($0)))) }) { _, y in y * (1 - y) }
        case "tanh": return unary({ Float(Foundation.tanh(Double($0))) }) { _, y in 1 - y * y }
        case "sin": return unary({ Float(Foundation.sin(Double($0))) }) { v, _ in Float(Foundation.cos(Double(v))) }
        case "cos": return unary({ Float(Foundation.cos(Double($0))) }) { v, _ in -Float(Foundation.sin(Double(v))) }
        case "rsqrt": return unary({ 1 / $0.squareRoot() }) { _, y in -0.5 * y * y * y }
        case "reciprocal": return unary({ 1 / $0 }) { _, y in -y * y }
        case "erf": return unary({ Float(Foundation.erf(Double($0))) }) { v, _ in Float(2 / Double.pi.squareRoot() * Foundation.exp(-Double(v) * Double(v))) }
        case "erfc": return unary({ Float(Foundation.erfc(Double($0))) }) { v, _ in Float(-2 / Double.pi.squareRoot() * Foundation.exp(-Double(v) * Double(v))) }
        // lgamma′ = digamma, digamma′ = trigamma (GammaFunctions)
        case "lgamma": return unary({ Float(Foundation.lgamma(Double($0))) }) { v, _ in Float(GammaFunctions.digamma(Double(v))) }
        case "digamma": return unary({ Float(GammaFunctions.digamma(Double($0))) }) { v, _ in Float(GammaFunctions.trigamma(Double(v))) }
        case "polygamma":
            return method(Signature("polygamma", [("n", nil)])) { [unowned self] a in
                let n = try a.int("n")
                guard n >= 0 else { throw LanguageFailure("polygamma(n, x) does not support negative n.") }
                guard n <= 1 else { throw LanguageFailure("polygamma(n, x) for n ≥ 2 is not supported here", fix: "n = 0 (digamma) and n = 1 (trigamma) are") }
                if n == 0 { return try callBack(try getAttribute(.tensor(x), "digamma"), Arguments()) }
                guard !x.requiresGrad || !GradMode.isEnabled else {
                    throw LanguageFailure("the backward of polygamma(1, x) is not supported here", fix: "compute it under torch.no_grad()")
                }
                return .tensor(TensorOps.map(x, .float32) { Float(GammaFunctions.trigamma(Double($0))) })
            }
        case "erfinv": return unary({ Float(Self.inverseErf(Double($0))) }) { _, y in Float(Double.pi.squareRoot() / 2 * Foundation.exp(Double(y) * Double(y))) }
        case "exp2": return unary({ Float(Foundation.exp2(Double($0))) }) { _, y in y * Float(M_LN2) }
        case "sinc": return unary({ v in
            // in float, as PyTorch's kernel: sin(πx) / (πx) with πx rounded to float, π rounded to nearest (Swift's Float.pi is rounded down) (1 at 0)
            guard v != 0 else { return 1 }
            let product = Float(Double.pi) * v
            return Foundation.sin(product) / product
        }) { v, _ in
            // (πx·cos(πx) − sin(πx)) / (πx·x), 0 at 0, in float
            guard v != 0 else { return 0 }
            let product = Float(Double.pi) * v
            return (product * Foundation.cos(product) - Foundation.sin(product)) / (product * v)
        }
        case "logit": return method(Signature("logit", [("eps", Value.none)])) { a in
            // log(z / (1 − z)), z = x clamped to [eps, 1 − eps] when eps is given (gradient 0 outside)
            let eps = a["eps"].isNone ? nil : try a.double("eps")
            let clamp = { (v: Float) -> Float in eps.map { Swift.min(Swift.max(v, Float($0)), Float(1 - $0)) } ?? v }
            let y = TensorOps.map(x, .float32) { v in let z = Double(clamp(v)); return Float(Foundation.log(z / (1 - z))) }
            guard TensorOps.dtype(y) == .float32 else { return .tensor(y) }
            // logit_backward: with eps, +0 outside [eps, 1 − eps]; without, NaN outside [0, 1]
            return .tensor(TensorOpsGrad.unary(x, y, "logit", masked: eps != nil) { v, _ in
                if let eps, v < Float(eps) || v > Float(1 - eps) { return 0 }
                if eps == nil, v < 0 || v > 1 { return .nan }
                return 1 / (v * (1 - v))
            })
        }
        case "floor": return unary({ $0.rounded(.down) }, float: false, masked: true) { _, _ in 0 }
        case "ceil": return unary({ $0.rounded(.up) }, float: false, masked: true) { _, _ in 0 }
        case "relu": return method(Signature("relu")) { _ in
            .tensor(TensorOpsGrad.unary(x, TensorOps.map(x, dt) { max($0, 0) }, "relu", masked: true) { _, y in y <= 0 ? 0 : 1 })
        }
        case "round": return method(Signature("round", [("decimals", Value.none)])) { a in
            // ATen's round with decimals: nearbyint(x·10^d)/10^d, or nearbyint(x/10^−d)·10^−d for d < 0;
            // its gradient is zero (RoundBackward1; RoundBackward0 without decimals)
            guard let decimals = try a.optionalInt("decimals") else {
                let y = TensorOps.map(x, dt) { $0.rounded(.toNearestOrEven) }
                return .tensor(dt == .float32 ? TensorOpsGrad.unary(x, y, "round", masked: true) { _, _ in 0 } : y)
            }
            guard dt == .float32 else {
                throw LanguageFailure("\"\(decimals == 0 ? "round_vml_cpu" : "round_cpu")\" not implemented for '\(dt.scalarName)'", as: .notImplementedError)
            }
            let power = Float(Foundation.pow(10, Double(abs(decimals))))
            let y = TensorOps.map(x) { decimals < 0 ? ($0 / power).rounded(.toNearestOrEven) * power : ($0 * power).rounded(.toNearestOrEven) / power }
            return .tensor(TensorOpsGrad.unary(x, y, "round_decimals", masked: true) { _, _ in 0 })
        }
        case "clamp", "clip": return method(Signature(name, [("min", Value.none), ("max", Value.none)])) { a in
            // a bound is a number, a tensor or None (clamp's forms in PyTorch)
            for bound in [a["min"], a["max"]] where !(bound.isNone || isNumber(bound) || bound.asTensor != nil) {
                throw TorchArgumentErrors.invalidCombination(name, a.call)
            }
            if a["min"].asTensor != nil || a["max"].asTensor != nil {
                // tensor bounds, broadcast: max(x, min) then min(·, max), a NaN anywhere staying NaN
                // (the gradient as maximum's and minimum's: PyTorch 2.15 halves it where x meets a bound)
                var y = x
                if !a["min"].isNone { y = try TensorOps.binaryMax(y, try a.operand("min"), largest: true) }
                if !a["max"].isNone { y = try TensorOps.binaryMax(y, try a.operand("max"), largest: false) }
                y.gradNode?.displayName = "ClampBackward0"
                return .tensor(y)
            }
            let lo = a["min"].asDouble.map(Float.init), hi = a["max"].asDouble.map(Float.init)
            guard lo != nil || hi != nil else { throw LanguageFailure("torch.clamp: At least one of 'min' or 'max' must not be None") }
            let floatBound = TensorOps.isFloatValue(a["min"]) || TensorOps.isFloatValue(a["max"])
            // a bool tensor clamped by numbers is promoted with them: int64, or float32 by a float bound;
            // a NaN bound makes every value NaN, as ATen's clamp propagates it
            let y = TensorOps.map(x, floatBound ? .float32 : dt == .bool ? .int64 : dt) { v in
                var r = v
                if let lo { r = lo.isNaN ? lo : max(r, lo) }
                if let hi { r = hi.isNaN ? hi : min(r, hi) }
                return r
            }
            // The gradient passes where min < x < max (PyTorch 2.15: 0 on the bounds themselves).
            return .tensor(TensorOpsGrad.unary(x, y, "clamp", masked: true) { v, _ in (lo.map { v > $0 } ?? true) && (hi.map { v < $0 } ?? true) ? 1 : 0 })
        }
        case "pow": return binaryMethod(.power)
        case "add": return binaryMethod(.add)
        case "sub": return binaryMethod(.subtract)
        case "mul": return binaryMethod(.multiply)
        case "div", "divide", "true_divide": return method(Signature(name, [("other", nil)] + (name == "true_divide" ? [] : [("rounding_mode", Value.none)]))) { a in
            .tensor(try Self.divided(x, try a.operand("other"), roundingMode: a["rounding_mode"]))
        }
        case "floor_divide": return binaryMethod(.floorDivide)
        case "remainder": return method(Signature(name, [("other", nil)])) { a in .tensor(try TensorOps.binary(.remainder, x, try a.operand("other"))) }
        case "fmod": return method(Signature(name, [("other", nil)])) { a in .tensor(try Self.fmod(x, try a.operand("other"))) }
        case "matmul": return method(Signature(name, [("other", nil)])) { a in .tensor(try TensorOps.binary(.matmul, x, try a.tensor("other"))) }
        case "bmm": return method(Signature("bmm", [("mat2", nil)])) { a in
            let other = try a.tensor("mat2")
            guard x.rank == 3 else { throw LanguageFailure("batch1 must be a 3D tensor") }
            guard other.rank == 3 else { throw LanguageFailure("batch2 must be a 3D tensor") }
            guard other.shape[0] == x.shape[0], other.shape[1] == x.shape[2] else {
                throw LanguageFailure("Expected size for first two dimensions of batch2 tensor to be: [\(x.shape[0]), \(x.shape[2])] but got: [\(other.shape[0]), \(other.shape[1])].")
            }
            return .tensor(Self.named(try TensorOps.matmul(x, other), "BmmBackward0"))
        }
        case "eq": return compareMethod(.equal)
        case "ne": return compareMethod(.notEqual)
        case "lt": return compareMethod(.less)
        case "le": return compareMethod(.lessEqual)
        case "gt": return compareMethod(.greater)
        case "ge": return compareMethod(.greaterEqual)
        case "equal": return method(Signature("equal", [("other", nil)])) { a in
            let o = try a.tensor("other")
            return .bool(o.shape == x.shape && (0..<x.count).allSatisfy { x.data[$0] == o.data[$0] })
        }
        case "allclose": return method(Signature("allclose", [("other", nil), ("rtol", .float(1e-5)), ("atol", .float(1e-8)), ("equal_nan", .bool(false))])) { a in
            .bool(try TensorMath.allClose(x, try a.tensor("other"), rtol: try a.double("rtol"), atol: try a.double("atol"), equalNaN: try a.bool("equal_nan")))
        }
        case "add_": return inPlace(.add)
        case "sub_": return inPlace(.subtract)
        case "mul_": return inPlace(.multiply)
        case "div_": return method(Signature("div_", [("other", nil), ("rounding_mode", Value.none)])) { [self] a in
            .tensor(try writeInPlace(x, try Self.divided(x, try a.operand("other"), roundingMode: a["rounding_mode"]), "div_()"))
        }
        case "fill_": return method(Signature("fill_", [("value", nil)])) { [self] a in
            let v = try a.operand("value")
            if case .tensor = a["value"], v.rank != 0 {
                throw LanguageFailure("fill_ only supports 0-dimension value tensor but got tensor with \(v.rank) dimensions.")
            }
            let filled = try GradMode.with(enabled: false) { try TensorOps.binary(.add, Tensor(zeros: x.shape), v, xDType: dt, yDType: dt) }
            // recorded as PyTorch's FillBackward: no gradient to x as it was, the sum of gy to a value that wants one
            let label = a["value"].asTensor == nil ? "fill_" : "fill_tensor"
            let recorded = { (before: Tensor) in
                Autograd.record(filled, label, inputs: [before, v]) { [shape = v.shape] gy in
                    [Tensor(zeros: gy.shape), try Tensor(shape: shape, values: [Float](repeating: Float(try TensorMath.sum(gy)), count: shape.reduce(1, *)))]
                }
            }
            guard GradMode.isEnabled, x.requiresGrad, dt == .float32 else { return .tensor(try writeInPlace(x, recorded(x), "fill_()")) }
            return .tensor(try applyInPlace(x, "fill_()", recorded))
        }
        case "relu_": return method(Signature("relu_")) { [self] _ in
            .tensor(try writeInPlace(x, TensorOps.dtype(x) == .float32 ? Autograd.relu(x) : TensorOps.map(x) { max($0, 0) }, "relu_()"))
        }
        case "copy_": return method(Signature("copy_", [("other", nil), ("non_blocking", .bool(false))])) { [self] a in
            // a number is copied as the 0-d tensor of it, in x's dtype (PyTorch's parser takes one)
            let src = try a["other"].asTensor == nil ? Self.scalarTensor(a["other"]).map { TensorOps.converted($0, to: dt) } ?? a.tensor("other") : a.tensor("other")
            // The source must broadcast to the destination's own shape (it was read with its
            // own shape into the destination: 12 values written into a 3×1 weight).
            guard try TensorOps.broadcastShape(x.shape, src.shape) == x.shape else {
                throw LanguageFailure("copy_(): the source's shape \(formatShape(src.shape)) does not broadcast to the destination's shape \(formatShape(x.shape))")
            }
            var shaped = TensorOps.make(x.shape, values: TensorOps.expand(src, to: x.shape), dt)
            if dt == .float32, TensorOps.dtype(src) == .float32 {
                // recorded when src wants a gradient: each element's gradient back to the src element it came from (CopyBackwards)
                shaped = TensorOpsGrad.gather(shaped, from: src, offsets: TensorOps.offsets(x.shape, TensorOps.broadcastStrides(src.shape, to: x.shape)), label: "copy")
            }
            return .tensor(try writeInPlace(x, shaped, "copy_()"))
        }
        case "normal_", "uniform_":
            // normal_(mean=0, std=1, *, generator=None), uniform_(from=0, to=1, *, generator=None)
            let (first, second) = name == "normal_" ? ("mean", "std") : ("from", "to")
            return method(Signature(name, [(first, .float(0)), (second, .float(1)), ("generator", Value.none)])) { [self] a in
            let (p, q) = (try a.double(first), try a.double(second))
            try Self.requireFloatDraw(TensorOps.dtype(x), normal: name == "normal_")
            return .tensor(try overwriteInPlace(x, "\(name)()", label: name) { out in
                try Self.drawing(from: a["generator"], name) { generator in
                    if name == "normal_" { generator.fillNormal(out.data, count: out.count, mean: p, std: q) }
                    else { generator.fillUniform(out.data, count: out.count, from: p, to: q) }
                }
            })
        }
        case "bernoulli_":
            // bernoulli_(p=0.5, *, generator=None): each element 1 with probability p (a float, or
            // a tensor broadcast to x's shape), drawn as torch.bernoulli draws; x keeps its dtype
            return method(Signature("bernoulli_", [("p", .float(0.5)), ("generator", Value.none)])) { [self] a in
            let drawn = try Self.bernoulliDraws(shape: x.shape, probability: a["p"], generator: a["generator"])
            return .tensor(try overwriteInPlace(x, "bernoulli_()", label: name) { out in out.data.update(from: drawn.data, count: out.count) })
        }
        case "bernoulli":
            // bernoulli(p=None, *, generator=None): x's elements as the probabilities, or p for all
            return method(Signature("bernoulli", [("p", Value.none), ("generator", Value.none)])) { a in
            .tensor(try Self.bernoulliDraws(shape: x.shape, probability: a["p"].isNone ? .tensor(x) : a["p"], generator: a["generator"]))
        }
        case "masked_fill": return method(Signature("masked_fill", [("mask", nil), ("value", nil)])) { a in
            guard case .tensor(let mask) = a["mask"] else { throw TorchArgumentErrors.invalidCombination(name, a.call) }
            guard kinds.dtype(mask) == .bool else {
                throw LanguageFailure("masked_fill_ only supports boolean masks, but got mask with dtype \(Interpreter.cppTypeName(kinds.dtype(mask)))",
                                      fix: "pass a comparison (x > 0) or mask.bool()")
            }
            let v = try a.operand("value")
            if case .tensor = a["value"], v.rank != 0 {
                throw LanguageFailure("masked_fill_ only supports a 0-dimensional value tensor, but got tensor with \(v.rank) dimension(s).")
            }
            // the result has the shape x and the mask broadcast to (x.masked_fill(mask) may be larger than x)
            let shape = try TensorOps.broadcastShape(mask.shape, x.shape)
            if x.isMeta || mask.isMeta { return .tensor(kinds.setDType(Tensor(meta: shape), dt)) }     // a shape-only run (output_shape)
            let m = TensorOps.expand(mask, to: shape), source = TensorOps.expand(x, to: shape)
            let fill = v.data[0]
            let out = TensorOps.make(shape, dt) { p in for i in 0..<source.count { p[i] = m[i] != 0 ? fill : source[i] } }
            // backward: the gradient passes where the mask is false, 0 where the value was written,
            // summed back over the dims x was broadcast along
            return .tensor(Autograd.record(out, "masked_fill", inputs: [x]) { gy in
                let g = TensorOps.make(shape) { g in for i in 0..<gy.count { g[i] = m[i] != 0 ? 0 : gy.data[i] } }
                return [shape == x.shape ? g : TensorOpsGrad.summed(g, to: x.shape)]
            })
        }
        case "topk": return method(Signature("topk", [("k", nil), ("dim", .int(-1)), ("largest", .bool(true)), ("sorted", .bool(true))])) { a in
            let (v, i) = try TensorOps.topk(x, k: try a.int("k"), dim: try a.int("dim"), largest: try a.bool("largest"), sorted: try a.bool("sorted"), ties: .topk)
            return .object(NamedTuple(typeName: "torch.return_types.topk", names: ["values", "indices"],
                                      values: [.tensor(Self.gradientAlong(v, from: x, indices: i, dim: try a.int("dim"), label: "topk")), .tensor(i)]))
        }
        case "cumsum": return method(Signature("cumsum", [("dim", nil), ("dtype", Value.none)])) { a in
            // running sums along dim, in double as PyTorch's CPU kernel adds; ints and bools give int64
            let d = try TensorOps.dim(try a.int("dim"), rank: max(x.rank, 1))
            let dtype = try Self.dtypeArgument(a) ?? (TensorOps.dtype(x) == .float32 ? .float32 : .int64)
            if x.isMeta { return .tensor(TensorKinds.shared.setDType(Tensor(meta: x.shape), dtype)) }
            let length = x.rank == 0 ? 1 : x.shape[d]
            let inner = x.rank == 0 ? 1 : x.shape[(d + 1)...].reduce(1, *)
            let outer = x.count / max(length * inner, 1)
            let out = TensorKinds.shared.setDType(TensorOps.make(x.shape) { p in
                for o in 0..<outer {
                    for i in 0..<inner {
                        var sum = 0.0
                        for j in 0..<length {
                            let at = (o * length + j) * inner + i
                            sum += Double(x.data[at])
                            p[at] = Float(sum)
                        }
                    }
                }
            }, dtype)
            guard dtype == .float32, TensorOps.dtype(x) == .float32 else { return .tensor(out) }
            // backward: the gradient summed from each position to the end (CumsumBackward0)
            return .tensor(Autograd.record(out, "cumsum", inputs: [x]) { g in
                let gx = Tensor(zeros: x.shape)
                for o in 0..<outer {
                    for i in 0..<inner {
                        var sum = 0.0          // in double, as the cumsum kernel PyTorch's backward runs on the flipped gradient
                        for j in stride(from: length - 1, through: 0, by: -1) {
                            let at = (o * length + j) * inner + i
                            sum += Double(g.data[at])
                            gx.data[at] = Float(sum)
                        }
                    }
                }
                return [gx]
            })
        }
        case "sort": return method(Signature("sort", [("dim", .int(-1)), ("descending", .bool(false)), ("stable", .bool(false))])) { a in
            let (v, i) = try Self.sorted(x, a)
            return .object(NamedTuple(typeName: "torch.return_types.sort", names: ["values", "indices"],
                                      values: [.tensor(Self.gradientAlong(v, from: x, indices: i, dim: try a.int("dim"), label: "sort")), .tensor(i)]))
        }
        case "chunk", "split": return method(Signature(name, [(name == "chunk" ? "chunks" : "split_size_or_sections", nil), ("dim", .int(0))])) { a in
            guard x.rank > 0 else { throw LanguageFailure("\(name) expects at least a 1-dimensional tensor") }
            let d = try TensorOps.dim(try a.int("dim"), rank: x.rank)
            let n = x.shape[d]
            // the pieces' sizes along dim: equal ones (the last may be short), or split's list of sections
            var sizes: [Int]
            if name == "split", let sections = a["split_size_or_sections"].sequenceItems() {
                sizes = try sections.map { v in
                    guard case .int(let s) = v, s >= 0 else { throw LanguageFailure("split(): sections must be ints ≥ 0, got \(v.repr)") }
                    return s
                }
                guard sizes.reduce(0, +) == n else {
                    throw LanguageFailure("split_with_sizes expects split_sizes to sum exactly to \(n) (input tensor's size at dimension \(try a.int("dim"))), but got split_sizes=\(sizes)")
                }
            } else {
                let k = try a.int(name == "chunk" ? "chunks" : "split_size_or_sections")
                sizes = try name == "chunk" ? Self.chunkSizes(n, chunks: k) : Self.splitSizes(n, size: k)
            }
            var parts: [Value] = []
            var start = 0
            for size in sizes {
                var items: [TensorOps.IndexItem] = Array(repeating: .range(nil, nil, nil), count: d)
                items.append(.range(start, start + size, 1))
                let part = try TensorOps.getItem(x, items)
                part.gradNode?.displayName = name == "split" && a["split_size_or_sections"].sequenceItems() != nil ? "SplitWithSizesBackward0" : "SplitBackward0"
                parts.append(.tensor(part))
                start += size
            }
            return .tuple(parts)
        }
        case "nonzero": return method(Signature("nonzero", [("as_tuple", .bool(false))])) { a in
            // each nonzero cell's position: (count, rank) int64, or as_tuple one vector per dimension (a 0-d tensor counts as 1-D)
            let s = TensorOps.strides(x.shape), hits = (0..<x.count).filter { x.data[$0] != 0 }
            let axes = max(x.rank, 1)
            func position(_ cell: Int, _ k: Int) -> Float { Float(x.rank == 0 ? 0 : (cell / s[k]) % x.shape[k]) }
            if try a.bool("as_tuple") {
                return .tuple((0..<axes).map { k in .tensor(TensorOps.make([hits.count], values: hits.map { position($0, k) }, .int64)) })
            }
            return .tensor(TensorOps.make([hits.count, x.rank], values: hits.flatMap { cell in (0..<x.rank).map { position(cell, $0) } }, .int64))
        }
        default: return nil
        }
    }

    /// The device types PyTorch's device strings may name, in its order (c10/core/DeviceType.cpp).
    static let deviceTypes = ["cpu", "cuda", "ipu", "xpu", "mkldnn", "opengl", "opencl", "ideep", "hip", "ve", "fpga", "maia",
                              "xla", "lazy", "vulkan", "mps", "meta", "hpu", "mtia", "privateuseone"]

    /// A device string as PyTorch parses it ("cpu", "cuda:0"; "float32" is no device string,
    /// "gpu" no device type), then refused unless it names the CPU.
    static func requireCPU(_ device: String) throws {
        let parts = device.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let type = String(parts[0])
        let indexOK = parts.count == 1 || parts[1] == "0" || (parts[1].first != "0" && !parts[1].isEmpty && parts[1].allSatisfy(\.isASCII) && parts[1].allSatisfy(\.isNumber))
        guard !type.isEmpty, type.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "_") }), indexOK else {
            throw LanguageFailure("Invalid device string: '\(device)'")
        }
        guard deviceTypes.contains(type) else {
            throw LanguageFailure("Expected one of \(deviceTypes.joined(separator: ", ")) device type at start of device string: \(device)")
        }
        guard type == "cpu" else {
            throw LanguageFailure("device '\(device)' is not available: everything here runs on the CPU",
                                  fix: "use torch.device(\"cpu\"), or leave .to(device) out")
        }
    }

    static func dtypeToken(_ d: DType) -> TorchToken { TorchToken(typeName: "torch.dtype", text: d.rawValue, repr: d.torchName) }
    /// torch.device("cpu") or ("cpu:0"): printed as given, its repr naming the index when there is one.
    static func device(_ name: String) -> TorchToken {
        let parts = name.split(separator: ":", maxSplits: 1)
        let repr = parts.count == 2 ? "device(type='\(parts[0])', index=\(parts[1]))" : "device(type='\(name)')"
        return TorchToken(typeName: "torch.device", text: name, repr: repr)
    }
}

extension TensorOps {
    /// torch.maximum / torch.minimum (and x.max(other)). Backward, as PyTorch's: the gradient to the
    /// larger (smaller) of the two, half to each where they tie, all to both where one is NaN;
    /// summed back over broadcast dims.
    static func binaryMax(_ x: Tensor, _ y: Tensor, largest: Bool) throws -> Tensor {
        let shape = try broadcastShape(x.shape, y.shape)
        let a = expand(x, to: shape), b = expand(y, to: shape)
        let d = promote(dtype(x), dtype(y))
        let out = make(shape, d) { p in
            for i in 0..<a.count { p[i] = a[i].isNaN || b[i].isNaN ? .nan : (largest ? max(a[i], b[i]) : min(a[i], b[i])) }
        }
        guard d == .float32 else { return out }
        let ox = offsets(shape, broadcastStrides(x.shape, to: shape)), oy = offsets(shape, broadcastStrides(y.shape, to: shape))
        return Autograd.record(out, largest ? "maximum" : "minimum", inputs: [x, y]) { g in
            let (gx, gy) = (Tensor(zeros: x.shape), Tensor(zeros: y.shape))
            for i in 0..<g.count {
                let (u, v) = (a[i], b[i])
                if u == v { gx.data[ox[i]] += g.data[i] / 2; gy.data[oy[i]] += g.data[i] / 2; continue }
                let xWins = largest ? !(u < v) : !(u > v), yWins = largest ? !(u > v) : !(u < v)      // both with a NaN
                if xWins { gx.data[ox[i]] += g.data[i] }
                if yWins { gy.data[oy[i]] += g.data[i] }
            }
            return [gx, gy]
        }
    }
}
