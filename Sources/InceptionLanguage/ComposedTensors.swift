import Foundation
import InceptionRuntime

/// Arithmetic for the functions PyTorch composes from other operations (its ATen composites and
/// torch.nn.functional's Python code): every step runs as the language runs a program's, with its
/// autograd, broadcasting, dtype promotion and messages, so values and gradients come out as
/// PyTorch's when the steps are PyTorch's, in PyTorch's order.
///
///     let d = try c(x1) - c(x2) + eps            // at::pairwise_distance: norm(x1 − x2 + eps)
///     return try d.call("norm", p, dim).tensor
struct Composed {
    let value: Value
    unowned let interpreter: Interpreter

    var tensor: Tensor {
        get throws {
            guard case .tensor(let t) = value else { throw LanguageFailure("expected a tensor, got \(value.typeName)") }
            return t
        }
    }

    /// x.name(arguments…, keywords…): the tensor method as a program calls it.
    func call(_ name: String, _ arguments: ComposedArgument..., keywords: [(String, ComposedArgument)] = []) throws -> Composed {
        let method = try interpreter.getAttribute(value, name)
        return Composed(value: try interpreter.callBack(method, Arguments(arguments.map(\.composedValue),
                                                                           keywords: keywords.map { ($0.0, $0.1.composedValue) })),
                        interpreter: interpreter)
    }

    /// The result with the grad_fn name PyTorch's single operation (or C++ step) prints.
    func named(_ gradFunction: String) throws -> Composed {
        try tensor.gradNode?.displayName = gradFunction
        return self
    }

    static func operate(_ op: BinaryOperator, _ a: ComposedArgument, _ b: ComposedArgument, _ i: Interpreter) throws -> Composed {
        Composed(value: try i.binary(op, a.composedValue, b.composedValue), interpreter: i)
    }
    static func + (a: Composed, b: ComposedArgument) throws -> Composed { try operate(.add, a, b, a.interpreter) }
    static func - (a: Composed, b: ComposedArgument) throws -> Composed { try operate(.subtract, a, b, a.interpreter) }
    static func * (a: Composed, b: ComposedArgument) throws -> Composed { try operate(.multiply, a, b, a.interpreter) }
    static func / (a: Composed, b: ComposedArgument) throws -> Composed { try operate(.divide, a, b, a.interpreter) }
    static func + (a: Double, b: Composed) throws -> Composed { try operate(.add, a, b, b.interpreter) }
    static func - (a: Double, b: Composed) throws -> Composed { try operate(.subtract, a, b, b.interpreter) }
    static func * (a: Double, b: Composed) throws -> Composed { try operate(.multiply, a, b, b.interpreter) }
    static func / (a: Double, b: Composed) throws -> Composed { try operate(.divide, a, b, b.interpreter) }
    static prefix func - (a: Composed) throws -> Composed { Composed(value: try a.interpreter.unary(.minus, a.value), interpreter: a.interpreter) }
}

/// What a composed step takes: a tensor expression, a number, a string, or any language value.
protocol ComposedArgument { var composedValue: Value { get } }
extension Composed: ComposedArgument { var composedValue: Value { value } }
extension Value: ComposedArgument { var composedValue: Value { self } }
extension Double: ComposedArgument { var composedValue: Value { .float(self) } }
extension Int: ComposedArgument { var composedValue: Value { .int(self) } }
extension Bool: ComposedArgument { var composedValue: Value { .bool(self) } }
extension String: ComposedArgument { var composedValue: Value { .string(self) } }
extension Tensor: ComposedArgument { var composedValue: Value { .tensor(self) } }

extension Interpreter {
    /// A tensor (or value) as the start of a composed expression.
    func composed(_ x: ComposedArgument) -> Composed { Composed(value: x.composedValue, interpreter: self) }

    /// torch.name(arguments…) as a program calls it.
    func torchFunction(_ name: String, _ arguments: ComposedArgument..., keywords: [(String, ComposedArgument)] = []) throws -> Composed {
        guard let torch = builtinScope.lookup("torch") else { throw LanguageFailure("torch is not defined") }
        let function = try getAttribute(torch, name)
        return composed(try callBack(function, Arguments(arguments.map(\.composedValue), keywords: keywords.map { ($0.0, $0.1.composedValue) })))
    }

    /// torch.name with arguments already gathered.
    func torchFunction(_ name: String, _ arguments: Arguments) throws -> Composed {
        guard let torch = builtinScope.lookup("torch") else { throw LanguageFailure("torch is not defined") }
        return composed(try callBack(try getAttribute(torch, name), arguments))
    }

    /// PyTorch's apply_loss_reduction on a composed loss (BuiltinsLosses' `reduced`).
    func lossReduction(_ losses: Composed, _ reduction: String, _ what: String) throws -> Composed {
        composed(try Self.reduced(try losses.tensor, reduction, what))
    }
}
