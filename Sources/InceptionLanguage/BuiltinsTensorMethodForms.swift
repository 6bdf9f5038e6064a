import InceptionRuntime

/// Tensor methods that are a torch function with the tensor first (`x.outer(y)` is
/// torch.outer(x, y)), and the few that reorder or rename: `x.where(cond, y)` is
/// torch.where(cond, x, y), `x.type_as(y)` is x.to(y.dtype), `x.moveaxis` is x.movedim,
/// `x.bitwise_and(y)` is x & y.
extension Interpreter {
    static let methodFormNames = ["outer", "inner", "dist", "addmm", "baddbmm", "logdet", "slogdet", "hardshrink", "where", "type_as",
                                  "moveaxis", "ndimension", "positive", "is_complex", "get_device", "bitwise_and", "bitwise_or",
                                  "bitwise_xor", "bitwise_not", "multinomial", "bitwise_left_shift", "bitwise_right_shift", "vdot", "ldexp", "nextafter"] + viewScatterNames

    func methodFormTensorMember(_ x: Tensor, _ name: String) throws -> Value? {
        guard Self.methodFormNames.contains(name) else { return nil }
        func calling(_ body: @escaping (Interpreter, Arguments) throws -> Value) -> Value { .builtin(Builtin(name) { i, a in try body(i, a) }) }
        switch name {
        case "where":
            return calling { interpreter, a in
                guard let condition = a.positional.first else { throw LanguageFailure("where() missing 1 required positional argument: 'condition'", as: .typeError) }
                return try interpreter.torchFunction("where", Arguments([condition, .tensor(x)] + a.positional.dropFirst(), keywords: a.keywords)).value
            }
        case "type_as":
            return calling { interpreter, a in
                guard a.positional.count == 1, case .tensor(let other) = a.positional[0] else { throw LanguageFailure("type_as() takes one tensor", as: .typeError) }
                return try interpreter.composed(x).call("to", Value.object(Self.dtypeToken(TensorOps.dtype(other)))).value
            }
        case "moveaxis": return try getAttribute(.tensor(x), "movedim")
        case "ndimension": return calling { _, _ in .int(x.rank) }
        case "positive": return calling { interpreter, _ in try interpreter.unary(.plus, .tensor(x)) }
        case "ldexp", "nextafter":
            return calling { interpreter, a in try interpreter.torchFunction(name, Arguments([.tensor(x)] + a.positional, keywords: a.keywords)).value }
        case "is_complex": return calling { _, _ in .bool(false) }
        case "get_device": return calling { _, _ in .int(-1) }          // −1: the CPU
        case "bitwise_and", "bitwise_or", "bitwise_xor", "bitwise_left_shift", "bitwise_right_shift":
            let op: BitwiseOperator = ["bitwise_and": .and, "bitwise_or": .or, "bitwise_xor": .xor,
                                       "bitwise_left_shift": .shiftLeft, "bitwise_right_shift": .shiftRight][name]!
            return calling { interpreter, a in
                guard a.positional.count == 1 else { throw LanguageFailure("\(name)() takes one other tensor or number", as: .typeError) }
                return try interpreter.bitwise(op, .tensor(x), a.positional[0])
            }
        case "bitwise_not":
            // ~x, but named as the kernel (~ on a float tensor is Python's TypeError)
            return calling { interpreter, _ in
                guard TensorOps.dtype(x) != .float32 else {
                    throw LanguageFailure("\"bitwise_not_cpu\" not implemented for 'Float'", fix: "invert a mask: make one with a comparison, e.g. (x > 0).bitwise_not()",
                                          as: .notImplementedError)
                }
                return try interpreter.unary(.invert, .tensor(x))
            }
        case "hardshrink":
            return calling { interpreter, a in
                guard case .namespace(let nn)? = interpreter.builtinScope.lookup("nn"), case .namespace(let f)? = nn.members["functional"],
                      let function = f.members["hardshrink"] else { throw LanguageFailure("F.hardshrink is not defined") }
                return try interpreter.callBack(function, Arguments([.tensor(x)] + a.positional, keywords: a.keywords))
            }
        default:
            // torch.name(x, …)
            return calling { interpreter, a in try interpreter.torchFunction(name, Arguments([.tensor(x)] + a.positional, keywords: a.keywords)).value }
        }
    }
}
