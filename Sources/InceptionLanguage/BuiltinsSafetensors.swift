import Foundation
import InceptionRuntime

/// `from safetensors.torch import save_file, load_file`: a dict of named tensors to and from a
/// .safetensors file, as the safetensors package writes and reads it (float32 and int64
/// tensors, the data ordered by element size then name, an optional `__metadata__` of strings).
extension Interpreter {
    func safetensorsTorchNamespace() -> Namespace {
        Namespace("safetensors.torch", [
            "save_file": Self.builtin(Signature("save_file", [("tensors", nil), ("filename", nil), ("metadata", Value.none)])) { interpreter, a in
                try interpreter.saveSafetensors(a["tensors"], try a.string("filename"), metadata: a["metadata"])
                return .none
            },
            "load_file": Self.builtin(Signature("load_file", [("filename", nil), ("device", .string("cpu"))])) { interpreter, a in
                try interpreter.loadSafetensors(try a.string("filename"))
            },
        ])
    }

    private func saveSafetensors(_ tensors: Value, _ path: String, metadata: Value) throws {
        guard case .dict(let d) = tensors else {
            throw LanguageFailure("argument 'tensor_dict': '\(tensors.typeName)' object cannot be converted to 'PyDict'", as: .typeError)
        }
        var named: [(String, Tensor)] = []
        for (key, value) in d.entries {
            guard case .string(let name) = key else {
                throw LanguageFailure("argument 'tensor_dict': '\(key.typeName)' object is not an instance of 'str'", as: .typeError)
            }
            guard case .tensor(let x) = value else {
                throw LanguageFailure("Key `\(name)` is invalid, expected torch.Tensor but received <class '\(value.typeName)'>", as: .valueError)
            }
            if let layout = TensorKinds.shared.layout(of: x), x.count > 1, !layout.isContiguous(x.shape) {
                throw LanguageFailure("You are trying to save a non contiguous tensor: `\(name)` which is not allowed. It either means you are trying to save tensors which are reference of each other in which case it's recommended to save only the full tensors, and reslice at load time, or simply call `.contiguous()` on your tensor to pack it before saving.", as: .valueError)
            }
            let dtype = TensorOps.dtype(x)
            guard dtype == .float32 || dtype == .int64 else {
                throw LanguageFailure("save_file(): '\(name)' is a torch.\(dtype.rawValue) tensor; safetensors files here hold float32 and int64 tensors",
                                      fix: "convert it first, with .float() or .long()")
            }
            try TensorMath.requireValues(x, "save_file()")
            named.append((name, x))
        }
        // tensors that share memory (a tied weight saved twice) are refused, as safetensors refuses them
        for (i, (a, x)) in named.enumerated() {
            for (b, y) in named[(i + 1)...] where x.count > 0 && y.count > 0 && x.data == y.data {
                throw LanguageFailure("\n            Some tensors share memory, this will lead to duplicate memory on disk and potential differences when loading them again: [{'\(a)', '\(b)'}].\n            A potential way to correctly save your model is to use `save_model`.\n            More information at https://huggingface.co/docs/safetensors/torch_shared_tensors\n            ")
            }
        }
        var strings: [String: String] = [:]
        if case .dict(let m) = metadata {
            for (key, value) in m.entries {
                guard case .string(let k) = key, case .string(let v) = value else {
                    var bad = value
                    if case .string = key {} else { bad = key }
                    throw LanguageFailure("argument 'metadata': '\(bad.typeName)' object is not an instance of 'str'", as: .typeError)
                }
                strings[k] = v
            }
        } else if !metadata.isNone {
            throw LanguageFailure("argument 'metadata': '\(metadata.typeName)' object cannot be converted to 'PyDict'", as: .typeError)
        }
        // safetensors lays the data out by element size (largest first), then by name
        let ints = Set(named.filter { TensorOps.dtype($0.1) == .int64 }.map(\.0))
        named.sort { (ints.contains($0.0) ? 0 : 1, $0.0) < (ints.contains($1.0) ? 0 : 1, $1.0) }
        try writeSafeTensors(named, metadata: strings, int64Names: ints,
                             to: try WritePolicy.check(path, base: baseDirectory, what: "save_file()"))
    }

    private func loadSafetensors(_ path: String) throws -> Value {
        let full = resolve(path)
        guard FileManager.default.fileExists(atPath: full) else {
            throw LanguageFailure("FileNotFoundError: No such file or directory: \(path)")
        }
        let file = try SafeTensorsFile.read(path: full)
        if let warning = file.nonFiniteWarning(source: path) { output("warning: " + warning + "\n") }
        return .dict(DictStorage(file.order.map { name in
            let x = file.tensors[name]!
            let integer = file.dtypes[name] == "I64" || file.dtypes[name] == "I32"
            return (.string(name), .tensor(integer ? TensorKinds.shared.setDType(x, file.dtypes[name] == "I32" ? .int32 : .int64) : x))
        }))
    }
}
