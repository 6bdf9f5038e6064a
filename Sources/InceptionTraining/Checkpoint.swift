import Foundation
import InceptionModel
import InceptionRuntime

/// What a run saves: RUN_DIR/model.safetensors (the state_dict under PyTorch's names, which
/// `load_state_dict` takes, with the class names in the metadata) and
/// RUN_DIR/checkpoint.safetensors (the same weights, every parameter's momentum buffer as
/// `momentum.<name>`, and the step in the metadata) to resume from.
public enum Checkpoint {
    public static let modelFile = "model.safetensors"
    public static let resumeFile = "checkpoint.safetensors"

    /// The class names a model file carries (`inception forward` prints them).
    public static func classNames(in file: SafeTensorsFile) -> [String]? {
        guard let text = file.metadata["class_names"], let data = text.data(using: .utf8),
              let names = try? JSONDecoder().decode([String].self, from: data) else { return nil }
        return names
    }

    public static func metadata(classNames: [String], variant: InceptionVariant, inputSize: Int, extra: [String: String] = [:]) -> [String: String] {
        let names = (try? String(decoding: JSONEncoder().encode(classNames), as: UTF8.self)) ?? "[]"
        return extra.merging(["class_names": names, "variant": variant.rawValue, "input_size": String(inputSize),
                              "format": "pt"]) { $1 }
    }

    static func int64Names(_ net: Module) -> Set<String> {
        Set(net.stateDict().map(\.name).filter { $0.hasSuffix("num_batches_tracked") })
    }

    public static func saveModel(_ net: Module, metadata: [String: String], to path: String) throws {
        try writeSafeTensors(net.stateDict(), metadata: metadata, int64Names: int64Names(net), to: path)
    }

    /// Weights, momentum buffers and the step (`step` steps done), written atomically.
    public static func saveResume(_ net: Module, optimizer: SGD, step: Int, metadata: [String: String], to path: String) throws {
        var tensors = net.stateDict()
        for ((name, _), buffer) in zip(net.namedParameters(), optimizer.momentumBuffers) {
            if let buffer { tensors.append(("momentum." + name, buffer)) }
        }
        try writeSafeTensors(tensors, metadata: metadata.merging(["step": String(step)]) { $1 },
                             int64Names: int64Names(net), to: path)
    }

    /// Loads weights and momentum buffers; returns the number of steps done.
    public static func resume(_ net: Module, optimizer: SGD, from path: String) throws -> Int {
        let file = try SafeTensorsFile.read(path: path)
        try net.loadStateDict(file.tensors.filter { !$0.key.hasPrefix("momentum.") })
        for (i, (name, _)) in net.namedParameters().enumerated() {
            try optimizer.setMomentumBuffer(i, file.tensors["momentum." + name]?.copy())
        }
        guard let step = file.metadata["step"].flatMap(Int.init) else {
            throw WeightFileError(file: path, "no step in its metadata: not a checkpoint written by inception train")
        }
        return step
    }
}
