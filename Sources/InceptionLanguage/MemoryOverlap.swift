import InceptionRuntime

/// PyTorch's check that an in-place write does not read what it writes (`assert_no_partial_overlap`):
/// views here are copies (see ViewLayout), so the places two tensors' elements have in their
/// base's storage are compared instead of their memory.
///
/// PyTorch's rule, for the written-to tensor and each input over the same storage: when both are
/// non-overlapping and dense (their places fill one run of the storage), runs that meet are an
/// error unless the two are the very same elements in the same order ("Full"); when either is
/// not dense (strided, broadcast) PyTorch does not check ("TooHard") and writes in its kernel's
/// order, which this language does not reproduce: such a write that reads places it writes is
/// refused here, with the fix.
enum MemoryOverlap {
    static let partialMessage = "unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location. Please clone() the tensor before performing the operation."

    /// The storage t's elements live in (its base's for a view) and each element's place there,
    /// row-major over t's shape; nil for a view whose layout is unknown.
    static func placement(_ t: Tensor) -> (storage: UnsafeMutablePointer<Float>, places: [Int])? {
        let kinds = TensorKinds.shared
        let root = kinds.base(of: t) ?? t
        guard let layout = kinds.layout(of: t) else { return nil }
        return (root.data, layout.places(t.shape))
    }

    /// Whether `source` lives in `storage` (checked before any places are listed: most writes
    /// read fresh tensors, and listing a large tensor's places costs).
    static func shares(_ source: Tensor, _ storage: UnsafeMutablePointer<Float>) -> Bool {
        (TensorKinds.shared.base(of: source) ?? source).data == storage
    }

    /// `x.add_(y)`, `x.copy_(y)`, `x += y`: refuses y when it overlaps x as PyTorch refuses it.
    static func checkWrite(into x: Tensor, reading y: Tensor) throws {
        guard x.count > 0, y.count > 0, !x.isMeta, !y.isMeta, let target = placement(x), shares(y, target.storage),
              let source = placement(y) else { return }
        try check(written: target.places, read: source.places)
    }

    /// `x[items] = value`: a basic index writes the selected places (value broadcast to them, as
    /// copy_ reads it); an advanced one (index_put_) is checked against the whole of x, as PyTorch
    /// does. A 0-d value is a fill and reads its value first (no check, as in PyTorch).
    static func checkIndexWrite(into x: Tensor, at selection: TensorOps.Selection, value: Tensor) throws {
        guard value.rank > 0, value.count > 0, selection.offsets.count > 0, !x.isMeta, !value.isMeta,
              let whole = placement(x), shares(value, whole.storage), let source = placement(value) else { return }
        guard selection.isView else { return try check(written: whole.places, read: source.places) }
        let written = selection.offsets.map { whole.places[$0] }
        var read = source.places
        var trimmed = value.shape            // leading 1s dropped, as setItem does
        while trimmed.count > selection.shape.count, trimmed.first == 1 { trimmed.removeFirst() }
        guard trimmed.count <= selection.shape.count else { return }        // setItem refuses it
        if trimmed != selection.shape {
            // broadcast as copy_ reads it: the expanded value (not dense) is one PyTorch does not check
            let strides = TensorOps.broadcastStrides(trimmed, to: selection.shape)
            read = TensorOps.offsets(selection.shape, strides).map { source.places[$0] }
        }
        try check(written: written, read: read)
    }

    /// Whether the places fill one run of the storage, each once (PyTorch's non-overlapping and dense).
    static func isDense(_ places: [Int]) -> Bool {
        guard let lo = places.min(), let hi = places.max(), hi - lo + 1 == places.count else { return false }
        return Set(places).count == places.count
    }

    static func check(written: [Int], read: [Int]) throws {
        if written == read { return }                       // the same elements: element-wise, as PyTorch
        if isDense(written), isDense(read) {
            let (w, r) = (written.min()!...written.max()!, read.min()!...read.max()!)
            if w.overlaps(r) { throw LanguageFailure(partialMessage) }
            return
        }
        guard !Set(written).isDisjoint(with: read) else { return }
        throw LanguageFailure("this in-place write reads elements of the tensor it writes to through a strided or broadcast view: PyTorch does not check such a write and its result depends on the order its kernel writes in, which is not reproduced here",
                              fix: "clone() what is read first, e.g. x[::2] = x[:3].clone()")
    }
}

extension MemoryOverlap {
    /// Whether `x[selection] = v` writes each place of x's storage once: always, unless x is
    /// expanded (a stride-0 dim) and the selection keeps two elements that share a place.
    static func writesDistinctPlaces(_ x: Tensor, _ selection: TensorOps.Selection) -> Bool {
        guard let layout = TensorKinds.shared.layout(of: x), layout.overlapsItself(x.shape) else { return true }
        let places = layout.places(x.shape)
        let written = selection.offsets.map { places[$0] }
        return Set(written).count == written.count
    }
}

extension Interpreter {
    /// The element-wise in-place methods PyTorch runs through TensorIterator, which checks its
    /// inputs against the tensor written to.
    static let overlapCheckedMethods: Set<String> = Set(["add_", "sub_", "mul_", "div_", "copy_", "clamp_", "clip_", "pow_", "lerp_",
                                                         "addcmul_", "addcdiv_", "where_"] + inPlaceElementwise.map { $0 + "_" })

    /// x.name as found, checking for such a method its tensor arguments against x when called.
    static func checkingOverlap(_ x: Tensor, _ name: String, _ found: Value) -> Value {
        guard overlapCheckedMethods.contains(name), case .builtin(let b) = found else { return found }
        return .builtin(Builtin(b.name) { interpreter, a in
            for y in tensors(in: a) { try MemoryOverlap.checkWrite(into: x, reading: y) }
            return try b.body(interpreter, a)
        })
    }
}
