import Foundation
import InceptionRuntime

/// F.affine_grid and F.grid_sample (the spatial transformer tutorial's pair), for 4-D inputs:
/// affine_grid maps the output's pixel centres (−1…1, shrunk by (n − 1)/n unless align_corners)
/// through each θ (N, 2, 3); grid_sample reads the input at those places, bilinear or nearest,
/// with zeros, border or reflection padding, as ATen's grid sampler unnormalises (reflects,
/// clips) and weighs the four corners. Both are composed of recorded operations, so the gradient
/// reaches the input, θ and the grid as PyTorch's does (a corner outside the input adds nothing,
/// a clipped coordinate, one on the border too, passes no gradient, nearest passes none to the grid).
extension Interpreter {
    func affineGridBuiltin() -> Value {
        Self.builtin(Signature("affine_grid", [("theta", nil), ("size", nil), ("align_corners", Value.none)])) { interpreter, a in
            let theta = try a.tensor("theta")
            guard let size = a["size"].sequenceItems()?.compactMap(\.asInt), size.count == a["size"].sequenceItems()?.count else {
                throw LanguageFailure("affine_grid(): size must be a list of ints, e.g. x.size()", as: .typeError)
            }
            guard size.count == 4 else {
                throw LanguageFailure("affine_grid only supports 4D and 5D sizes, for 2D and 3D affine transforms, respectively. Got size \(Value.size(size).repr).",
                                      fix: size.count == 5 ? "a 3-D (5-D size) grid is not provided here; sample 2-D images" : nil, as: size.count == 5 ? .runtimeError : .valueError)
            }
            guard theta.rank == 3, theta.shape[1] == 2, theta.shape[2] == 3 else {
                throw LanguageFailure("Expected a batch of 2D affine matrices of shape Nx2x3 for size \(Value.size(size).repr). Got \(Value.size(theta.shape).repr).", as: .valueError)
            }
            guard theta.shape[0] == size[0] else {
                throw LanguageFailure("Expected a batch of 2D affine matrices of shape Nx2x3 for size \(Value.size(size).repr). Got \(Value.size(theta.shape).repr).", as: .valueError)
            }
            let alignCorners = a["align_corners"].isNone ? false : try a.bool("align_corners")
            let (n, h, w) = (size[0], size[2], size[3])
            // the base grid (H, W, 3): x along W, y along H, 1
            func steps(_ count: Int) throws -> Composed {
                guard count > 1 else { return try interpreter.torchFunction("zeros", count) }
                let range = try interpreter.torchFunction("linspace", -1.0, 1.0, count)
                return alignCorners ? range : try range * (count - 1) / count          // ATen's two steps
            }
            let xs = try steps(w).call("view", 1, w, 1).call("expand", h, w, 1)
            let ys = try steps(h).call("view", h, 1, 1).call("expand", h, w, 1)
            let base = try interpreter.torchFunction("cat", Value.list(ListStorage([xs.value, ys.value, try interpreter.torchFunction("ones", h, w, 1).value])), 2)
            let grid = try base.call("view", 1, h * w, 3).call("expand", n, h * w, 3)
                .call("bmm", try interpreter.composed(theta).call("transpose", 1, 2))
            return try grid.call("view", n, h, w, 2).named("AffineGridGeneratorBackward0").value
        }
    }

    func gridSampleBuiltin() -> Value {
        Self.builtin(Signature("grid_sample", [("input", nil), ("grid", nil), ("mode", .string("bilinear")), ("padding_mode", .string("zeros")),
                                               ("align_corners", Value.none)])) { interpreter, a in
            let (input, grid) = (try a.tensor("input"), try a.tensor("grid"))
            let (mode, padding) = (try a.string("mode"), try a.string("padding_mode"))
            guard ["bilinear", "nearest", "bicubic"].contains(mode) else {
                throw LanguageFailure("nn.functional.grid_sample(): expected mode to be 'bilinear', 'nearest' or 'bicubic', but got: '\(mode)'", as: .valueError)
            }
            guard ["zeros", "border", "reflection"].contains(padding) else {
                throw LanguageFailure("nn.functional.grid_sample(): expected padding_mode to be 'zeros', 'border', or 'reflection', but got: '\(padding)'", as: .valueError)
            }
            guard mode != "bicubic" else {
                throw LanguageFailure("grid_sample(): mode='bicubic' is not supported here", fix: "use mode='bilinear' or 'nearest'")
            }
            guard input.rank == 4 else {
                throw LanguageFailure("grid_sample(): a \(input.rank)-D input is not supported here; it samples (N, C, H, W) images",
                                      fix: "give a 4-D input and a (N, H_out, W_out, 2) grid")
            }
            guard grid.rank == 4, grid.shape[3] == 2 else {
                throw LanguageFailure("grid_sampler(): expected grid to have size 2 in last dimension, but got grid with sizes \(Value.size(grid.shape).repr)")
            }
            guard grid.shape[0] == input.shape[0] else {
                throw LanguageFailure("grid_sampler(): expected grid and input to have same batch size, but got input with sizes \(Value.size(input.shape).repr) and grid with sizes \(Value.size(grid.shape).repr)")
            }
            let alignCorners = a["align_corners"].isNone ? false : try a.bool("align_corners")
            return try interpreter.gridSampled(input, grid, nearest: mode == "nearest", padding: padding, alignCorners: alignCorners).value
        }
    }

