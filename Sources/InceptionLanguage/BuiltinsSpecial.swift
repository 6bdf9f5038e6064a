import Foundation
import InceptionRuntime

/// `torch.special`: the special functions under their SciPy names, each the torch function of
/// the same value (expit is sigmoid), and the inverse error function that erfinv needs.
extension Interpreter {
    func specialNamespace() -> Namespace {
        var members: [String: Value] = [:]
        for name in ["erf", "erfc", "erfinv", "exp2", "expm1", "log1p", "logit", "logsumexp", "softmax", "log_softmax", "sinc", "round"] {
            members[name] = delegating(name, namespace: "torch.special")
        }
        members["expit"] = delegating("sigmoid", namespace: "torch.special")
        members["gammaln"] = delegating("lgamma", namespace: "torch.special")
        members["digamma"] = delegating("digamma", namespace: "torch.special")
        members["psi"] = delegating("digamma", namespace: "torch.special")
        members["polygamma"] = polygammaFunction
        return Namespace("torch.special", members)
    }

    /// torch.polygamma(n, input): n first, then input.polygamma(n).
    var polygammaFunction: Value {
        Self.builtin(Signature("polygamma", [("n", nil), ("input", nil)])) { interpreter, a in
            try interpreter.callBack(try interpreter.getAttribute(.tensor(try a.tensor("input")), "polygamma"), Arguments([a["n"]]))
        }
    }

    /// erf⁻¹(y) for y in [−1, 1] (±∞ at ±1, NaN outside): Giles's single-precision approximation
    /// ("Approximating the erfinv function", 2010), then two Newton steps on erf(x) − y in double.
    static func inverseErf(_ y: Double) -> Double {
        guard !y.isNaN, y >= -1, y <= 1 else { return .nan }
        if y == 1 { return .infinity }
        if y == -1 { return -.infinity }
        var w = -Foundation.log((1 - y) * (1 + y)), p: Double
        if w < 5 {
            w -= 2.5
            p = 2.81022636e-08
            for c in [3.43273939e-07, -3.5233877e-06, -4.39150654e-06, 0.00021858087, -0.00125372503, -0.00417768164, 0.246640727, 1.50140941] { p = c + p * w }
        } else {
            w = w.squareRoot() - 3
            p = -0.000200214257
            for c in [0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773, -0.0076224613, 0.00943887047, 1.00167406, 2.83297682] { p = c + p * w }
        }
        var x = p * y
        for _ in 0..<2 { x -= (Foundation.erf(x) - y) / (2 / Double.pi.squareRoot() * Foundation.exp(-x * x)) }
        return x
    }
}
