import InceptionRuntime

/// The layers with float weights refuse an integer or bool input, as PyTorch's kernels do (token
/// ids fed to a Linear instead of an Embedding, pixels left as int64), with PyTorch's words;
/// the layers PyTorch runs on integers give the input's dtype back (ReLU, Flatten, the pools).
/// Every module call goes through `moduleCallDType` (ExecutionContext.dtypeRule), a layer inside
/// a Sequential too.
extension Interpreter {
    static func moduleCallDType(_ m: Module, _ x: Tensor, _ call: () throws -> Tensor) throws -> Tensor {
        try checkPoolInput(m, x)
        let dtype = TensorOps.dtype(x)
        guard dtype != .float32, !x.isMeta else { return try call() }
        try refuseNonFloatInput(m, x)
        let y = try call()
        if let dropout = m as? Dropout, dropout.training, dropout.p > 0 { try refuseDroppedOutIntegers(x) }
        switch m {
        case is ReLU, is Flatten, is MaxPool2d, is Dropout: return TensorKinds.shared.setDType(y, dtype)      // the input's values, or some of them
        case is AvgPool2d: return TensorOps.map(y, dtype) { $0.rounded(.towardZero) }                        // integer division, as PyTorch's kernel
        default: return y
        }
    }

    /// Dropout in training of an integer tensor: PyTorch draws the mask (the random stream moves
    /// on) and then cannot write the float product into the input's dtype.
    static func refuseDroppedOutIntegers(_ x: Tensor) throws {
        let dtype = TensorOps.dtype(x)
        guard dtype != .float32 else { return }
        throw LanguageFailure("result type Float can't be cast to the desired output type \(dtype.scalarName)", fix: "convert the input first: x.float()")
    }

    static func refuseNonFloatInput(_ m: Module, _ x: Tensor) throws {
        let dtype = TensorOps.dtype(x)
        guard dtype != .float32 else { return }
        let fix = "convert the input first: x.float()"
        switch m {
        case is ReLU where dtype == .bool:
            throw LanguageFailure("Boolean inputs not supported for relu", fix: fix, as: .notImplementedError)
        case is MaxPool2d where dtype == .bool:
            throw LanguageFailure("\"max_pool2d\" not implemented for 'Bool'", fix: fix, as: .notImplementedError)
        case is AvgPool2d where dtype == .bool:
            throw LanguageFailure("\"avg_pool2d\" not implemented for 'Bool'", fix: fix, as: .notImplementedError)
        case is AdaptiveAvgPool2d:
            throw LanguageFailure("mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: \(dtype.scalarName)",
                                  fix: fix, as: .notImplementedError)
        case let linear as Linear:
            throw LanguageFailure(linear.bias != nil ? "mat1 and mat2 must have the same dtype, but got \(dtype.scalarName) and Float"
                                                     : "expected m1 and m2 to have the same dtype, but got: \(cppTypeName(dtype)) != float", fix: fix)
        case let conv as Conv2d:
            throw LanguageFailure(conv.bias != nil ? "Input type (\(cppTypeName(dtype))) and bias type (float) should be the same"
                                                   : "expected scalar type \(dtype.scalarName) but found Float", fix: fix)
        case let conv as Conv1d:
            throw LanguageFailure(conv.parameters.contains { $0.name == "bias" } ? "Input type (\(cppTypeName(dtype))) and bias type (float) should be the same"
                                                                              : "expected scalar type \(dtype.scalarName) but found Float", fix: fix)
        case is BatchNorm2d:
            throw LanguageFailure("\"batch_norm\" not implemented for '\(dtype.scalarName)'", fix: fix, as: .notImplementedError)
        case _ where m.typeName == "BatchNorm1d" || m.typeName == "BatchNorm3d":
            throw LanguageFailure("\"batch_norm\" not implemented for '\(dtype.scalarName)'", fix: fix, as: .notImplementedError)
        case is RecurrentLayer:
            throw LanguageFailure("RNN input dtype (\(dtype.torchName)) does not match weight dtype (torch.float32). Convert input: input.to(torch.float32), or convert model: model.to(\(dtype.torchName))",
                                  as: .valueError)
        default: return
        }
    }

    /// PyTorch's NotImplementedError for a kernel that has no version for x's dtype (only float here).
    static func requireFloatKernel(_ x: Tensor, _ kernel: String) throws {
        let dtype = TensorOps.dtype(x)
        guard dtype != .float32, !x.isMeta else { return }
        throw LanguageFailure("\"\(kernel)\" not implemented for '\(dtype.scalarName)'", fix: "convert the input first: x.float()", as: .notImplementedError)
    }

    /// The C++ name PyTorch's dtype messages use: "float", "long int", "int", "bool".
    static func cppTypeName(_ dtype: DType) -> String {
        switch dtype { case .float32: "float"; case .int64: "long int"; case .int32: "int"; case .bool: "bool" }
    }
}
