import Foundation
import InceptionRuntime

/// What the runtime's float32 tensors do not record but PyTorch shows: a tensor's dtype
/// (comparisons give `torch.bool`, `argmax` and `arange(5)` give `torch.int64`), which tensors
/// PyTorch would have made as *views* of another (`x[0]`, `x.view(…)`: here they are copies,
/// so changing one in place is refused rather than silently not changing the other), and how a
/// layer was written (`kernel_size=3` or `(3, 3)`, `padding='same'`) so it prints as PyTorch
/// prints it. Kept beside the objects, keyed by identity, so the runtime stays as it is.
public enum DType: String, Sendable {
    case float32, int64, int32, bool
    public var isFloating: Bool { self == .float32 }
    /// int64 or int32: whole numbers, rounded toward zero when stored.
    public var isIntegral: Bool { self == .int64 || self == .int32 }
    /// The name PyTorch's messages give it: "Float", "Long", "Int", "Bool".
    public var scalarName: String {
        switch self { case .float32: "Float"; case .int64: "Long"; case .int32: "Int"; case .bool: "Bool" }
    }
    /// The C++ name a TypeMeta prints ("float", "long int", "int", "bool"), which the messages
    /// that show `self.dtype()` carry (clamp_ with number bounds).
    public var typeMetaName: String {
        switch self { case .float32: "float"; case .int64: "long int"; case .int32: "int"; case .bool: "bool" }
    }
    /// x.type(): "torch.FloatTensor", …
    public var legacyTypeName: String { "torch." + scalarName + "Tensor" }
    public var elementSize: Int {
        switch self { case .float32, .int32: 4; case .int64: 8; case .bool: 1 }
    }
    /// "torch.float32"
    public var torchName: String { "torch." + rawValue }
}

public final class TensorKinds: @unchecked Sendable {
    public static let shared = TensorKinds()

    private struct Entry { weak var object: AnyObject?; var dtype: DType?; var base: WeakBox?; var layout: ViewLayout?; var detached = false; var text: String?; var views: [WeakBox] }
    final class WeakBox { weak var object: AnyObject?; init(_ o: AnyObject) { object = o } }
    private var entries: [ObjectIdentifier: Entry] = [:]
    private let lock = NSLock()
    private var writes = 0

    private func update(_ o: AnyObject, _ change: (inout Entry) -> Void) {
        lock.lock(); defer { lock.unlock() }
        let id = ObjectIdentifier(o)
        var e = entries[id].flatMap { $0.object === o ? $0 : nil } ?? Entry(object: o, dtype: nil, base: nil, layout: nil, text: nil, views: [])
        change(&e)
        entries[id] = e
        writes += 1
        if writes % 4096 == 0 { entries = entries.filter { $0.value.object != nil } }
    }

    private func entry(_ o: AnyObject) -> Entry? {
        lock.lock(); defer { lock.unlock() }
        guard let e = entries[ObjectIdentifier(o)], e.object === o else { return nil }
        return e
    }

    // MARK: dtypes

    public func dtype(_ t: Tensor) -> DType { entry(t)?.dtype ?? .float32 }

    @discardableResult
    public func setDType(_ t: Tensor, _ d: DType) -> Tensor {
        if d == .float32, entry(t) == nil { return t }
        update(t) { $0.dtype = d }
        return t
    }

    // MARK: views

    /// Records that PyTorch would return `view` as a view of `base` (here it is a copy), laid out
    /// in the storage of base's own base (or base's) by `layout` when the operation knows it:
    /// then the view can be changed in place (the change carried to the base, `wroteInPlace`)
    /// and shows PyTorch's strides. The view keeps that base alive, as a shared storage would.
    @discardableResult
    public func markView(_ view: Tensor, of base: Tensor, layout: ViewLayout? = nil, detached: Bool = false) -> Tensor {
        let root = self.base(of: base) ?? base
        guard root !== view else { return view }
        view.keptAlive = root
        view.versionCounter = base.versionCounter       // a view shares its base's version (x.data has its own)
        view.isInference = root.isInference     // a view of a normal tensor is normal, in inference mode too
        // a view of x.data (or x.detach()) is outside autograd too: p.data[2:4].fill_(1) is allowed
        let detached = detached || isDetachedView(base)
        update(view) { $0.base = WeakBox(root); $0.layout = layout; $0.detached = detached }
        update(root) { e in
            e.views = e.views.filter { $0.object != nil }
            e.views.append(WeakBox(view))
        }
        return view
    }

    /// t is no view any more: a temporary the program cannot reach (what `x[i] += v` read), which
    /// autograd's graph may keep alive but must not count as a view of x held.
    public func forgetView(_ t: Tensor) {
        guard let root = base(of: t) else { return }
        update(t) { $0.base = nil; $0.layout = nil }
        update(root) { e in e.views = e.views.filter { $0.object != nil && $0.object !== t } }
        t.keptAlive = nil
    }

