import InceptionRuntime

/// A builtin layer's class as a value with static members (`nn.Embedding.from_pretrained`,
/// `nn.Transformer.generate_square_subsequent_mask`): calling it calls its constructor (so the
/// layer's recipe is kept for deepcopy); isinstance compares the instance's type name.
extension Interpreter {
    static func classObject(_ qualifiedName: String, constructor: Value, members: [String: Value]) -> ClosureObject {
        let object = ClosureObject(typeName: "type", memberNames: members.keys.sorted()) { "<class '\(qualifiedName)'>" }
        object.call = { interpreter, arguments in try interpreter.callBack(constructor, arguments) }
        object.memberLookup = { members[$0] }
        object.instanceTypeName = qualifiedName.split(separator: ".").last.map(String.init)
        return object
    }
}