    private func gridSampled(_ input: Tensor, _ grid: Tensor, nearest: Bool, padding: String, alignCorners: Bool) throws -> Composed {
        let (n, c, h, w) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        let (outH, outW) = (grid.shape[1], grid.shape[2])
        let points = outH * outW
        let g = try composed(grid).call("view", n, points, 2)
        // ATen's grid_sampler_compute_source_index: unnormalise, then reflect for reflection
        // padding, then clip for border and reflection padding
        func source(_ coordinate: Composed, _ size: Int) throws -> Composed {
            let s = Double(size)
            var x = alignCorners ? try (coordinate + 1.0) / 2.0 * (s - 1) : try ((coordinate + 1.0) * s - 1.0) / 2.0
            if padding == "reflection" { x = try reflected(x, size) }
            if padding != "zeros" {
                // clamp(0, s − 1), passing the gradient strictly inside only, as ATen's clip
                let inside = try x.call("gt", 0).call("logical_and", try x.call("lt", s - 1))
                x = try torchFunction("where", inside, x, try x.call("clamp", 0.0, s - 1).call("detach"))
            }
            return x
        }
        // ATen's vectorised reflect_coordinates: mirrored at low and low + span until inside,
        // low = 0 and span = s − 1 with align_corners, −½ and s without
        func reflected(_ x: Composed, _ size: Int) throws -> Composed {
            let (low, twiceSpan) = alignCorners ? (0.0, 2 * Double(size - 1)) : (-0.5, 2 * Double(size))
            guard twiceSpan > 0 else { return try x * 0.0 }
            let distance = try (x - low).call("abs")
            let flips = try (distance / twiceSpan).call("trunc").call("detach")
            let extra = try distance - (try flips * twiceSpan)
            let mirrored = try twiceSpan - extra
            return try torchFunction("where", try extra.call("gt", mirrored), mirrored, extra) + low
        }
        let ix = try source(try g.call("select", 2, 0), w), iy = try source(try g.call("select", 2, 1), h)
        let flat = try composed(input).call("reshape", n, c, h * w)
        /// input at (x, y), integer places (N, P), as (N, C, P); zero where outside
        func corner(_ x: Composed, _ y: Composed) throws -> (values: Composed, inside: Composed) {
            let inside = try x.call("ge", 0).call("logical_and", try x.call("le", w - 1))
                .call("logical_and", try y.call("ge", 0)).call("logical_and", try y.call("le", h - 1))
            let index = try (try y.call("clamp", 0, h - 1) * w + (try x.call("clamp", 0, w - 1))).call("long")
            let values = try flat.call("gather", 2, try index.call("unsqueeze", 1).call("expand", n, c, points))
            return (values, try inside.call("float").call("unsqueeze", 1))
        }
        var out: Composed
        if nearest {
            let x = try ix.call("round").call("detach"), y = try iy.call("round").call("detach")
            let (values, inside) = try corner(x, y)
            // the grid's gradient is zeros, as ATen's nearest backward gives it (not None)
            out = try values * inside + (try (try ix * 0.0 + (try iy * 0.0)).call("unsqueeze", 1))
        } else {
            let west = try ix.call("floor").call("detach"), north = try iy.call("floor").call("detach")
            let east = try west + 1.0, south = try north + 1.0
            let weights: [(Composed, Composed, Composed)] = [
                (west, north, try (east - ix) * (try south - iy)), (east, north, try (ix - west) * (try south - iy)),
                (west, south, try (east - ix) * (try iy - north)), (east, south, try (ix - west) * (try iy - north)),
            ]
            // nw + ne + sw + se, in ATen's order
            let terms = try weights.map { x, y, weight in
                let (values, inside) = try corner(x, y)
                return try values * (try weight.call("unsqueeze", 1) * inside)
            }
            out = try terms.dropFirst().reduce(terms[0]) { try $0 + $1 }
        }
        return try out.call("view", n, c, outH, outW).named("GridSampler2DBackward0")
    }
}