    /// The tensor this one is a (copied) view of, while it lives.
    public func base(of t: Tensor) -> Tensor? { entry(t)?.base?.object as? Tensor }

    /// Whether t shares its base's storage outside autograd (x.data, x.detach()): PyTorch lets
    /// such a tensor change in place even when its base is a leaf that requires grad.
    public func isDetachedView(_ t: Tensor) -> Bool { entry(t)?.detached ?? false }

    /// Views of this tensor that are still alive.
    public func liveViews(of t: Tensor) -> Int { entry(t)?.views.filter { $0.object != nil }.count ?? 0 }

    /// Whether t has live views besides `exempt` (the view `x[i] += v` read, when it is t's).
    func holdsViews(_ t: Tensor, besides exempt: Tensor?) -> Bool {
        liveViews(of: t) > (exempt.map { base(of: $0) === t ? 1 : 0 } ?? 0)
    }

    /// Where t's elements are in its base's storage (its own, contiguous, when it is no view);
    /// nil for a view whose operation did not say.
    public func layout(of t: Tensor) -> ViewLayout? {
        guard let e = entry(t), e.base?.object != nil else { return .contiguous(t.shape) }
        return e.layout
    }

    /// t's base, t's layout in it, and the base's live views other than t with theirs, when every
    /// one of them has a layout (so a change to t in place can be carried to them); nil when one
    /// has none.
    func viewFamily(of t: Tensor) -> (root: Tensor, layout: ViewLayout, views: [(Tensor, ViewLayout)])? {
        let root = base(of: t) ?? t
        guard let own = layout(of: t) else { return nil }
        var views: [(Tensor, ViewLayout)] = []
        for case let v as Tensor in (entry(root)?.views ?? []).map(\.object) where v !== t {
            guard let l = layout(of: v) else { return nil }
            views.append((v, l))
        }
        return (root, own, views)
    }

    /// After t was changed in place: its values written through its layout into its base, then
    /// every other live view of that base read again from it, as PyTorch's shared storage shows
    /// the change everywhere. (Views without a layout are refused a change beforehand.)
    public func wroteInPlace(_ t: Tensor, bump: Bool = true) {
        if bump { t.bumpVersion() }                     // PyTorch's version counter, under no_grad too
        guard !t.isMeta, let (root, own, views) = viewFamily(of: t), root !== t || !views.isEmpty else { return }
        if root !== t, own.overlapsItself(t.shape) {
            // an expanded tensor (only filled: see checkInPlace): the elements the write changed
            // carry their value to the place they share with others, which then show it too
            let places = own.places(t.shape)
            let changed = places.indices.filter { t.data[$0].bitPattern != root.data[places[$0]].bitPattern }
            for i in changed { root.data[places[i]] = t.data[i] }
            for (i, place) in places.enumerated() { t.data[i] = root.data[place] }
        } else if root !== t {
            for (i, place) in own.places(t.shape).enumerated() { root.data[place] = t.data[i] }
        }
        for (v, l) in views where !v.isMeta && v.data != root.data {
            for (i, place) in l.places(v.shape).enumerated() { v.data[i] = root.data[place] }
            // PyTorch remakes a view's history from its changed base by as_strided
            v.gradNode?.displayName = "AsStridedBackward0"
        }
    }

    // MARK: modules

    /// The constructor arguments as PyTorch prints them, when they differ from the runtime's text;
    /// a block made by the language (LayerNorm, GroupNorm, …) shows them in traces too.
    public func setArguments(_ m: Module, _ text: String) {
        update(m) { $0.text = text }
        (m as? Block)?.argumentText = text
    }
    public func arguments(_ m: Module) -> String? { entry(m)?.text }

}

/// A value written in Swift that is none of the language's own kinds: a device, a dtype, a
/// context manager, the (values, indices) pair `max(dim=1)` returns.
open class NativeObject {
    public let typeName: String
    public init(typeName: String) { self.typeName = typeName }
    open var repr: String { "<\(typeName) object>" }
    /// What print() shows (Python's str): `cpu` for a device whose repr is device(type='cpu').
    open var str: String { repr }
    open func member(_ name: String) -> Value? { nil }
    /// The items when it unpacks like a tuple (`values, indices = x.max(1)`).
    open var items: [Value]? { nil }
}

