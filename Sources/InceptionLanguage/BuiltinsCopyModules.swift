import InceptionRuntime

/// How a layer was made: the constructor builtin (`nn.Linear`, `nn.Sequential`, `googlenet`) and
/// the arguments it was called with, so `copy.deepcopy` can build another of the same kind.
struct ModuleRecipe {
    weak var module: Module?
    let builtin: Builtin
    let arguments: Arguments
}

/// `copy.deepcopy(model)`: a second model of the same structure holding copies of every
/// parameter and buffer, in the same train/eval modes, sharing nothing with the first (a teacher
/// for distillation, an EMA model, the best epoch's model). As Python copies an object's
/// attributes without running its class's `__init__`:
/// - a block defined with `class` gets a new block of its class with copies of its layers,
///   parameters, buffers and attributes, and its constructor is not run again;
/// - a layer made by a constructor builtin is made again from the same (copied) arguments, with
///   the random draws of its initialisation put back, so the program's random stream goes on
///   as PyTorch's does; then its parameters and buffers take the original's values, and layers
///   added since (`append`, a new child) are copied in.
/// A layer shared by two parents, or a parameter by two layers, is copied once (`memo`).
extension Interpreter {
    /// Constructor builtins of layers: capitalised names (`Linear`, `Sequential`) and networks.
    static let layerMakers: Set<String> = ["googlenet", "reference"]

    /// Remembers how a builtin call made a new layer (the first call that hands it back).
    func noteRecipe(of module: Module, _ builtin: Builtin, _ arguments: Arguments) {
        guard builtin.name.first?.isUppercase == true || Self.layerMakers.contains(builtin.name) else { return }
        let id = ObjectIdentifier(module)
        if let known = moduleRecipes[id], known.module === module { return }
        if moduleRecipes.count >= recipesPruneAt {          // drop the dead layers' recipes, now and then
            moduleRecipes = moduleRecipes.filter { $0.value.module != nil }
            recipesPruneAt = max(4096, 2 * moduleRecipes.count)
        }
        moduleRecipes[id] = ModuleRecipe(module: module, builtin: builtin, arguments: arguments)
    }

    func deepCopy(module original: Module, _ memo: inout [ObjectIdentifier: Value]) throws -> Module {
        if case .module(let done)? = memo[ObjectIdentifier(original)] { return done }
        let copy: Module
        if let instance = instance(of: original), let block = original as? Block {
            copy = try copyInstance(instance, block, &memo)
        } else if let recipe = moduleRecipes[ObjectIdentifier(original)], recipe.module === original {
            let arguments = Arguments(try recipe.arguments.positional.map { try deepCopy($0, &memo) },
                                      keywords: try recipe.arguments.keywords.map { ($0.name, try deepCopy($0.value, &memo)) })
            let saved = DefaultGenerator.draw { $0 }
            defer { DefaultGenerator.draw { $0 = saved } }
            guard case .module(let made) = try recipe.builtin.body(self, arguments) else {
                throw LanguageFailure("copy.deepcopy: \(recipe.builtin.name)(…) did not make a layer again")
            }
            noteRecipe(of: made, recipe.builtin, arguments)
            try takeState(of: original, into: made, &memo)
            try (made as? AdjustedWhenDeepCopied)?.adjustAfterDeepCopy(self)
            copy = made
        } else {
            throw LanguageFailure("copy.deepcopy of \(original.typeName) is not supported here: it was not made by a constructor the copy could call again",
                                  fix: "copy its weights instead: saved = copy.deepcopy(model.state_dict()), later model.load_state_dict(saved)")
        }
        return copy                      // in memo: copyInstance and takeState put it there first
    }

