import InceptionRuntime

/// Writes a module's state_dict as a safetensors file under its PyTorch names, so a network
/// built here goes back to PyTorch with
/// `model.load_state_dict(safetensors.torch.load_file(path))`.
///
/// Names are relative to `module` (a sub-block saved alone has names like `branch1.conv.weight`),
/// in state_dict order. Parameters and running statistics are float32; every
/// `num_batches_tracked` is int64, as PyTorch keeps it. `metadata` goes into `__metadata__`;
/// for torchvision's GoogLeNet the file also records `transform_input`, so loading it back
/// (ModelFromWeights.network) restores that setting.
public func saveWeights(_ module: Module, to path: String, metadata: [String: String] = [:]) throws {
    let entries = module.stateDict()
    let counters = Set(entries.map(\.name).filter { $0 == "num_batches_tracked" || $0.hasSuffix(".num_batches_tracked") })
    var info = metadata
    info["format"] = info["format"] ?? "pt"
    if let googlenet = module as? TorchvisionGoogLeNet, info["transform_input"] == nil {
        info["transform_input"] = googlenet.options.transformInput ? "True" : "False"
    }
    try writeSafeTensors(entries, metadata: info, int64Names: counters, to: path)
}