/// What `with` works with: `enter` runs before the block (its result is bound by `as name`),
/// `exit` after it, also when the block fails. `torch.no_grad()` returns one.
public final class ContextManager: NativeObject {
    public let enter: () throws -> Value
    public let exit: () -> Void
    public init(typeName: String, enter: @escaping () throws -> Value = { .none }, exit: @escaping () -> Void = {}) {
        self.enter = enter; self.exit = exit
        super.init(typeName: typeName)
    }
    public override var repr: String { "<torch.autograd.grad_mode.\(typeName) object>" }
}

/// torch.return_types.max(values=…, indices=…): unpacks and indexes like a tuple.
public final class NamedTuple: NativeObject {
    public let names: [String]
    public let values: [Value]
    /// collections.namedtuple's one-line repr, `Point(x=1, y=2)`, instead of torch.return_types' lines.
    public let oneLine: Bool
    /// Members of its own beyond the fields (PackedSequence's .to(…)), asked after the fields.
    public let extraMember: ((NamedTuple, String) -> Value?)?
    public init(typeName: String, names: [String], values: [Value], oneLine: Bool = false, extraMember: ((NamedTuple, String) -> Value?)? = nil) {
        self.names = names; self.values = values; self.oneLine = oneLine; self.extraMember = extraMember
        super.init(typeName: typeName)
    }
    public override var items: [Value]? { values }
    public override func member(_ name: String) -> Value? {
        names.firstIndex(of: name).map { values[$0] } ?? extraMember?(self, name) ?? (oneLine ? namedTupleMethod(name) : nil)
    }
    public override var repr: String {
        if oneLine { return "\(typeName)(" + zip(names, values).map { "\($0)=\($1.repr)" }.joined(separator: ", ") + ")" }
        return "\(typeName)(\n" + zip(names, values).map { "\($0)=\($1.repr)" }.joined(separator: ",\n") + ")"
    }
}

/// torch.device("cpu") and torch.float32: printable, comparable tokens.
public final class TorchToken: NativeObject {
    public let text: String
    public let reprText: String
    public init(typeName: String, text: String, repr: String) { self.text = text; self.reprText = repr; super.init(typeName: typeName) }
    public override var repr: String { reprText }
    public override var str: String { typeName == "torch.device" ? text : reprText }
    public override func member(_ name: String) -> Value? {
        switch (typeName, name) {
        case ("torch.device", "type"): return .string(String(text.split(separator: ":")[0]))
        case ("torch.device", "index"): return text.split(separator: ":").dropFirst().first.flatMap { Int($0) }.map { .int($0) } ?? Value.none
        case ("torch.dtype", "is_floating_point"): return .bool(["float32", "float64", "float16", "bfloat16"].contains(text))
        case ("torch.dtype", "is_complex"): return .bool(text.hasPrefix("complex"))
        case ("torch.dtype", "is_signed"): return .bool(text != "bool" && !text.hasPrefix("uint"))
        case ("torch.dtype", "itemsize"):
            let sizes = ["bool": 1, "uint8": 1, "int8": 1, "int16": 2, "float16": 2, "bfloat16": 2, "int32": 4, "float32": 4,
                         "int64": 8, "float64": 8, "complex64": 8, "complex128": 16]
            return sizes[text].map { .int($0) }
        default: return nil
        }
    }
}

/// Python's slice(start, stop, step), as `1:3` inside `[]` makes it.
public final class SliceObject: NativeObject {
    public let start: Int?, stop: Int?, step: Int?
    init(_ a: Value?, _ b: Value?, _ c: Value?) throws {
        func int(_ v: Value?) throws -> Int? {
            guard let v, !v.isNone else { return nil }
            if case .tensor(let t) = v, t.count == 1, TensorKinds.shared.dtype(t).isIntegral { return Int(t.data[0]) }
            guard let i = v.asInt else { throw LanguageFailure("slice indices must be integers or None or have an __index__ method", as: .typeError) }
            return i
        }
        start = try int(a); stop = try int(b); step = try int(c)
        super.init(typeName: "slice")
    }
    public override var repr: String {
        "slice(\([start, stop, step].map { $0.map(String.init) ?? "None" }.joined(separator: ", ")))"
    }
    public override func member(_ name: String) -> Value? {
        switch name {
        case "start": return start.map(Value.int) ?? Value.none
        case "stop": return stop.map(Value.int) ?? Value.none
        case "step": return step.map(Value.int) ?? Value.none
        case "indices":
            // s.indices(n): (start, stop, step) clamped to a sequence of length n, as Python's
            return Interpreter.builtin(Signature("indices", [("len", nil)])) { [start, stop, step] _, a in
                let n = try a.int("len")
                guard n >= 0 else { throw LanguageFailure("length should not be negative", as: .valueError) }
                let b = try Interpreter.sliceBounds(n, start, stop, step)
                return .tuple([.int(b.from), .int(b.to), .int(b.step)])
            }
        default: return nil
        }
    }
}
