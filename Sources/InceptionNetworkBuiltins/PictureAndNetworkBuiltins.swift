import Foundation
import InceptionImaging
import InceptionLanguage
import InceptionModel
import InceptionRuntime

/// Pictures and PyTorch interop: reading an image as the network's input, the built-in
/// sample picture, drawing a feature map, writing a block's weights for PyTorch, and
/// torchvision's GoogLeNet (`googlenet(...)`, also `torchvision.models.googlenet(...)`).
///
///     x = load_image("photo.png")                  # (1, 3, 224, 224), ImageNet-normalised
///     net = torchvision.models.googlenet(init_weights=False)
///     load_weights(net, "googlenet.safetensors")
///     save_feature_grid(net.conv1(sample_image()), "conv1.png")
///     save_weights(net, "mine.safetensors")        # loads in PyTorch with load_state_dict
extension BuiltinRegistry {
    /// The pictures and networks: what `inception run`, the REPL and the curriculum hand
    /// every interpreter they make. `reference(…)` returns the seed network.
    public static var networksAndPictures: BuiltinRegistry {
        var registry = BuiltinRegistry()
        for (name, value) in Interpreter.interopBuiltins() { registry.register(name, value) }
        registry.reference = Interpreter.seedReference
        return registry
    }
}

extension Interpreter {
    /// The Swift reference network with the seed's init from seed 0, built without
    /// disturbing the generator that the program's own layers draw from.
    public static func seedReference() throws -> Module {
        try DefaultGenerator.aside { try InceptionV1() }
    }

    static func interopBuiltins() -> [String: Value] {
        var t: [String: Value] = [:]
        t["load_image"] = BuiltinRegistry.function(Signature("load_image", [("path", nil)])) { interpreter, a in
            let path = try a.string("path")
            return .tensor(try interpreter.imageOperation("load_image", path) { try loadImage(interpreter.resolve(path)) })
        }
        t["sample_image"] = BuiltinRegistry.function(Signature("sample_image", [("width", .int(SampleImage.defaultWidth)),
                                                                    ("height", .int(SampleImage.defaultHeight))])) { _, a in
            let (width, height) = (try a.int("width"), try a.int("height"))
            guard (1...4096).contains(width), (1...4096).contains(height) else {
                throw LanguageFailure("sample_image(): width and height must be 1 to 4096, got \(width)×\(height)")
            }
            do {
                return .tensor(try ImageNetPreprocessing.tensor(from: SampleImage.draw(width: width, height: height)))
            } catch let e as ImageError {
                throw LanguageFailure("sample_image(): \(e.problem)")
            }
        }
        t["save_feature_grid"] = BuiltinRegistry.function(Signature("save_feature_grid", [("tensor", nil), ("path", nil), ("index", .int(0)),
                                                                              ("shared_scale", .bool(false))])) { interpreter, a in
            let x = try a.tensor("tensor")
            let path = try a.string("path")
            let grid = FeatureMapGrid(scaling: try a.bool("shared_scale") ? .shared : .perChannel)
            let index = try a.int("index")
            guard path.lowercased().hasSuffix(".png") else {
                throw LanguageFailure("save_feature_grid() writes .png files, got '\(path)'", fix: "end the file name with .png")
            }
            let target = try WritePolicy.check(path, base: interpreter.baseDirectory, what: "save_feature_grid()")
            _ = try interpreter.imageOperation("save_feature_grid", path) {
                try grid.write(x, batchIndex: index, to: target)
            }
            return .none
        }
        t["save_weights"] = BuiltinRegistry.function(Signature("save_weights", [("module", nil), ("path", nil)])) { interpreter, a in
            let m = try a.module("module")
            let path = try a.string("path")
            guard path.hasSuffix(".safetensors") else {
                throw LanguageFailure("save_weights() writes .safetensors files, got '\(path)'", fix: "end the file name with .safetensors")
            }
            let target = try WritePolicy.check(path, base: interpreter.baseDirectory, what: "save_weights()")
            do { try saveWeights(m, to: target) } catch let e as WeightFileError {
                throw LanguageFailure("save_weights(): \(path): \(e.problem)")
            }
            return .none
        }
        t["torchinfo"] = torchinfoNamespace()
        let googlenet = Self.googlenetBuiltin()
        t["googlenet"] = googlenet
        t["torchvision"] = .namespace(Namespace("torchvision", [
            "models": .namespace(Namespace("torchvision.models", ["googlenet": googlenet])),
        ]))
        return t
    }

    /// `googlenet(weights=None, num_classes=1000, aux_logits=True, transform_input=False,
    /// init_weights=True, dropout=0.2, dropout_aux=0.7)`: torchvision's GoogLeNet, module for
    /// module, with its state_dict names (364 entries with the aux heads).
    static func googlenetBuiltin() -> Value {
        let signature = Signature("googlenet", [("weights", Value.none), ("progress", .bool(true)), ("num_classes", .int(1000)),
                                                ("aux_logits", .bool(true)), ("transform_input", .bool(false)),
                                                ("init_weights", .bool(true)), ("dropout", .float(0.2)), ("dropout_aux", .float(0.7))])
        return BuiltinRegistry.function(signature) { _, a in
            guard a["weights"].isNone else {
                throw LanguageFailure("googlenet(): weights=\(a["weights"].repr) would download them; nothing is downloaded here",
                                      fix: "build it with googlenet(init_weights=False) and load a converted file: load_weights(net, \"googlenet.safetensors\") (docs/torchvision.md)")
            }
            let classes = try a.int("num_classes")
            guard classes >= 1 else { throw LanguageFailure("googlenet(): num_classes must be at least 1, got \(classes)") }
            let (dropout, dropoutAux) = (try a.double("dropout"), try a.double("dropout_aux"))
            for (name, p) in [("dropout", dropout), ("dropout_aux", dropoutAux)] where !(0...1).contains(p) {
                throw LanguageFailure("googlenet(): \(name) must be between 0 and 1, got \(formatFloat(p))")
            }
            let options = TorchvisionGoogLeNet.Options(numClasses: classes, auxLogits: try a.bool("aux_logits"),
                                                       transformInput: try a.bool("transform_input"),
                                                       initWeights: try a.bool("init_weights"),
                                                       dropout: dropout, dropoutAux: dropoutAux)
            let net = try TorchvisionGoogLeNet(options)
            net.setTraining(true)                // a new model starts in train mode, as in PyTorch
            return .module(net)
        }
    }

    /// Runs an image operation; its error becomes one line naming the function and the path as
    /// written, and a relative path that is not there names the folder it was looked for in.
    func imageOperation<T>(_ function: String, _ path: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as ImageError {
            let place = e.file == resolve(path) ? "\(path): " : ""
            var fix: String?
            if !path.hasPrefix("/"), let base = baseDirectory, e.isMissing {
                fix = "a relative path is read from the lesson's folder, \(base)"
            }
            throw LanguageFailure("\(function)(): \(place)\(e.problem)", fix: fix)
        }
    }
}
