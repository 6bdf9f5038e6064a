/// torch.nn's layer classes as PyTorch files and derives them: the file of torch/nn/modules that
/// defines each (for `<class 'torch.nn.modules.conv.Conv2d'>` and `nn.modules.conv.Conv2d`), and
/// each layer's parent below nn.Module, with the private bases init loops test against
/// (`isinstance(m, nn.modules.batchnorm._BatchNorm)`, `class FocalLoss(nn.modules.loss._Loss)`).
/// (Tables from torch 2.15: `c.__module__` and `c.__bases__` of every class in torch.nn.)
enum NNClassTree {
    /// The layers by the file of torch/nn/modules that defines them; losses are all in loss.py.
    static let files: [String: [String]] = [
        "conv": ["Conv1d", "Conv2d", "Conv3d", "ConvTranspose1d", "ConvTranspose2d", "ConvTranspose3d", "_ConvNd", "_ConvTransposeNd"],
        "pooling": ["MaxPool1d", "MaxPool2d", "MaxPool3d", "AvgPool1d", "AvgPool2d", "AvgPool3d", "AdaptiveAvgPool1d",
                    "AdaptiveAvgPool2d", "AdaptiveAvgPool3d", "AdaptiveMaxPool1d", "AdaptiveMaxPool2d", "AdaptiveMaxPool3d",
                    "MaxUnpool1d", "MaxUnpool2d", "MaxUnpool3d", "LPPool1d", "LPPool2d", "LPPool3d", "_MaxPoolNd", "_AvgPoolNd",
                    "_AdaptiveAvgPoolNd", "_AdaptiveMaxPoolNd", "_MaxUnpoolNd", "_LPPoolNd"],
        "activation": ["ReLU", "ReLU6", "LeakyReLU", "PReLU", "RReLU", "ELU", "SELU", "CELU", "GELU", "SiLU", "Mish", "Sigmoid",
                       "Tanh", "Softmax", "Softmin", "LogSoftmax", "Softmax2d", "Softplus", "Softsign", "Hardtanh", "Hardswish",
                       "Hardsigmoid", "Hardshrink", "Softshrink", "Tanhshrink", "Threshold", "LogSigmoid", "GLU", "MultiheadAttention"],
        "linear": ["Linear", "Identity", "Bilinear", "NonDynamicallyQuantizableLinear"],
        "batchnorm": ["BatchNorm1d", "BatchNorm2d", "BatchNorm3d", "SyncBatchNorm", "_BatchNorm", "_NormBase"],
        "instancenorm": ["InstanceNorm1d", "InstanceNorm2d", "InstanceNorm3d", "_InstanceNorm"],
        "normalization": ["LayerNorm", "GroupNorm", "LocalResponseNorm", "RMSNorm"],
        "dropout": ["Dropout", "Dropout1d", "Dropout2d", "Dropout3d", "AlphaDropout", "FeatureAlphaDropout", "_DropoutNd"],
        "container": ["Sequential", "ModuleList", "ModuleDict", "ParameterList", "ParameterDict"],
        "module": ["Module"],
        "sparse": ["Embedding", "EmbeddingBag"],
        "rnn": ["RNN", "LSTM", "GRU", "RNNCell", "LSTMCell", "GRUCell", "RNNBase", "RNNCellBase"],
        "transformer": ["Transformer", "TransformerEncoder", "TransformerDecoder", "TransformerEncoderLayer", "TransformerDecoderLayer"],
        "flatten": ["Flatten", "Unflatten"],
        "pixelshuffle": ["PixelShuffle", "PixelUnshuffle"],
        "upsampling": ["Upsample", "UpsamplingNearest2d", "UpsamplingBilinear2d"],
        "padding": ["ZeroPad1d", "ZeroPad2d", "ZeroPad3d", "ConstantPad1d", "ConstantPad2d", "ConstantPad3d", "ReflectionPad1d",
                    "ReflectionPad2d", "ReflectionPad3d", "ReplicationPad1d", "ReplicationPad2d", "ReplicationPad3d",
                    "CircularPad1d", "CircularPad2d", "CircularPad3d", "_ConstantPadNd", "_ReflectionPadNd", "_ReplicationPadNd",
                    "_CircularPadNd"],
        "fold": ["Fold", "Unfold"],
        "distance": ["PairwiseDistance", "CosineSimilarity"],
        "channelshuffle": ["ChannelShuffle"],
        "loss": ["_Loss", "_WeightedLoss"],
    ]

