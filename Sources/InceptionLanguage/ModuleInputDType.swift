import InceptionRuntime

/// The layers with float weights refuse an integer or bool input, as PyTorch's kernels do (token
/// ids fed to a Linear instead of an Embedding, pixels left as int64), with PyTorch's words.
extension Interpreter {
    static func refuseNonFloatInput(_ m: Module, _ x: Tensor) throws {
        let dtype = TensorOps.dtype(x)
        guard dtype != .float32 else { return }
        let fix = "convert the input first: x.float()"
        switch m {
        case let linear as Linear:
            throw LanguageFailure(linear.bias != nil ? "mat1 and mat2 must have the same dtype, but got \(dtype.scalarName) and Float"
                                                     : "expected m1 and m2 to have the same dtype, but got: \(cppTypeName(dtype)) != float", fix: fix)
        case let conv as Conv2d:
            throw LanguageFailure(conv.bias != nil ? "Input type (\(cppTypeName(dtype))) and bias type (float) should be the same"
                                                   : "expected scalar type \(dtype.scalarName) but found Float", fix: fix)
        case is BatchNorm2d:
            throw LanguageFailure("\"batch_norm\" not implemented for '\(dtype.scalarName)'", fix: fix, as: .notImplementedError)
        case is RecurrentLayer:
            throw LanguageFailure("RNN input dtype (\(dtype.torchName)) does not match weight dtype (torch.float32). Convert input: input.to(torch.float32), or convert model: model.to(\(dtype.torchName))",
                                  as: .valueError)
        default: return
        }
    }

    /// The C++ name PyTorch's dtype messages use: "float", "long int", "int", "bool".
    static func cppTypeName(_ dtype: DType) -> String {
        switch dtype { case .float32: "float"; case .int64: "long int"; case .int32: "int"; case .bool: "bool" }
    }
}