    /// A block of the same class, its constructor not run: copies of the original's layers,
    /// parameters, buffers and attributes, its train/eval mode and hooks.
    private func copyInstance(_ instance: Instance, _ block: Block, _ memo: inout [ObjectIdentifier: Value]) throws -> Module {
        let copy = Block(typeName: block.typeName, arguments: block.argumentText)
        let twin = Instance(cls: instance.cls, block: copy)
        instances[ObjectIdentifier(copy)] = twin
        noteClassText(twin, copy)
        setForward(of: copy, twin)
        memo[ObjectIdentifier(block)] = .module(copy)
        copy.extendedKind = block.extendedKind
        if let layer = instance.layer {
            // the layer it extends first: its tensors' copies are the ones the block registers below
            twin.layer = try deepCopy(module: layer, &memo)
            TensorKinds.shared.arguments(block).map { TensorKinds.shared.setArguments(copy, $0) }
            setForward(of: copy, twin)
        }
        copy.setOwnTraining(block.training)
        copy.hooks = block.hooks
        for (name, p) in block.parameters { Self.register(parameter: try copiedTensor(p, &memo), as: name, in: copy) }
        for (name, b) in block.buffers {
            copy.registerBuffer(name, try copiedTensor(b, &memo), persistent: !block.nonPersistentBuffers.contains(name))
        }
        for (name, child) in block.children { copy.register(name, try deepCopy(module: child, &memo)) }
        for (name, value) in instance.attributes.entries { twin.attributes.set(name, try deepCopy(value, &memo)) }
        twin.constructorNames = instance.constructorNames
        return copy
    }

    /// `made`, built afresh from the original's recipe, takes the original's state: its
    /// parameters' and buffers' values (and whether they require gradients), its mode, its
    /// hooks, and copies of layers it holds that the recipe did not make.
    private func takeState(of original: Module, into made: Module, _ memo: inout [ObjectIdentifier: Value]) throws {
        memo[ObjectIdentifier(original)] = .module(made)
        try copyValues(original.parameters, into: made.parameters, of: original, &memo)
        try copyValues(original.buffers, into: made.buffers, of: original, &memo)
        made.setOwnTraining(original.training)
        made.hooks = original.hooks
        for (name, child) in original.children {
            if case .module(let done)? = memo[ObjectIdentifier(child)] {
                if made.child(name) !== done { made.register(name, done) }
            } else if let counterpart = made.child(name), counterpart.typeName == child.typeName,
                      instance(of: child) == nil, moduleRecipes[ObjectIdentifier(child)]?.module !== child {
                try takeState(of: child, into: counterpart, &memo)   // a part the recipe builds (a network's layers)
            } else {
                made.register(name, try deepCopy(module: child, &memo))
            }
        }
    }

    /// Each named tensor of the fresh layer takes its original's values, dtype and
    /// requires_grad; the fresh tensor is the copy of the original (a layer's forward reads the
    /// tensors it made, not the names).
    private func copyValues(_ originals: [(name: String, tensor: Tensor)], into fresh: [(name: String, tensor: Tensor)], of module: Module,
                            _ memo: inout [ObjectIdentifier: Value]) throws {
        for (name, source) in originals {
            guard let target = fresh.first(where: { $0.name == name })?.tensor, target.shape == source.shape else {
                throw LanguageFailure("copy.deepcopy of \(module.typeName): '\(name)' (\(formatShape(source.shape))) has changed since it was made, so a new one cannot hold it",
                                      fix: "copy its weights instead: saved = copy.deepcopy(model.state_dict()), later model.load_state_dict(saved)")
            }
            target.data.update(from: source.data, count: source.count)
            TensorKinds.shared.setDType(target, TensorOps.dtype(source))
            target.requiresGrad = source.requiresGrad
            memo[ObjectIdentifier(source)] = .tensor(target)
        }
    }

    /// A parameter or buffer copied once however many layers hold it.
    private func copiedTensor(_ t: Tensor, _ memo: inout [ObjectIdentifier: Value]) throws -> Tensor {
        guard case .tensor(let copy) = try deepCopy(.tensor(t), &memo) else { preconditionFailure("a tensor copies to a tensor") }
        return copy
    }
}

/// A builtin layer whose deep copy differs from a fresh one as PyTorch's does (its __setstate__).
protocol AdjustedWhenDeepCopied: Module {
    func adjustAfterDeepCopy(_ interpreter: Interpreter) throws
}
