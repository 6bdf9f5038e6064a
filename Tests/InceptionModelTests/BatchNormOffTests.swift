import Foundation
import InceptionModel
import InceptionRuntime
import TestSupport
import XCTest

/// The seed network without BatchNorm (`inception train --batchnorm off`), against PyTorch
/// (Tests/TestSupport/Fixtures/grad/make_batchnorm_off_fixtures.py), and Kaiming's init.
final class BatchNormOffTests: XCTestCase {
    /// Loads the fixture's weights under `prefix`, runs forward and backward with its
    /// upstream gradient, and compares output, dL/dx and every dL/dθ with PyTorch's.
    func check(_ prefix: String, _ block: Module) throws {
        let f = try Fixtures.safetensors("grad/grad_nobn_blocks")
        let names = Set(block.stateDict().map(\.name))
        try block.loadStateDict(f.tensors.filter { $0.key.hasPrefix(prefix) && names.contains(String($0.key.dropFirst(prefix.count))) },
                                prefix: prefix)
        block.setTraining(true)
        let x = try XCTUnwrap(f.tensors[prefix + "input"]).copy()
        x.requiresGrad = true
        let y = try block(x, ExecutionContext())
        assertRelativelyClose(y, try XCTUnwrap(f.tensors[prefix + "expected.output"]), tolerance: 1e-5, prefix + "output")
        try Autograd.backward(y, gradient: try XCTUnwrap(f.tensors[prefix + "grad_output"]))
        assertRelativelyClose(try XCTUnwrap(x.grad), try XCTUnwrap(f.tensors[prefix + "expected.grad.input"]), tolerance: 1e-4, prefix + "dL/dx")
        let parameters = block.namedParameters()
        XCTAssertEqual(parameters.count, f.tensors.keys.filter { $0.hasPrefix(prefix + "expected.grad.") }.count - 1)
        for (name, p) in parameters {
            assertRelativelyClose(try XCTUnwrap(p.grad, name), try XCTUnwrap(f.tensors[prefix + "expected.grad." + name], name),
                                  tolerance: 1e-4, prefix + "dL/d " + name)
        }
    }

    func testBasicConv2dWithoutBatchNormMatchesPyTorch() throws {
        let block = try SeedBlocks.basicConv2d(5, 7, 3, 2, padding: 1, batchNorm: false)
        XCTAssertEqual(block.stateDict().map(\.name), ["layer.0.weight", "layer.0.bias"])
        try check("basic.", block)
    }

    func testInceptionWithoutBatchNormMatchesPyTorch() throws {
        try check("inception.", try SeedBlocks.inception(16, .init(8, 8, 12, 4, 6, 6), 32, batchNorm: false))
    }

