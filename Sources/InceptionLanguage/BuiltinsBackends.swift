import InceptionRuntime

/// The settings a training script's first lines make for GPUs and reproducibility:
/// `torch.backends.cudnn.benchmark = True`, `cudnn.deterministic`, `torch.backends.cuda.matmul.allow_tf32`,
/// `torch.use_deterministic_algorithms(True)`, `torch.set_float32_matmul_precision('high')`,
/// `torch.cuda.manual_seed_all(0)`. Each setting is kept and read back as
/// PyTorch keeps it, and changes nothing (there is no GPU, and every kernel here is deterministic).
extension Interpreter {
    /// `torch.backends` and torch's functions about determinism and matmul precision, sharing one
    /// store: `torch.backends.cuda.matmul.allow_tf32 = True` is precision 'high', as in PyTorch.
    /// What a build reports of itself (cuDNN there, version 92600) is PyPI's default build's.
    func backendBuiltins() -> [String: Value] {
        let settings = DictStorage([(.string("deterministic"), .bool(false)), (.string("precision"), .string("highest"))])
        let matmul = ClosureObject(typeName: "module", memberNames: ["allow_tf32"]) { "<torch.backends.cuda.cuBLASModule object>" }
        matmul.memberLookup = { member in
            member == "allow_tf32" ? .bool(settings[.string("precision")]?.text != "highest") : nil
        }
        matmul.setMember = { member, value in
            guard member == "allow_tf32" else { throw LanguageFailure("Unknown attribute \(member)", as: .attributeError) }
            settings.set(.string("precision"), .string(try value.isTruthy() ? "high" : "highest"))
            return true
        }
        let backends = Namespace("torch.backends", [
            "cudnn": .object(Self.flags("torch.backends.cudnn", ["enabled": .bool(true), "benchmark": .bool(false),
                                                                 "deterministic": .bool(false), "allow_tf32": .bool(true)],
                                        functions: ["is_available": .bool(true), "version": .int(92600)])),
            "cuda": .namespace(Namespace("torch.backends.cuda", [
                "matmul": .object(matmul),
                "is_built": .builtin(Builtin("is_built") { _, _ in .bool(true) }),
            ])),
            "mps": .namespace(Namespace("torch.backends.mps", [
                "is_available": .builtin(Builtin("is_available") { _, _ in .bool(false) }),
                "is_built": .builtin(Builtin("is_built") { _, _ in .bool(false) }),
            ])),
            "mkldnn": .namespace(Namespace("torch.backends.mkldnn", [
                "is_available": .builtin(Builtin("is_available") { _, _ in .bool(true) }),
            ])),
        ])
        // torch.accelerator (the tutorials' `device = torch.accelerator.current_accelerator().type
        // if torch.accelerator.is_available() else "cpu"`): none available; the build's own kind
        // is PyPI's default build's, CUDA, as there on a machine without a GPU
        let accelerator = Namespace("torch.accelerator", [
            "is_available": .builtin(Builtin("is_available") { _, _ in .bool(false) }),
            "device_count": .builtin(Builtin("device_count") { _, _ in .int(0) }),
            "current_accelerator": Self.builtin(Signature("current_accelerator", [("check_available", .bool(false))])) { _, a in
                try a.bool("check_available") ? .none : .object(Self.device("cuda"))
            },
            "synchronize": Self.builtin(Signature("synchronize", [("device", Value.none)])) { _, _ in .none },
            "empty_cache": .builtin(Builtin("empty_cache") { _, _ in .none }),
        ])
        return [
            "backends": .namespace(backends),
            "accelerator": .namespace(accelerator),
            "use_deterministic_algorithms": Self.builtin(Signature("use_deterministic_algorithms", [("mode", nil), ("warn_only", .bool(false))])) { _, a in
                settings.set(.string("deterministic"), .bool(try a.bool("mode"))); return .none
            },
            "are_deterministic_algorithms_enabled": .builtin(Builtin("are_deterministic_algorithms_enabled") { _, _ in
                settings[.string("deterministic")] ?? .bool(false)
            }),
            "set_float32_matmul_precision": Self.builtin(Signature("set_float32_matmul_precision", [("precision", nil)])) { _, a in
                let precision = try a.string("precision")
                guard ["highest", "high", "medium"].contains(precision) else {
                    throw LanguageFailure("Invalid precision \(precision): use 'highest', 'high' or 'medium'")
                }
                settings.set(.string("precision"), .string(precision)); return .none
            },
            "get_float32_matmul_precision": .builtin(Builtin("get_float32_matmul_precision") { _, _ in
                settings[.string("precision")] ?? .string("highest")
            }),
        ]
    }

    /// An object of settable flags (`cudnn.benchmark = True`), read back as set; `functions`:
    /// its methods, each giving a constant (`cudnn.is_available()`).
    static func flags(_ name: String, _ initial: [String: Value], functions: [String: Value] = [:]) -> ClosureObject {
        var values = initial
        let object = ClosureObject(typeName: "module", memberNames: Array(initial.keys) + Array(functions.keys)) { "<module '\(name)'>" }
        object.memberLookup = { member in
            if let v = values[member] { return v }
            return functions[member].map { result in .builtin(Builtin(member) { _, _ in result }) }
        }
        object.setMember = { member, value in
            guard initial[member] != nil else {
                throw LanguageFailure("\(name) has no setting '\(member)'",
                                      fix: "the settings are " + initial.keys.sorted().joined(separator: ", "), as: .attributeError)
            }
            values[member] = value
            return true
        }
        return object
    }
}
