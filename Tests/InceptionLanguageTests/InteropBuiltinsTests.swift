import Foundation
import InceptionImaging
import InceptionLanguage
import InceptionNetworkBuiltins
import InceptionModel
import InceptionRuntime
import TestSupport
import XCTest

/// The lesson language's pictures and PyTorch interop: load_image, sample_image,
/// save_feature_grid, save_weights ↔ load_weights, and torchvision's GoogLeNet.
final class InteropBuiltinsTests: XCTestCase {
    struct Missing: Error { let name: String }
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("lang-interop-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// An interpreter reading and writing relative paths in the test's own folder.
    func interpreter() -> Interpreter {
        let interpreter = Interpreter(builtins: .networksAndPictures)
        interpreter.baseDirectory = directory.path
        return interpreter
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func tensor(_ name: String, in interpreter: Interpreter) throws -> Tensor {
        guard case .tensor(let x)? = interpreter.global(name) else { throw Missing(name: name) }
        return x
    }

    func module(_ name: String, in interpreter: Interpreter) throws -> Module {
        guard case .module(let m)? = interpreter.global(name) else { throw Missing(name: name) }
        return m
    }

    /// Runs `source` as file `name` and returns the rendered error (the test fails if it succeeds).
    func failure(_ source: String, name: String = "interop.inc") -> String {
        let script = Script(text: source, file: name)
        let result = script.run(in: interpreter())
        XCTAssertEqual(result.exitCode, 70, "expected a runtime error from: \(source)")
        return script.render(result)
    }

    // MARK: images

    /// A one-colour 300×260 PNG: after resize and crop every pixel is the same, so each channel
    /// is (byte / 255 − mean) / std everywhere.
    func testLoadImageReadsAPNGRelativeToTheLessonFolder() throws {
        let color: (r: UInt8, g: UInt8, b: UInt8) = (255, 128, 0)
        try ImageFile.write(RGBImage(width: 300, height: 260, fill: color), to: path("photo.png"))
        let interpreter = interpreter()
        let output = InterpreterTests.run("""
        x = load_image("photo.png")
        print(x.shape)
        """, interpreter: interpreter)
        XCTAssertEqual(output, "torch.Size([1, 3, 224, 224])\n")
        let x = try tensor("x", in: interpreter)
        let bytes: [Float] = [Float(color.r), Float(color.g), Float(color.b)]
        for c in 0..<3 {
            let expected = (bytes[c] / 255 - ImageNetPreprocessing.mean[c]) / ImageNetPreprocessing.std[c]
            for (h, w) in [(0, 0), (111, 57), (223, 223)] {
                XCTAssertEqual(x[0, c, h, w], expected, accuracy: 1e-5, "channel \(c) at (\(h), \(w))")
            }
        }
        assertClose(x, try loadImage(path("photo.png")), tolerance: 0, "load_image against loadImage")
    }

    func testSampleImageIsThePreprocessedSamplePicture() throws {
        let interpreter = interpreter()
        XCTAssertEqual(InterpreterTests.run("s = sample_image()\nprint(s.shape)", interpreter: interpreter),
                       "torch.Size([1, 3, 224, 224])\n")
        let expected = try ImageNetPreprocessing.tensor(from: SampleImage.draw())
        assertClose(try tensor("s", in: interpreter), expected, tolerance: 0, "sample_image()")
    }

    func testSaveFeatureGridWritesAPNGThatReadsBack() throws {
        let interpreter = interpreter()
        InterpreterTests.run("""
        fmap = relu(Conv2d(3, 5, 3, padding=1)(randn(1, 3, 6, 6, seed=1)))
        save_feature_grid(fmap, "grid.png")
        save_feature_grid(fmap, "shared.png", shared_scale=True)
        """, interpreter: interpreter)
        let fmap = try tensor("fmap", in: interpreter)
        let image = try ImageFile.read(path("grid.png"))
        let layout = FeatureMapGrid().layout(channels: 5, height: 6, width: 6)
        XCTAssertEqual([image.width, image.height], [layout.imageWidth, layout.imageHeight])
        XCTAssertEqual(image, try FeatureMapGrid().render(fmap))
        XCTAssertEqual(try ImageFile.read(path("shared.png")), try FeatureMapGrid(scaling: .shared).render(fmap))
    }

    // MARK: weights

    /// A block trained for one step (running statistics and num_batches_tracked moved), saved,
    /// and loaded into a block with other weights: the same outputs, and the counter written
    /// as int64 as PyTorch keeps it.
    func testSaveWeightsThenLoadWeightsGivesEqualOutputs() throws {
        let interpreter = interpreter()
        let output = InterpreterTests.run("""
        x = randn(2, 3, 8, 8, seed=4)
        a = Sequential(Conv2d(3, 4, 3, padding=1), BatchNorm2d(4), ReLU())
        a.train()
        y = a(x)
        a.eval()
        save_weights(a, "a.safetensors")
        manual_seed(11)
        b = Sequential(Conv2d(3, 4, 3, padding=1), BatchNorm2d(4), ReLU())
        b.eval()
        print(allclose(a(x), b(x)))
        load_weights(b, "a.safetensors")
        print(allclose(a(x), b(x), rtol=0, atol=0))
        print(b.state_dict()["1.num_batches_tracked"].item())
        """, interpreter: interpreter)
        XCTAssertEqual(output, "False\nTrue\n1\n")     // an int, as PyTorch gives for int64
        let header = try safetensorsHeader(path("a.safetensors"))
        XCTAssertEqual((header["1.num_batches_tracked"] as? [String: Any])?["dtype"] as? String, "I64")
        XCTAssertEqual((header["1.running_mean"] as? [String: Any])?["dtype"] as? String, "F32")
        XCTAssertEqual((header["__metadata__"] as? [String: String])?["format"], "pt")
    }

    /// torchvision's GoogLeNet saved from the language and loaded into a freshly built one.
    func testGoogLeNetRoundTripsThroughSaveWeights() throws {
        let interpreter = interpreter()
        let output = InterpreterTests.run("""
        net = torchvision.models.googlenet(transform_input=True).eval()
        save_weights(net, "googlenet.safetensors")
        other = googlenet(init_weights=False, transform_input=True).eval()
        load_weights(other, "googlenet.safetensors")
        x = randn(1, 3, 64, 64, seed=3)
        print(net(x).shape, allclose(net(x), other(x), rtol=0, atol=0))
        """, interpreter: interpreter)
        XCTAssertEqual(output, "torch.Size([1, 1000]) True\n")
        let file = try SafeTensorsFile.read(path: path("googlenet.safetensors"))
        XCTAssertEqual(file.order.count, 364)
        XCTAssertEqual(file.metadata["transform_input"], "True")
    }

    // MARK: torchvision's GoogLeNet

    func testGoogLeNetHasTorchvisionsStateDictInOrder() throws {
        let expected = try Fixtures.stateDictKeys("torchvision")
        XCTAssertEqual(expected.count, 364)
        for source in ["net = torchvision.models.googlenet(num_classes=1000, aux_logits=True, transform_input=False, init_weights=True)",
                       "import torchvision.models as models\nnet = models.googlenet()",
                       "from torchvision.models import googlenet as build\nnet = build(init_weights=False)"] {
            let interpreter = interpreter()
            InterpreterTests.run(source, interpreter: interpreter)
            let net = try module("net", in: interpreter)
            XCTAssertEqual(net.typeName, "GoogLeNet", source)
            let ours = net.stateDict()
            XCTAssertEqual(ours.map(\.name), expected.map(\.0), source)
            XCTAssertEqual(ours.map(\.tensor.shape), expected.map(\.1), source)
        }
        let interpreter = interpreter()
        XCTAssertEqual(InterpreterTests.run("""
        net = googlenet(aux_logits=False, num_classes=10)
        print(len(net.state_dict()), params(net), net.fc.out_features)
        """, interpreter: interpreter), "344 5610154 10\n")
    }

    // MARK: errors

    func testErrorsAreOneLineNamingTheFileAsWritten() throws {
        try Data("hello".utf8).write(to: URL(fileURLWithPath: path("notes.png")))
        let folder = directory.path
        let cases: [(String, String)] = [
            ("x = load_image(\"missing.png\")", """
            interop.inc:1:5: error: load_image(): missing.png: no such file: check the path
               1 | x = load_image("missing.png")
                 |     ^
              fix: a relative path is read from the lesson's folder, \(folder)
            """),
            ("x = load_image(\"notes.png\")", """
            interop.inc:1:5: error: load_image(): notes.png: not a PNG or JPEG image (it starts with bytes 68 65 6c 6c): convert it to PNG or JPEG first
               1 | x = load_image("notes.png")
                 |     ^
            """),
            ("save_feature_grid(randn(2, 10), \"g.png\")", """
            interop.inc:1:1: error: save_feature_grid(): needs a 4-D output (N, C, H, W) with values, got 2×10; pick a module whose output is a stack of 2-D maps
               1 | save_feature_grid(randn(2, 10), "g.png")
                 | ^
            """),
            ("save_feature_grid(randn(1, 2, 3, 3), \"g.jpg\")", """
            interop.inc:1:1: error: save_feature_grid() writes .png files, got 'g.jpg'
               1 | save_feature_grid(randn(1, 2, 3, 3), "g.jpg")
                 | ^
              fix: end the file name with .png
            """),
            ("save_weights(Conv2d(1, 1, 1), \"w.pt\")", """
            interop.inc:1:1: error: save_weights() writes .safetensors files, got 'w.pt'
               1 | save_weights(Conv2d(1, 1, 1), "w.pt")
                 | ^
              fix: end the file name with .safetensors
            """),
            ("net = googlenet(weights=\"IMAGENET1K_V1\")", """
            interop.inc:1:7: error: googlenet(): weights='IMAGENET1K_V1' would download them; nothing is downloaded here
               1 | net = googlenet(weights="IMAGENET1K_V1")
                 |       ^
              fix: build it with googlenet(init_weights=False) and load a converted file: load_weights(net, "googlenet.safetensors") (docs/torchvision.md)
            """),
        ]
        for (source, expected) in cases {
            XCTAssertEqual(failure(source), expected, source)
        }
    }

    /// The JSON header of a safetensors file: name → {dtype, shape, data_offsets}.
    func safetensorsHeader(_ path: String) throws -> [String: Any] {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let length = bytes[0..<8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        let json = try JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + length)]))
        return try XCTUnwrap(json as? [String: Any])
    }
}
