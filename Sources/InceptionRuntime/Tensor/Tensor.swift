import Foundation

/// A dense float32 tensor, contiguous, row-major (NCHW for images).
///
/// Tensors have reference semantics, as in PyTorch: a layer's `weight` is one object that
/// loading, initialisation and the forward pass all share. Use `copy()` for a private copy.
public final class Tensor: @unchecked Sendable {
    /// Changed only by `reshapeInPlace` (PyTorch's unsqueeze_ / squeeze_ on a plain tensor).
    public private(set) var shape: [Int]
    public let count: Int
    /// 64-byte aligned storage of `count` floats, owned by this tensor (or by `storageOwner`).
    public let data: UnsafeMutablePointer<Float>
    /// A meta tensor has a shape but no values (PyTorch's "meta" device): shape inference
    /// runs the real forward code on meta tensors, and every layer only computes shapes.
    public let isMeta: Bool

    // Autograd (PyTorch's names): see Autograd/.
    /// Whether backward computes a gradient for this tensor: set on parameters and on any
    /// result of an operation one of whose inputs requires it.
    public var requiresGrad = false
    /// dL/d(this tensor), accumulated by `Autograd.backward` on leaves (parameters, inputs).
    public var grad: Tensor?
    /// The recorded operation that made this tensor (nil for a leaf): PyTorch's `grad_fn`.
    public var gradNode: GradNode?
    /// A module's parameter (PyTorch's nn.Parameter): set when a module registers it.
    public var isParameter = false
    /// How many recorded operations took this tensor as an input: an in-place change may
    /// take over its history only while nothing else depends on it (`GradNode.rebase`).
    public internal(set) var recordedUses = 0

    /// This tensor (a copy of x's values) stands for x as it was: x's history moves to it, so a
    /// change to x in place leaves what was recorded of x intact.
    public func takeHistory(of x: Tensor) {
        requiresGrad = x.requiresGrad
        gradNode = x.gradNode
        recordedUses = x.recordedUses
        // the operations that read x as it was now read this tensor (PyTorch's edges to x's old node)
        consumers = x.consumers.filter { $0.node != nil }
        x.consumers = []
        for c in consumers { c.node?.replaceInput(x, with: self) }
    }
    /// Hooks on this leaf's gradient (`Autograd.registerHook`); a computed tensor's are on its node.
    public internal(set) var gradHooks: [GradientHook] = []
    /// The tensor whose storage this one shares (`init(aliasing:)`), kept alive by it; nil when
    /// this tensor owns its storage. (Declared last: the other fields keep their places.)
    public let storageOwner: Tensor?
    /// Kept alive as long as this tensor: the tensor the language's view of it was taken from
    /// (PyTorch's view shares its base's storage, so the base lives on with the view).
    public var keptAlive: AnyObject?
    /// Made while `torch.inference_mode()` was on (PyTorch's inference tensor): autograd may not
    /// save it for backward, and outside that mode it may not change in place.
    public var isInference = Tensor.makingInferenceTensors
    /// Whether tensors made now are inference tensors (a `torch.inference_mode()` block runs).
    nonisolated(unsafe) public static var makingInferenceTensors = false

    /// PyTorch's version counter (`x._version`): bumped by every in-place change, shared with
    /// the views of this tensor (and `x.detach()`), not with `x.data`. Recorded operations note
    /// the versions of the tensors their backward reads (`GradNode.saved`), and backward refuses
    /// to read one changed since.
    public var versionCounter = VersionCounter()
    public var version: Int { versionCounter.value }
    /// This tensor (and every tensor sharing its counter) changed in place.
    public func bumpVersion() { versionCounter.value += 1 }
    /// The recorded operations that took this tensor as an input (PyTorch's edges point at
    /// nodes, ours at tensors): an in-place change moves their edges to a stand-in that keeps
    /// this tensor's old history (`GradNode.rebase`).
    var consumers: [WeakGradNode] = []
    public var consumingNodes: [GradNode] { consumers.compactMap(\.node) }

    /// The same values under another shape of as many elements (PyTorch's unsqueeze_ and squeeze_,
    /// which change a tensor's sizes and leave its storage as it is).
    public func reshapeInPlace(_ newShape: [Int]) {
        precondition(newShape.reduce(1, *) == count, "reshapeInPlace keeps the number of elements")
        shape = newShape
    }

    /// A tensor of the given shape, filled with zeros.
    public convenience init(zeros shape: [Int]) {
        self.init(uninitialized: shape)
        data.initialize(repeating: 0, count: max(count, 1))
    }

