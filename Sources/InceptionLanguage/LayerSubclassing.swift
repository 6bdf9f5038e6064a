import InceptionRuntime

/// A program's class that extends a built-in layer or container, as PyTorch's do:
/// `class ConvBNReLU(nn.Sequential)` whose __init__ calls super().__init__(conv, bn, relu), or
/// `class Head(nn.Linear)` that inherits Linear's __init__ (`Head(4, 2)`).
///
/// The built-in part is built by the nn builtin from the arguments that reach its __init__, and
/// the block takes it over:
/// - a container's (Sequential, ModuleList, ModuleDict) children become the block's own, and the
///   block behaves as that container (`Block.extendedKind`: len, indexing, append, its forward);
/// - a layer (Linear, Conv2d, …) stays with the instance (`Instance.layer`): the block registers
///   the very same parameter and buffer tensors (so training, init and load_state_dict reach the
///   layer), prints the layer's arguments, and runs the layer's forward unless the class has one.
extension Interpreter {
    /// The containers whose children the subclass's block holds itself.
    static let extendableContainers: Set<String> = ["Sequential", "ModuleList", "ModuleDict"]

    /// The nn layer or container class a class header names (`nn.Sequential`), nil when it names
    /// none (nn.Module, a class of the program, a data class). nn classes whose subclass would
    /// need more than their forward on one tensor are refused here, naming the class's line.
    func layerBase(of decl: ClassDecl, _ env: Environment) throws -> (name: String, constructor: Value)? {
        guard case .namespace(let nn)? = builtinScope.lookup("nn") else { return nil }
        for e in decl.bases {
            guard let v = try? evaluate(e, env),
                  let (name, constructor) = nn.members.first(where: { $0.key.first?.isUppercase == true && Self.sameObject($0.value, v) })
                    ?? privateLayerBase(v),
                  name != "Module" else { continue }
            if ["Parameter", "ParameterList", "ParameterDict"].contains(name) {
                throw RuntimeError(Diagnostic(.runtime, decl.location, "class \(decl.name) extends nn.\(name), which is not supported here",
                                              fix: "extend nn.Module and hold one: self.params = nn.\(name)(…)", callers: callers()))
            }
            return (name, constructor)
        }
        return nil
    }

    /// A private base of torch.nn.modules (`_Loss`) as a class header names it.
    private func privateLayerBase(_ v: Value) -> (key: String, value: Value)? {
        guard case .builtin(let b) = v, NNClassTree.privateBases.contains(b.name) else { return nil }
        return (b.name, v)
    }

    /// The layer class `name` derives from the class `kind` (Conv2d from nn.modules.conv._ConvNd).
    static func derives(_ name: String, from kind: Value) -> Bool {
        guard case .builtin(let k) = kind else { return false }
        return NNClassTree.derives(name, from: k.name)
    }

