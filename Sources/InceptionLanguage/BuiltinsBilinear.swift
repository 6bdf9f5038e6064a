import Foundation
import InceptionRuntime

/// F.bilinear: y[…, o] = Σ_ij x1[…, i] · W[o, i, j] · x2[…, j] + b[o], composed of
/// recorded operations (x1 times W laid out as (I, O·J), then times x2 summed over j), with
/// PyTorch's checks and messages and grad_fn names (AddBackward0 with a bias, ViewBackward0 without).
extension Interpreter {
    func bilinearBuiltin() -> Value {
        let functional = Self.builtin(Signature("bilinear", [("input1", nil), ("input2", nil), ("weight", nil), ("bias", Value.none)])) { interpreter, a in
            .tensor(try interpreter.bilinear(try a.tensor("input1"), try a.tensor("input2"), try a.tensor("weight"), try a.optionalTensor("bias")))
        }
        return functional
    }

    // x1: (…, I), x2: (…, J), weight: (O, I, J), bias: (O) → (…, O)
    func bilinear(_ x1: Tensor, _ x2: Tensor, _ weight: Tensor, _ bias: Tensor?) throws -> Tensor {
        guard x1.rank == x2.rank else { throw LanguageFailure("bilinear(): input dimensions do not match: got \(x1.rank) and \(x2.rank)") }
        guard x1.rank >= 1 else { throw LanguageFailure("bilinear(): input dimensions do not match: got 0 and 0") }
        for d in 0..<(x1.rank - 1) where x1.shape[d] != x2.shape[d] {
            throw LanguageFailure("bilinear(): input batch dimensions do not match: got \(x1.shape[d]) and \(x2.shape[d])")
        }
        guard weight.rank == 3 else { throw LanguageFailure("bilinear(): weight must be 3-D (out, in1, in2), got \(weight.rank)-D") }
        let (outputs, i, j) = (weight.shape[0], weight.shape[1], weight.shape[2])
        guard x1.shape.last == i else { throw LanguageFailure("bilinear(): input1 size does not match weight size: got \(x1.shape.last!) but expected \(i)") }
        guard x2.shape.last == j else { throw LanguageFailure("bilinear(): input2 size does not match weight size: got \(x2.shape.last!) but expected \(j)") }
        if let bias, bias.rank != 1 || bias.count != outputs {
            throw LanguageFailure("bilinear(): bias size does not match weight size: got \(bias.shape.first ?? 1) but expected \(outputs)")
        }
        let laidOut = try composed(weight).call("permute", 1, 0, 2).call("reshape", i, outputs * j)              // (I, O·J)
        let leading = Array(x1.shape.dropLast()).map { Value.int($0) }
        let partial = try composed(x1).call("matmul", laidOut).call("reshape", Value.tuple(leading + [.int(outputs), .int(j)]))
        var y = try (partial * (try composed(x2).call("unsqueeze", -2))).call("sum", -1)                          // (…, O)
        if let bias { y = try y + bias } else { y.value.asTensor?.gradNode?.displayName = "ViewBackward0" }
        return try y.tensor
    }
}