    /// A tensor whose values the caller writes, every one, before anything reads them: a
    /// kernel's output it fills completely (saves zeroing a buffer about to be overwritten).
    public init(uninitialized shape: [Int]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in shape \(shape)")
        self.shape = shape
        self.count = shape.reduce(1, *)
        self.isMeta = false
        self.storageOwner = nil
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * 4, alignment: 64)
        self.data = raw.bindMemory(to: Float.self, capacity: max(count, 1))
        if count == 0 { self.data.initialize(to: 0) }
    }

    /// A shape-only tensor: no values are stored; kernels must not read `data`.
    public init(meta shape: [Int]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in shape \(shape)")
        self.shape = shape
        self.count = shape.reduce(1, *)
        self.isMeta = true
        self.storageOwner = nil
        let raw = UnsafeMutableRawPointer.allocate(byteCount: 4, alignment: 64)
        self.data = raw.bindMemory(to: Float.self, capacity: 1)
        self.data.initialize(to: 0)
    }

    /// A second tensor over `base`'s storage (PyTorch's `x.data`): the same shape and values, a
    /// change to either's values shows in both; no gradient, no history of its own.
    public init(aliasing base: Tensor) {
        let owner = base.storageOwner ?? base
        self.shape = base.shape
        self.count = base.count
        self.isMeta = base.isMeta
        self.data = base.data
        self.storageOwner = owner
        self.isInference = base.isInference
    }

    /// A tensor holding `values` (row-major) with the given shape.
    public convenience init(shape: [Int], values: [Float]) throws {
        let n = shape.reduce(1, *)
        guard n == values.count else {
            throw TensorError.shapeMismatch("shape \(formatShape(shape)) holds \(n) values, got \(values.count)")
        }
        self.init(zeros: shape)
        values.withUnsafeBufferPointer { data.update(from: $0.baseAddress!, count: n) }
    }

    /// A tensor of the given shape filled with one value.
    public convenience init(repeating value: Float, shape: [Int]) {
        self.init(zeros: shape)
        data.update(repeating: value, count: count)
    }

    deinit {
        if gradNode != nil { GradNode.releaseIteratively(&gradNode) }
        if storageOwner == nil { UnsafeMutableRawPointer(data).deallocate() }
    }

    public var rank: Int { shape.count }
    /// The first value (a loss, any one-value tensor). Read it this way rather than as
    /// `t.data[0]`: a temporary tensor may be freed before a pointer read runs.
    public var scalar: Float { data[0] }
    public var buffer: UnsafeMutableBufferPointer<Float> { UnsafeMutableBufferPointer(start: data, count: count) }
    public var values: [Float] { Array(buffer) }

    public subscript(flat index: Int) -> Float {
        get { data[index] }
        set { data[index] = newValue }
    }

    /// Element at a full multi-index, e.g. `t[n, c, h, w]`.
    public subscript(_ index: Int...) -> Float {
        get { data[flatIndex(index)] }
        set { data[flatIndex(index)] = newValue }
    }

    public func flatIndex(_ index: [Int]) -> Int {
        precondition(index.count == shape.count, "index \(index) for shape \(shape)")
        var flat = 0
        for (i, dim) in zip(index, shape) {
            precondition(i >= 0 && i < dim, "index \(index) out of range for shape \(shape)")
            flat = flat * dim + i
        }
        return flat
    }

    public func copy() -> Tensor {
        if isMeta { return Tensor(meta: shape) }
        let t = Tensor(zeros: shape)
        t.data.update(from: data, count: count)
        return t
    }

    /// Copies `other`'s values into this tensor; shapes must be equal.
    public func assign(_ other: Tensor) throws {
        try requireShape(other.shape, equals: shape, "assign")
        data.update(from: other.data, count: count)
    }

    /// The same values under a new shape with the same element count (a copy).
    public func reshaped(_ newShape: [Int]) throws -> Tensor {
        let n = try MemoryBudget.elementCount(newShape, what: "a reshape")
        guard n == count else {
            throw TensorError.shapeMismatch("cannot reshape \(formatShape(shape)) (\(count) values) to \(formatShape(newShape)) (\(n) values)")
        }
        if isMeta { return Tensor(meta: newShape) }
        let t = Tensor(zeros: newShape)
        t.data.update(from: data, count: count)
        return Autograd.record(t, "view", inputs: [self]) { [shape] gy in [try gy.reshaped(shape)] }
    }

    public var byteCount: Int { count * MemoryLayout<Float>.size }
}

/// What went wrong in a kernel or a layer. Errors whose fix is known carry their numbers as
/// fields, so a hint reads them instead of parsing the message.
public enum TensorError: Error, CustomStringConvertible, Equatable {
    case shapeMismatch(String)
    case invalidArgument(String)
    /// An input whose values (not its type) the operation cannot take, as PyTorch's ValueError:
    /// batch statistics from one value per channel.
    case invalidValue(String)
    /// PyTorch's own words, and the fix a learner needs that they leave out.
    case refused(String, fix: String)
    /// A layer built for `expected` channels (or features) got a tensor of shape `input` with
    /// `got`; `message` is PyTorch's words for it (the helpers below write them), the rest is for the hints.
    case channelMismatch(layer: String, counting: CountedAxis, expected: Int, got: Int, input: [Int], message: String)

    /// What a layer counts on axis 1 of its input, as its message names it.
    public enum CountedAxis: String, Equatable, Sendable {
        case inputChannels = "input channels", channels, inputFeatures = "input features"
    }

    public var description: String {
        switch self {
        case .shapeMismatch(let m), .invalidArgument(let m), .invalidValue(let m), .refused(let m, _): return m
        case .channelMismatch(_, _, _, _, _, let message): return message
        }
    }