    /// Every name and shape PyTorch's state_dict has for the network without BatchNorm, in
    /// its order; a model file of such a network builds the same network again.
    func testStateDictNamesAreTorchs() throws {
        let net = try InceptionV1(.init(numClasses: 12, batchNorm: false))
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("grad/state_dict_nobn.json")))
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let keys = try XCTUnwrap(object["keys"] as? [[Any]])
        XCTAssertEqual(net.stateDict().map(\.name), keys.map { $0[0] as! String })
        XCTAssertEqual(net.stateDict().map(\.tensor.shape), keys.map { $0[1] as! [Int] })
        XCTAssertFalse(net.stateDict().contains { $0.name.contains("running_mean") })
        XCTAssertEqual(net.signature, "Inception_V1(init_weights=True, p=0.5, use_aux=True, in_channel=3, num_classes=12, batch_norm=False)")
        XCTAssertEqual(net.child("conv1")!.description, """
            BasicConv2d(
              (layer): Sequential(
                (0): Conv2d(3, 64, kernel_size=(7, 7), stride=(2, 2), padding=(3, 3))
                (1): ReLU()
              )
            )
            """)

        let options = ModelFromWeights.options(for: Dictionary(uniqueKeysWithValues: net.stateDict().map { ($0.name, $0.tensor) }))
        XCTAssertFalse(options.batchNorm)
        XCTAssertEqual(options.numClasses, 12)
        XCTAssertTrue(ModelFromWeights.options(for: Dictionary(uniqueKeysWithValues: try InceptionV1(.init(numClasses: 12)).stateDict()
            .map { ($0.name, $0.tensor) })).batchNorm)
    }

    /// Kaiming's init: every convolution's weights have mean ≈ 0 and std ≈ √(2 / fan_in);
    /// biases 0; Linear layers keep PyTorch's default U(±1/√fan_in).
    func testKaimingInit() throws {
        DefaultGenerator.seed(5)
        let net = try InceptionV1(.init(useAux: false, numClasses: 12, batchNorm: false, weightInit: .kaiming))
        var convolutions = 0
        for (path, m) in net.namedModules() {
            if let conv = m as? Conv2d {
                let w = conv.weight.values.map(Double.init)
                let mean = w.reduce(0, +) / Double(w.count)
                let std = (w.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(w.count)).squareRoot()
                let expected = (2 / Double(conv.inChannels * conv.window.kernel.h * conv.window.kernel.w)).squareRoot()
                // the sample std of n normals is within 4·σ/√(2n) of σ (n ≥ 1,024 here)
                XCTAssertEqual(std, expected, accuracy: 4 * expected / (2 * Double(w.count)).squareRoot(), path)
                XCTAssertEqual(mean, 0, accuracy: 4 * expected / Double(w.count).squareRoot(), path)
                XCTAssertEqual(conv.bias?.values.allSatisfy { $0 == 0 }, true, path)
                convolutions += 1
            }
        }
        XCTAssertEqual(convolutions, 57)
        let classifier = try XCTUnwrap(net.child("classifier") as? Linear)
        XCTAssertLessThanOrEqual(classifier.weight.values.map(abs).max()!, 1 / Float(1024).squareRoot())
        XCTAssertEqual(WeightInit.kaiming.std(try Conv2d(480, 16, kernelSize: 1)), (2.0 / 480).squareRoot(), accuracy: 1e-7)
    }

    /// The dead network, computed: without BatchNorm, std-0.01 weights shrink the signal at every
    /// layer (a 1×1 conv over c channels multiplies the std by about 0.01·√(c/2)), so the
    /// logits are the classifier's bias for every image and conv1 gets no gradient.
    func testWithoutBatchNormTheSeedInitIsDead() throws {
        func probe(_ options: InceptionV1.Options) throws -> (spread: Float, conv1: Double) {
            DefaultGenerator.seed(1)
            let net = try InceptionV1(options)
            net.setTraining(true)
            var rng = SeededRandom(seed: 2)
            let x = Tensor.randn([2, 3, 224, 224], rng: &rng)
            let out = try net.run(x, ExecutionContext())
            let logits = out.logits.values
            let spread = (0..<12).map { abs(logits[$0] - logits[12 + $0]) }.max()!
            try Autograd.backward(out.logits, gradient: Tensor(repeating: 1.0 / 24, shape: [2, 12]))     // d mean(logits)
            let conv1 = GradientNorms.byLayer(net).first { $0.path == "conv1.layer.0" }!.norm
            return (spread, conv1)
        }
        let dead = try probe(.init(dropout: 0, numClasses: 12, batchNorm: false))
        let kaiming = try probe(.init(dropout: 0, numClasses: 12, batchNorm: false, weightInit: .kaiming))
        let withBN = try probe(.init(dropout: 0, numClasses: 12))
        XCTAssertLessThan(dead.spread, 1e-6, "the two images' logits differ")
        XCTAssertLessThan(dead.conv1, 1e-6)
        XCTAssertGreaterThan(kaiming.spread, 1e-2)
        XCTAssertGreaterThan(kaiming.conv1, 1e-3)
        XCTAssertGreaterThan(withBN.spread, 1e-2)
    }
}
