import InceptionRuntime

/// Layer constructors with PyTorch's names, parameter names, order and defaults.
extension Interpreter {
    func layerBuiltins() -> [String: Value] {
        var t: [String: Value] = [:]
        t["Conv2d"] = Self.builtin(Signature("Conv2d", [("in_channels", nil), ("out_channels", nil), ("kernel_size", nil),
                                                        ("stride", .int(1)), ("padding", .int(0)), ("bias", .bool(true))])) { _, a in
            let k = try a.squareInt("kernel_size")
            let stride = try a.squareInt("stride")
            var padding: Int
            if case .string(let mode) = a["padding"] {
                switch mode {
                case "same":
                    guard stride == 1, k % 2 == 1 else {
                        throw LanguageFailure("Conv2d(): padding='same' needs stride 1 and an odd kernel size, got kernel \(k), stride \(stride)")
                    }
                    padding = (k - 1) / 2
                case "valid": padding = 0
                default: throw LanguageFailure("Conv2d(): padding must be an int, 'same' or 'valid', got '\(mode)'")
                }
            } else {
                padding = try a.squareInt("padding")
            }
            return .module(try Conv2d(try a.int("in_channels"), try a.int("out_channels"), kernelSize: k, stride: stride,
                                      padding: padding, bias: try a.bool("bias")))
        }
        t["BatchNorm2d"] = Self.builtin(Signature("BatchNorm2d", [("num_features", nil), ("eps", .float(1e-5)), ("momentum", .float(0.1))])) { _, a in
            .module(try BatchNorm2d(try a.int("num_features"), eps: Float(try a.double("eps")), momentum: Float(try a.double("momentum"))))
        }
        t["ReLU"] = Self.builtin(Signature("ReLU", [("inplace", .bool(false))])) { _, _ in .module(ReLU()) }
        for name in ["MaxPool2d", "AvgPool2d"] {
            t[name] = Self.builtin(Signature(name, [("kernel_size", nil), ("stride", Value.none), ("padding", .int(0)), ("ceil_mode", .bool(false))])) { _, a in
                let k = try a.squareInt("kernel_size")
                let stride = a["stride"].isNone ? nil : try a.squareInt("stride")
                let padding = try a.squareInt("padding")
                let ceil = try a.bool("ceil_mode")
                return .module(name == "MaxPool2d" ? try MaxPool2d(k, stride: stride, padding: padding, ceilMode: ceil)
                                                   : try AvgPool2d(k, stride: stride, padding: padding, ceilMode: ceil))
            }
        }
        t["AdaptiveAvgPool2d"] = Self.builtin(Signature("AdaptiveAvgPool2d", [("output_size", nil)])) { _, a in
            switch a["output_size"] {
            case .int(let n): return .module(try AdaptiveAvgPool2d(n, n))
            case .tuple(let xs) where xs.count == 2:
                guard let h = xs[0].asInt, let w = xs[1].asInt else { break }
                return .module(try AdaptiveAvgPool2d(h, w))
            default: break
            }
            throw LanguageFailure("AdaptiveAvgPool2d(): output_size must be an int or a pair like (1, 1), got \(a["output_size"].repr)")
        }
        t["Linear"] = Self.builtin(Signature("Linear", [("in_features", nil), ("out_features", nil), ("bias", .bool(true))])) { _, a in
            .module(try Linear(try a.int("in_features"), try a.int("out_features"), bias: try a.bool("bias")))
        }
        t["Dropout"] = Self.builtin(Signature("Dropout", [("p", .float(0.5)), ("inplace", .bool(false))])) { _, a in
            .module(try Dropout(p: try a.double("p")))
        }
        t["Flatten"] = Self.builtin(Signature("Flatten", [("start_dim", .int(1)), ("end_dim", .int(-1))])) { _, a in
            guard try a.int("start_dim") == 1, try a.int("end_dim") == -1 else {
                throw LanguageFailure("Flatten(): only Flatten() (start_dim=1, end_dim=-1) is supported")
            }
            return .module(Flatten())
        }
        t["Sequential"] = .builtin(Builtin("Sequential") { _, arguments in
            guard arguments.keywords.isEmpty else { throw LanguageFailure("Sequential() takes layers by position, not by name") }
            var layers: [Module] = []
            for (i, v) in arguments.positional.enumerated() {
                guard case .module(let m) = v else {
                    throw LanguageFailure("Sequential() takes layers, but argument \(i + 1) is \(v.typeName) \(v.repr)",
                                          fix: v.typeName == "list" ? "spread a list with Sequential(*layers)" : nil)
                }
                layers.append(m)
            }
            return .module(Sequential(layers))
        })
        return t
    }
}