    /// Linear's input (…, got) for a weight (out, in), as PyTorch's matrix product words it:
    /// "addmm: mat1 and mat2 shapes cannot be multiplied (6x18 and 8x2)" ("mm:" without a bias).
    public static func linearFeatures(input: [Int], inFeatures: Int, outFeatures: Int, hasBias: Bool) -> TensorError {
        let got = input.last ?? 1, rows = input.dropLast().reduce(1, *)
        return .channelMismatch(layer: "Linear", counting: .inputFeatures, expected: inFeatures, got: got, input: input,
                                message: "\(hasBias ? "addmm" : "mm"): mat1 and mat2 shapes cannot be multiplied (\(rows)x\(got) and \(inFeatures)x\(outFeatures))")
    }

    /// A convolution's input with other channels than its weight (O, C/groups, kh, kw) takes:
    /// "Given groups=1, weight of size [4, 3, 3, 3], expected input[1, 2, 5, 5] to have 3 channels, but got 2 channels instead".
    public static func convolutionChannels(weight: [Int], input: [Int], groups: Int = 1) -> TensorError {
        let expected = weight[1] * groups, list = { (s: [Int]) in "[" + s.map(String.init).joined(separator: ", ") + "]" }
        return .channelMismatch(layer: "Conv2d", counting: .inputChannels, expected: expected, got: input[1], input: input,
                                message: "Given groups=\(groups), weight of size \(list(weight)), expected input\(list(input)) to have \(expected) channels, but got \(input[1]) channels instead")
    }

    /// A convolution whose kernel (a dilated one's spread) is larger than the input with its
    /// padding, in PyTorch's words, the window and the input named in the fix.
    public static func kernelLargerThanInput(_ window: Window2d, height: Int, width: Int) -> TensorError {
        let (ph, pw) = (height + 2 * window.padding.h, width + 2 * window.padding.w)
        return .refused("Calculated padded input size per channel: (\(ph) x \(pw)). Kernel size: (\(window.kernel.h) x \(window.kernel.w)). Kernel size can't be greater than actual input size",
                        fix: "a \(window.label) convolution on a \(height)×\(width) input gives an empty output: give a larger input, or use a smaller kernel or more padding")
    }

    /// A pooling window that leaves no output on a (C, H, W) input, in PyTorch's words (its
    /// output size as PyTorch computes it, negative when the kernel overhangs).
    public static func poolOutputTooSmall(_ window: Window2d, channels c: Int, height: Int, width: Int) -> TensorError {
        func length(_ size: Int, _ k: Int, _ s: Int, _ p: Int) -> Int {
            let numerator = size + 2 * p - k + (window.ceilMode ? s - 1 : 0)
            var out = (numerator >= 0 ? numerator / s : -((-numerator + s - 1) / s)) + 1
            if window.ceilMode && (out - 1) * s >= size + p { out -= 1 }
            return out
        }
        let ho = length(height, window.kernel.h, window.stride.h, window.padding.h), wo = length(width, window.kernel.w, window.stride.w, window.padding.w)
        return .refused("Given input size: (\(c)x\(height)x\(width)). Calculated output size: (\(c)x\(ho)x\(wo)). Output size is too small",
                        fix: "a \(window.label) window does not fit a \(height)×\(width) input: give a larger input, or use a smaller window")
    }

    /// A convolution's input that is neither (C, H, W) nor (N, C, H, W), in PyTorch's words.
    public static func convolutionRank(_ input: [Int]) -> TensorError {
        .refused("Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [\(input.map(String.init).joined(separator: ", "))]",
                 fix: input.count < 3 ? "give it (N, C, H, W): add the missing dimensions with x.unsqueeze(0)" : "give it (N, C, H, W): reshape or select the input to 4 dimensions")
    }

    /// BatchNorm's input with other channels than its statistics: "running_mean should contain 4 elements not 3".
    public static func normChannels(features: Int, got: Int) -> TensorError {
        .channelMismatch(layer: "BatchNorm2d", counting: .channels, expected: features, got: got, input: [],
                         message: "running_mean should contain \(got) elements not \(features)")
    }
}

/// `2×3×224×224`: how shapes are written in messages.
public func formatShape(_ shape: [Int]) -> String {
    shape.isEmpty ? "scalar" : shape.map(String.init).joined(separator: "×")
}

/// `torch.Size([2, 3])`: how PyTorch writes a shape, for messages that quote PyTorch word for word.
public func torchSizeText(_ shape: [Int]) -> String {
    "torch.Size([" + shape.map(String.init).joined(separator: ", ") + "])"
}

/// Throws a message that names both shapes when they differ.
public func requireShape(_ actual: [Int], equals expected: [Int], _ what: String) throws {
    guard actual == expected else {
        throw TensorError.shapeMismatch("\(what): expected shape \(formatShape(expected)), got \(formatShape(actual))")
    }
}

/// A tensor's version counter, one object shared by the tensors that share storage in PyTorch.
public final class VersionCounter { public var value = 0; public init() {} }
