import InceptionRuntime

/// Where a view's elements live in its base's storage, as PyTorch lays them out: element
/// (i₀, i₁, …) at `offset + Σ iₖ·strides[k]` of the base's contiguous values. The runtime's
/// tensors are contiguous copies, so a view here is a copy that knows this map: `x.stride()`,
/// `x.is_contiguous()` and `x.storage_offset()` read it, `view()` refuses what PyTorch refuses
/// from it, and an in-place change goes through it to the base and the base's other views
/// (`TensorKinds.wroteInPlace`), as the shared storage would carry it in PyTorch.
public struct ViewLayout: Equatable, Sendable {
    public var strides: [Int]
    public var offset: Int

    /// A contiguous tensor's: row-major strides, offset 0.
    public static func contiguous(_ shape: [Int]) -> ViewLayout {
        ViewLayout(strides: TensorOps.strides(shape), offset: 0)
    }

    /// The elements of a view laid out in another order than its own (a transpose, a permute), in
    /// the order of their places in memory: the order PyTorch's random fills (dropout's mask,
    /// `empty_like` keeping the strides) draw for them. nil when it is in order, or unknown.
    static func memoryOrder(_ x: Tensor) -> [Int]? {
        let shape = x.shape
        guard x.count > 1, let layout = TensorKinds.shared.layout(of: x), !layout.isContiguous(shape), !layout.overlapsItself(shape) else { return nil }
        var places = [Int](repeating: 0, count: x.count), index = [Int](repeating: 0, count: shape.count)
        for i in 0..<x.count {
            places[i] = zip(index, layout.strides).reduce(0) { $0 + $1.0 * $1.1 }
            var d = shape.count - 1
            while d >= 0 {
                index[d] += 1
                if index[d] < shape[d] { break }
                index[d] = 0
                d -= 1
            }
        }
        return (0..<x.count).sorted { places[$0] != places[$1] ? places[$0] < places[$1] : $0 < $1 }
    }

    /// PyTorch's is_contiguous: row-major strides, sizes of 1 (and empty tensors) aside.
    func isContiguous(_ shape: [Int]) -> Bool {
        if shape.contains(0) { return true }
        var expected = 1
        for d in shape.indices.reversed() where shape[d] != 1 {
            guard strides[d] == expected else { return false }
            expected *= shape[d]
        }
        return true
    }

    /// Whether PyTorch sees for sure that two elements share a place (a dim of more than one
    /// element with stride 0: an expanded tensor) and so refuses to write into it. Other
    /// overlaps (unfold's windows) PyTorch writes into, element after element, as here.
    func overlapsItself(_ shape: [Int]) -> Bool {
        zip(shape, strides).contains { $0.0 > 1 && $0.1 == 0 }
    }

    /// The dims reordered (permute, transpose, t, movedim).
    func permuted(_ order: [Int]) -> ViewLayout { ViewLayout(strides: order.map { strides[$0] }, offset: offset) }

    /// A dim of size 1 inserted at d of a tensor of `shape` (unsqueeze): PyTorch's stride for it
    /// is the next dim's extent (1 at the end).
    func unsqueezed(at d: Int, of shape: [Int]) -> ViewLayout {
        var l = self
        l.strides.insert(d < shape.count ? shape[d] * strides[d] : 1, at: d)
        return l
    }

    /// The dims `dropped` taken out (squeeze).
    func squeezed(_ dropped: Set<Int>) -> ViewLayout {
        ViewLayout(strides: strides.indices.filter { !dropped.contains($0) }.map { strides[$0] }, offset: offset)
    }

    /// Element `index` along dim d, the dim gone (select, unbind).
    func selecting(_ index: Int, along d: Int) -> ViewLayout {
        ViewLayout(strides: strides.indices.filter { $0 != d }.map { strides[$0] }, offset: offset + index * strides[d])
    }

    /// A tensor of `shape` expanded to `target`: new leading dims and stretched dims of size 1
    /// step by 0.
    func expanded(from shape: [Int], to target: [Int]) -> ViewLayout {
        let lead = target.count - shape.count
        return ViewLayout(strides: target.indices.map { d in d < lead || shape[d - lead] != target[d] ? 0 : strides[d - lead] }, offset: offset)
    }

    /// A matrix's diagonal starting at (row, column): one dim stepping down and right together.
    func diagonal(from row: Int, _ column: Int, dim1: Int = 0, dim2: Int = 1) -> ViewLayout {
        ViewLayout(strides: strides.indices.filter { $0 != dim1 && $0 != dim2 }.map { strides[$0] } + [strides[dim1] + strides[dim2]],
                   offset: offset + row * strides[dim1] + column * strides[dim2])
    }

    /// Windows of dim d (unfold): d steps by `step` windows, a new last dim along the window.
    func unfolded(along d: Int, step: Int) -> ViewLayout {
        var l = self
        l.strides[d] = strides[d] * step
        l.strides.append(strides[d])
        return l
    }

    /// PyTorch's `computeStride` (aten/src/ATen/TensorUtils.cpp): the strides that show a tensor of
    /// `shape` with these strides as `newShape` without copying, or nil when a new dim would
    /// span two runs of memory that are not one after another (view() then refuses, reshape()
    /// copies).
    func reshaped(_ shape: [Int], to newShape: [Int]) -> ViewLayout? {
        let numel = shape.reduce(1, *)
        if shape.isEmpty { return ViewLayout(strides: newShape.map { _ in 1 }, offset: offset) }     // a 0-d tensor views as any shape of one element
        if numel == 0 {
            return shape == newShape ? self : ViewLayout(strides: TensorOps.strides(newShape), offset: offset)
        }
        var newStrides = [Int](repeating: 0, count: newShape.count)
        var viewD = newShape.count - 1
        var chunkBaseStride = strides.last ?? 1
        var tensorNumel = 1, viewNumel = 1
        for tensorD in stride(from: shape.count - 1, through: 0, by: -1) {
            tensorNumel *= shape[tensorD]
            if tensorD == 0 || (shape[tensorD - 1] != 1 && strides[tensorD - 1] != tensorNumel * chunkBaseStride) {
                while viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1) {
                    newStrides[viewD] = viewNumel * chunkBaseStride
                    viewNumel *= newShape[viewD]
                    viewD -= 1
                }
                guard viewNumel == tensorNumel else { return nil }
                if tensorD > 0 {
                    chunkBaseStride = strides[tensorD - 1]
                    tensorNumel = 1
                    viewNumel = 1
                }
            }
        }
        guard viewD == -1 else { return nil }
        return ViewLayout(strides: newStrides, offset: offset)
    }

    /// Every element's place in the base's storage, row-major over `shape`.
    func places(_ shape: [Int]) -> [Int] { TensorOps.offsets(shape, strides, base: offset) }
}