    /// Each class's parent below nn.Module (a layer not here extends nn.Module itself).
    static let parents: [String: String] = {
        var parents: [String: String] = [
            "ReLU6": "Hardtanh", "NonDynamicallyQuantizableLinear": "Linear",
            "UpsamplingNearest2d": "Upsample", "UpsamplingBilinear2d": "Upsample",
            "_ConvTransposeNd": "_ConvNd", "_BatchNorm": "_NormBase", "_InstanceNorm": "_NormBase", "SyncBatchNorm": "_BatchNorm",
            "BCEWithLogitsLoss": "_Loss", "CTCLoss": "_Loss", "CosineEmbeddingLoss": "_Loss", "GaussianNLLLoss": "_Loss",
            "HingeEmbeddingLoss": "_Loss", "HuberLoss": "_Loss", "KLDivLoss": "_Loss", "L1Loss": "_Loss", "MSELoss": "_Loss",
            "MarginRankingLoss": "_Loss", "MultiLabelMarginLoss": "_Loss", "PoissonNLLLoss": "_Loss", "SmoothL1Loss": "_Loss",
            "SoftMarginLoss": "_Loss", "TripletMarginLoss": "_Loss", "TripletMarginWithDistanceLoss": "_Loss",
            "_WeightedLoss": "_Loss", "BCELoss": "_WeightedLoss", "CrossEntropyLoss": "_WeightedLoss", "NLLLoss": "_WeightedLoss",
            "MultiLabelSoftMarginLoss": "_WeightedLoss", "MultiMarginLoss": "_WeightedLoss", "NLLLoss2d": "NLLLoss",
            "Dropout": "_DropoutNd", "Dropout1d": "_DropoutNd", "Dropout2d": "_DropoutNd", "Dropout3d": "_DropoutNd",
            "AlphaDropout": "_DropoutNd", "FeatureAlphaDropout": "_DropoutNd",
            "RNN": "RNNBase", "LSTM": "RNNBase", "GRU": "RNNBase", "RNNCell": "RNNCellBase", "LSTMCell": "RNNCellBase", "GRUCell": "RNNCellBase",
        ]
        // the numbered families: Conv2d extends _ConvNd, ZeroPad2d ConstantPad2d, …
        let families = ["Conv": "_ConvNd", "ConvTranspose": "_ConvTransposeNd", "BatchNorm": "_BatchNorm", "InstanceNorm": "_InstanceNorm",
                        "MaxPool": "_MaxPoolNd", "AvgPool": "_AvgPoolNd", "AdaptiveAvgPool": "_AdaptiveAvgPoolNd",
                        "AdaptiveMaxPool": "_AdaptiveMaxPoolNd", "MaxUnpool": "_MaxUnpoolNd", "LPPool": "_LPPoolNd",
                        "ConstantPad": "_ConstantPadNd", "ReflectionPad": "_ReflectionPadNd", "ReplicationPad": "_ReplicationPadNd",
                        "CircularPad": "_CircularPadNd"]
        for (family, base) in families { for n in 1...3 { parents["\(family)\(n)d"] = base } }
        for n in 1...3 { parents["ZeroPad\(n)d"] = "ConstantPad\(n)d" }
        return parents
    }()

    /// The private bases, which torch.nn itself does not export (`nn.modules.conv._ConvNd`).
    static let privateBases: Set<String> = Set(files.values.joined().filter { $0.hasPrefix("_") || $0.hasSuffix("Base") })

    /// `name` is `ancestor` or derives from it (BatchNorm2d from _BatchNorm and _NormBase).
    static func derives(_ name: String, from ancestor: String) -> Bool {
        Interpreter.descends(name, from: ancestor, parents: parents)
    }

    /// The file of torch/nn/modules that defines the class `name`, if it is one of torch.nn's.
    static func file(of name: String) -> String? {
        if let file = fileByClass[name] { return file }
        return name.hasSuffix("Loss") && name.first?.isUppercase == true ? "loss" : nil
    }
    private static let fileByClass: [String: String] = {
        var byClass: [String: String] = [:]
        for (file, classes) in files { for c in classes { byClass[c] = file } }
        return byClass
    }()
}