    static func sameObject(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.builtin(let x), .builtin(let y)): return x === y
        case (.object(let x), .object(let y)): return x === y
        default: return false
        }
    }

    /// The built-in __init__ of the layer `cls` extends, run for `block` with `arguments`: the
    /// layer is built by its nn builtin (its errors are the builtin's) and taken over.
    func initializeLayerBase(of cls: ClassValue, _ block: Block, _ instance: Instance, _ arguments: Arguments) throws {
        guard let base = cls.layerBase else { return }
        guard block.extendedKind == nil else {
            throw LanguageFailure("\(cls.name) already ran nn.\(base.name).__init__; running it again is not supported here",
                                  fix: "call super().__init__(…) once, at the start of __init__")
        }
        // PyTorch's layer __init__ ends by calling self.reset_parameters(): a class's own one runs
        // instead of the layer's draws (the generator is put back to before them)
        let ownReset = Self.resetsHere(base.name) ? cls.method("reset_parameters") : nil
        let generatorBefore = ownReset == nil ? nil : DefaultGenerator.draw { $0 }
        guard case .module(let layer) = try callBack(base.constructor, arguments) else {
            throw LanguageFailure("nn.\(base.name)(…) made no layer for \(cls.name)")
        }
        if let generatorBefore { DefaultGenerator.draw { $0 = generatorBefore } }
        if layer is any ArgumentsHoldingModule || layer is MaxUnpool2d {
            throw LanguageFailure("class \(cls.name) extends nn.\(base.name), whose forward takes more than one tensor; such a subclass is not supported here",
                                  fix: "extend nn.Module and hold the layer: self.layer = nn.\(base.name)(…)")
        }
        block.extendedKind = base.name
        for (name, child) in layer.children { block.register(name, child) }
        if !Self.extendableContainers.contains(base.name) {
            for (name, p) in layer.parameters { Self.register(parameter: p, as: name, in: block) }
            for (name, b) in layer.buffers { block.registerBuffer(name, b, persistent: !layer.nonPersistentBuffers.contains(name)) }
            instance.layer = layer
            // printed as the layer is, `Head(in_features=4, out_features=2, bias=True)`, unless the class has its own extra_repr
            if cls.method("extra_repr") == nil { TensorKinds.shared.setArguments(block, TensorKinds.shared.arguments(layer) ?? layer.arguments) }
        }
        setForward(of: block, instance)
        if let ownReset {
            _ = try callBack(try boundMethod(ownReset.decl, of: .module(block), instance, owner: ownReset.owner), Arguments())
        }
    }

    /// The forward a block inherits from the layer it extends: the layer's, in the block's
    /// train/eval mode (the layer is not in the tree that .train()/.eval() walk).
    static func layerForward(_ layer: Module) -> Block.Forward {
        .custom { block, x, context in
            layer.setOwnTraining(block.training)
            return try layer.forward(x, context)
        }
    }

    /// `super().forward(x)` reaching the built-in class: a Sequential's runs the block's children
    /// in order (as PyTorch's loop does), a layer's runs the layer; nil when the class extends none.
    func inheritedForward(_ block: Block, _ instance: Instance) -> Value? {
        guard let kind = block.extendedKind else { return nil }
        return .builtin(Builtin("forward") { [unowned self] _, arguments in
            guard kind == "Sequential" || instance.layer != nil else { throw missingForward(instance.cls) }
            guard arguments.positional.count == 1, arguments.keywords.isEmpty else {
                throw LanguageFailure("\(kind).forward() takes one input here, got \(arguments.positional.count + arguments.keywords.count) arguments", as: .typeError)
            }
            if let layer = instance.layer {
                guard case .tensor(let x) = arguments.positional[0] else { throw LanguageFailure("\(kind).forward() takes a tensor, got \(arguments.positional[0].typeName)", as: .typeError) }
                layer.setOwnTraining(block.training)
                return .tensor(try layer.forward(x, currentContext))
            }
            var value = arguments.positional[0]
            for (_, child) in block.children { value = try callBack(.module(child), Arguments([value])) }
            return value
        })
    }

    /// A member of the layer a block's class extends that the block itself lacks (`in_features`,
    /// `kernel_size`, `p`), or nil.
    func layerBaseMember(_ m: Module, _ name: String) throws -> Value? {
        guard let layer = instance(of: m)?.layer else { return nil }
        if let v = (layer as? ModuleAttributes)?.attribute(name) ?? LayerOptions.shared.attribute(layer, name) { return v }
        return try moduleMember(layer, name) ?? torchModuleMember(layer, name)
    }
}

extension Module {
    /// The container a module is, subclasses included: "Sequential", "ModuleList", "ModuleDict"
    /// (or another built-in kind), else its type name.
    var containerKind: String { self is Sequential ? "Sequential" : (self as? Block)?.extendedKind ?? typeName }
    /// Sequential or ModuleList: numbered children, indexed and sliced by position.
    var isNumberedContainer: Bool { containerKind == "Sequential" || containerKind == "ModuleList" }
    var isModuleDict: Bool { containerKind == "ModuleDict" }
}

extension Interpreter {
    /// Whether v is an nn layer or container class (nn.Linear, nn.Sequential), nn.Module itself included.
    func isLayerClass(_ v: Value) -> Bool {
        guard case .namespace(let nn)? = builtinScope.lookup("nn") else { return false }
        if case .builtin(let b) = v, NNClassTree.privateBases.contains(b.name) { return true }     // nn.modules.conv._ConvNd
        return nn.members.contains { $0.key.first?.isUppercase == true && $0.key != "Parameter" && Self.sameObject($0.value, v) }
    }

    /// issubclass(cls, kind) where kind is nn.Module or an nn layer class: a program's class
    /// extends it along its line (through nn.Module or the layer it extends), an nn class is an
    /// nn.Module and itself; nil when kind is no nn layer class (the other rules answer).
    func isLayerSubclass(_ cls: Value, of kind: Value) -> Bool? {
        guard isLayerClass(kind) else { return nil }
        let isModule: Bool = { if case .builtin(let b) = kind { return b.name == "Module" } else { return false } }()
        switch cls {
        case .classValue(let c):
            if isModule { return extendsModule(c) || c.layerBase != nil }
            return c.layerBase.map { Self.sameObject($0.constructor, kind) || Self.derives($0.name, from: kind) } ?? false
        case _ where isLayerClass(cls):
            guard case .builtin(let b) = cls else { return isModule || Self.sameObject(cls, kind) }
            return isModule || Self.sameObject(cls, kind) || Self.derives(b.name, from: kind)
        default:
            return nil
        }
    }
}
