import Foundation
import InceptionModel
import InceptionRuntime
import TestSupport
import XCTest

/// The interoperability commands as a user runs them: forward with an image and torchvision
/// weights printing the top-5 ImageNet labels, train mode's aux files, feature-map grids and
/// the sample picture.
final class InteropCommandTests: XCTestCase {
    var dir = ""
    override func setUpWithError() throws { dir = try InceptionBinary.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func run(_ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> CommandResult {
        let r = try InceptionBinary.run(args)
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        return r
    }

    /// A torchvision GoogLeNet whose classifier ignores the image: fc.weight = 0, so the logits
    /// are fc.bias, and the top-5 is known in advance.
    func testTopFiveLabelsFromATorchvisionWeightFileTheTestMade() throws {
        let net = try TorchvisionGoogLeNet(.init(auxLogits: false))
        let fc = try XCTUnwrap(net.module(at: "fc") as? Linear)
        fc.weight.buffer.update(repeating: 0)
        fc.bias!.buffer.update(repeating: 0)
        let top: [(Int, Float)] = [(954, 9), (951, 7), (281, 6), (207, 5), (1, 4)]
        for (index, logit) in top { fc.bias![flat: index] = logit }
        let weights = dir + "/googlenet.safetensors"
        try saveWeights(net, to: weights)
        _ = try run(["sample-image", dir + "/sample.png"])

        let r = try run(["forward", "--weights", weights, "--image", dir + "/sample.png"])
        let denominator = top.map { exp(Double($0.1)) }.reduce(0, +) + Double(1000 - top.count)
        let names = ["banana", "lemon", "tabby", "golden retriever", "goldfish"]
        let expectedTop = zip(top, names).map { (entry, name) in
            String(format: "  %7.2f%%  ", exp(Double(entry.1)) / denominator * 100) + "\(name) (\(entry.0))"
        }
        let lines = r.stdout.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("forward    ") }
        XCTAssertEqual(lines, [
            "network    torchvision's GoogLeNet, transform_input off",
            "note       torchvision's branch3 (the \"5×5\" branch) uses a 3×3 kernel with padding 1: a known bug in torchvision, kept so that its pretrained weights still fit",
            "image      \(dir)/sample.png: 320×240 → resized 341×256 (shorter side 256, bilinear) → centre crop 224×224 → ImageNet normalisation",
            "input      1×3×224×224",
            "logits     1×1000",
            "top-5 (image 1 of 1)",
        ] + expectedTop)
        XCTAssertEqual(expectedTop, ["    75.02%  banana (954)", "    10.15%  lemon (951)", "     3.74%  tabby (281)",
                                     "     1.37%  golden retriever (207)", "     0.51%  goldfish (1)"])
        XCTAssertEqual(r.stderr, "")
    }

    /// With dropout 0, train mode is deterministic; aux1.npy is the head after inception4a and
    /// aux2.npy the head after inception4d, whatever order torchvision returns them in.
    func testTrainModeWritesAuxFilesByHead() throws {
        let r = try run(["forward", "--variant", "torchvision", "--random", "1,3,224,224", "--mode", "train",
                         "--dropout", "0", "--seed", "7", "--top", "0", "--output-dir", dir])
        XCTAssertTrue(r.stdout.contains("aux1       1×1000\naux2       1×1000\nlogits     1×1000\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("torchvision returns (logits, aux2, aux1) in train mode"), r.stdout)
        XCTAssertFalse(r.stdout.contains("top-"), r.stdout)

        // The same network, input and mode in-process.
        DefaultGenerator.seed(7)
        let net = try TorchvisionGoogLeNet(ModelFromWeights.torchvisionOptions(for: nil, dropout: 0))
        var rng = SeededRandom(seed: 7)
        let x = Tensor.randn([1, 3, 224, 224], rng: &rng)
        net.setTraining(true)
        let out = try net.run(x, ExecutionContext(seed: 7))
        assertClose(try readNpy(path: dir + "/aux1.npy"), try XCTUnwrap(out.auxLogits1), tolerance: 1e-5, "aux1")
        assertClose(try readNpy(path: dir + "/aux2.npy"), try XCTUnwrap(out.auxLogits2), tolerance: 1e-5, "aux2")
        assertClose(try readNpy(path: dir + "/logits.npy"), out.logits, tolerance: 1e-5, "logits")
    }

    func testFeaturesOfTheBuiltInSample() throws {
        let grid = dir + "/inception3a.png"
        let r = try run(["features", "--module", "inception3a", "--out", grid])
        XCTAssertEqual(r.stdout, """
            image      the built-in sample picture: 320×240 → resized 341×256 (shorter side 256, bilinear) → centre crop 224×224 → ImageNet normalisation
            network    the seed's Inception_V1, random weights (seed 0), eval mode
            module     inception3a (Inception) output 1×256×28×28
            wrote      \(grid): 256 channels in a 16×16 grid, each 28×28 map drawn 56×56, 930×1058 pixels; channel numbers above the tiles, each channel scaled on its own from dark purple (lowest) to yellow (highest)

            """)
        let png = try Data(contentsOf: URL(fileURLWithPath: grid))
        XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
        // IHDR: width and height, big-endian, at bytes 16…23.
        XCTAssertEqual(png[16..<24].reduce(into: [UInt8]()) { $0.append($1) }, [0, 0, 0x03, 0xA2, 0, 0, 0x04, 0x22])
    }

    func testFeaturesOfATorchvisionBranch() throws {
        let r = try run(["features", "--variant", "torchvision", "--module", "inception3a.branch3", "--out", dir + "/b3.png"])
        XCTAssertTrue(r.stdout.contains("module     inception3a.branch3 (Sequential) output 1×32×28×28\n"), r.stdout)
    }

    func testFeatureErrorsAreOneLine() throws {
        let unknown = try InceptionBinary.run(["features", "--module", "inception9z", "--out", dir + "/x.png"])
        XCTAssertNotEqual(unknown.status, 0)
        XCTAssertEqual(unknown.stderr, "Error: no module 'inception9z' in the seed's Inception_V1; its top-level modules are conv1, maxpool1, conv2a, conv2b, maxpool2, inception3a, inception3b, maxpool3, inception4a, inception4b, inception4c, inception4d, inception4e, maxpool4, inception5a, inception5b, aux1, aux2, gap, dropout, classifier (use a dotted path for a part, e.g. inception3a.conv3x3)\n")
        let head = try InceptionBinary.run(["features", "--module", "classifier", "--out", dir + "/x.png"])
        XCTAssertEqual(head.stderr, "Error: classifier's output 1×1000 is not a stack of 2-D maps (N, C, H, W); pick a convolution, pool or Inception module\n")
        let aux = try InceptionBinary.run(["features", "--module", "aux1", "--out", dir + "/x.png"])
        XCTAssertEqual(aux.stderr, "Error: aux1 (AuxOut) did not run in eval mode: the aux heads run in train mode only; pick a module on the main path\n")
        let notImage = dir + "/notes.png"
        try Data("hello".utf8).write(to: URL(fileURLWithPath: notImage))
        let bad = try InceptionBinary.run(["forward", "--image", notImage])
        XCTAssertEqual(bad.stderr, "Error: \(notImage): not a PNG or JPEG image (it starts with bytes 68 65 6c 6c): convert it to PNG or JPEG first\n")
    }

    func testSampleImageCommandWritesTheCommittedPicture() throws {
        _ = try run(["sample-image", dir + "/sample.png"])
        let committed = Self.repository.appendingPathComponent("Lessons/assets/sample.png")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dir + "/sample.png")), try Data(contentsOf: committed))
    }
}
