import InceptionModel
import InceptionRuntime
import TestSupport
import XCTest

/// Both variants end to end: every parameter gets a gradient (train mode, aux heads on), and
/// the gradient predicts how the loss changes along a random direction (a finite difference
/// in eval mode, where the loss is a smooth function of the weights).
final class WholeNetworkGradientTests: XCTestCase {
    func network(_ variant: InceptionVariant) throws -> any InceptionNetwork {
        DefaultGenerator.seed(11)
        return try ModelFromWeights.network(variant: variant, weights: nil, dropout: 0, numClasses: 10)
    }

    func everyParameterGetsAGradient(_ variant: InceptionVariant) throws {
        let net = try network(variant)
        net.setTraining(true)
        var rng = SeededRandom(seed: 2)
        let out = try net.outputs(Tensor.randn([2, 3, 224, 224], rng: &rng), ExecutionContext())
        XCTAssertNotNil(out.aux1); XCTAssertNotNil(out.aux2)
        try Autograd.backward(try out.totalLoss(labels: [1, 8]))
        for (name, p) in net.namedParameters() {
            let g = try XCTUnwrap(p.grad, "\(variant) \(name) got no gradient")
            XCTAssertTrue(g.values.allSatisfy(\.isFinite), "\(variant) \(name)")
            XCTAssertTrue(g.values.contains { $0 != 0 } || name.hasSuffix("layer.0.bias"), "\(variant) \(name) is all zeros")
        }
    }
    func testEverySeedParameterGetsAGradient() throws { try everyParameterGetsAGradient(.seed) }
    func testEveryTorchvisionParameterGetsAGradient() throws { try everyParameterGetsAGradient(.torchvision) }

    /// (L(θ + εd) − L(θ − εd)) / 2ε ≈ ⟨∇L, d⟩ for a random direction d over every parameter.
    func directionalDerivative(_ variant: InceptionVariant) throws {
        let net = try network(variant)
        net.setTraining(false)
        var rng = SeededRandom(seed: 5)
        let x = Tensor.randn([2, 3, 96, 96], rng: &rng)
        func loss() throws -> Tensor { try net.outputs(x, ExecutionContext()).totalLoss(labels: [3, 6]) }
        try Autograd.backward(try loss())
        let params = net.namedParameters().map(\.tensor)
        // Each tensor moves in proportion to its own scale (BatchNorm's γ of 1 as well as
        // std-0.01 convolution weights), so ε is a small relative step for every one of them.
        let directions = params.map { p -> Tensor in
            let d = Tensor.randn(p.shape, rng: &rng)
            let rms = Float((GradientNormsProbe.sumOfSquares(p) / Double(max(p.count, 1))).squareRoot())
            for i in 0..<d.count { d.data[i] *= max(rms, 1e-3) }
            return d
        }
        var predicted = 0.0
        for (p, d) in zip(params, directions) {
            guard let g = p.grad else { continue }          // the aux heads do not run in eval mode
            for i in 0..<p.count { predicted += Double(g.data[i]) * Double(d.data[i]) }
        }
        let eps: Float = 1e-2
        func shift(_ sign: Float) { for (p, d) in zip(params, directions) { for i in 0..<p.count { p.data[i] += sign * eps * d.data[i] } } }
        let measured = try GradMode.with(enabled: false) { () throws -> Double in
            shift(1); let plus = try loss().scalar
            shift(-2); let minus = try loss().scalar
            shift(1)
            return Double(plus - minus) / Double(2 * eps)
        }
        XCTAssertEqual(measured, predicted, accuracy: 0.02 * abs(predicted), "\(variant): finite difference \(measured), gradient \(predicted)")
    }
    func testSeedGradientPredictsTheLossChange() throws { try directionalDerivative(.seed) }
    func testTorchvisionGradientPredictsTheLossChange() throws { try directionalDerivative(.torchvision) }
}

enum GradientNormsProbe {
    static func sumOfSquares(_ t: Tensor) -> Double { t.values.reduce(0) { $0 + Double($1) * Double($1) } }
}
