/// Where the classes the language provides as builtins live in Python, for what `print(cls)` and
/// `type(x)` show: `<class 'int'>`, `<class 'ValueError'>`, `<class 'torch.nn.modules.conv.Conv2d'>`,
/// `<class 'torch.optim.sgd.SGD'>`. (Paths from torch 2.15: each class's `__module__`.)
enum BuiltinClassPaths {
    /// Python's own types: they print by their bare name.
    static let pythonTypes: Set<String> = ["int", "float", "str", "list", "dict", "set", "frozenset", "tuple", "bool", "object",
                                           "range", "type", "enumerate", "zip", "map", "filter", "reversed", "slice", "bytes",
                                           "bytearray", "complex", "property", "staticmethod", "classmethod", "super"]

    /// The module path of `name` when the builtin of that name is a class; nil for a function.
    static func path(of name: String) -> String? {
        if pythonTypes.contains(name) || Interpreter.isExceptionClass(name) { return name }
        if let known = libraryClasses[name] { return known }
        if let file = NNClassTree.file(of: name) { return "torch.nn.modules.\(file).\(name)" }
        return nil
    }

    private static let libraryClasses: [String: String] = {
        var paths: [String: String] = [
            "Tensor": "torch.Tensor", "torch.Size": "torch.Size", "Size": "torch.Size", "Parameter": "torch.nn.parameter.Parameter",
            "PackedSequence": "torch.nn.utils.rnn.PackedSequence", "OrderedDict": "collections.OrderedDict",
            "defaultdict": "collections.defaultdict", "Counter": "collections.Counter", "deque": "collections.deque",
            "Optimizer": "torch.optim.optimizer.Optimizer", "RMSprop": "torch.optim.rmsprop.RMSprop",
            "SparseAdam": "torch.optim.sparse_adam.SparseAdam", "LBFGS": "torch.optim.lbfgs.LBFGS",
            "Categorical": "torch.distributions.categorical.Categorical", "Normal": "torch.distributions.normal.Normal",
        ]
        // torch/optim/<lowercased>.py
        for name in ["SGD", "Adam", "AdamW", "Adagrad", "Adadelta", "Adamax", "NAdam", "RAdam", "ASGD", "Rprop"] {
            paths[name] = "torch.optim.\(name.lowercased()).\(name)"
        }
        for name in ["LRScheduler", "LambdaLR", "MultiplicativeLR", "StepLR", "MultiStepLR", "ConstantLR", "LinearLR", "ExponentialLR",
                     "SequentialLR", "PolynomialLR", "CosineAnnealingLR", "ChainedScheduler", "ReduceLROnPlateau", "CyclicLR",
                     "CosineAnnealingWarmRestarts", "OneCycleLR"] {
            paths[name] = "torch.optim.lr_scheduler.\(name)"
        }
        for name in ["Dataset", "IterableDataset", "TensorDataset", "ConcatDataset", "ChainDataset", "StackDataset", "Subset"] {
            paths[name] = "torch.utils.data.dataset.\(name)"
        }
        for name in ["Sampler", "SequentialSampler", "RandomSampler", "SubsetRandomSampler", "WeightedRandomSampler", "BatchSampler"] {
            paths[name] = "torch.utils.data.sampler.\(name)"
        }
        paths["DataLoader"] = "torch.utils.data.dataloader.DataLoader"
        for name in Interpreter.legacyTensorTypes.keys { paths[name] = "torch.\(name)" }      // torch.FloatTensor
        return paths
    }()
}
