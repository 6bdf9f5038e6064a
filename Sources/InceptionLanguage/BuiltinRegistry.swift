import InceptionRuntime

/// Builtins from outside the language, handed to an `Interpreter` when it is made: the
/// language itself knows tensors, layers, blocks and Python's basics; pictures, torchvision's
/// GoogLeNet and the reference network come from the targets that own them
/// (InceptionNetworkBuiltins registers them), as jlox keeps its natives out of the interpreter.
public struct BuiltinRegistry {
    /// Name → builtin value (a function or a namespace), bound beside the core builtins.
    public private(set) var values: [String: Value] = [:]
    /// Builds the network `reference(…)` returns; nil: this interpreter has none.
    public var reference: (() throws -> Module)?

    public init() {}

    public mutating func register(_ name: String, _ value: Value) { values[name] = value }

    /// A builtin taking a parameter list; the body gets the arguments matched to names.
    public static func function(_ signature: Signature, _ body: @escaping (Interpreter, BoundArguments) throws -> Value) -> Value {
        Interpreter.builtin(signature, body)
    }
}
