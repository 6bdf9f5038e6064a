import Foundation

/// ψ (digamma) and ψ′ (trigamma) in double precision, for torch.digamma, the gradient of
/// torch.lgamma, and the gradient of digamma. Both: the recurrence ψ(x) = ψ(x + 1) − 1/x up
/// to x ≥ 6, then the asymptotic series; below zero the reflection formulas. At 0 and the
/// negative integers, PyTorch's values: digamma −inf at 0 (−0: +inf), NaN at the negative ones.
enum GammaFunctions {
    static func digamma(_ given: Double) -> Double {
        var x = given
        if x == 0 { return x.sign == .minus ? .infinity : -.infinity }
        if x < 0 {
            if x == x.rounded(.down) { return .nan }
            // ψ(x) = ψ(1 − x) − π / tan(πx)
            return digamma(1 - x) - Double.pi / Foundation.tan(Double.pi * x)
        }
        var result = 0.0
        while x < 6 { result -= 1 / x; x += 1 }
        let inverseSquare = 1 / (x * x)
        // ln x − 1/(2x) − Σ B₂ₖ / (2k x^{2k})
        let series = inverseSquare * (1.0 / 12 - inverseSquare * (1.0 / 120 - inverseSquare * (1.0 / 252 - inverseSquare * (1.0 / 240 - inverseSquare / 132))))
        return result + Foundation.log(x) - 0.5 / x - series
    }

    static func trigamma(_ given: Double) -> Double {
        var x = given
        if x <= 0, x == x.rounded(.down) { return .infinity }
        if x < 0 {
            // ψ′(x) = π² / sin²(πx) − ψ′(1 − x)
            let s = Foundation.sin(Double.pi * x)
            return Double.pi * Double.pi / (s * s) - trigamma(1 - x)
        }
        var result = 0.0
        while x < 6 { result += 1 / (x * x); x += 1 }
        let inverse = 1 / x, inverseSquare = inverse * inverse
        // 1/x + 1/(2x²) + Σ B₂ₖ / x^{2k+1}
        let series = inverse * inverseSquare * (1.0 / 6 - inverseSquare * (1.0 / 30 - inverseSquare * (1.0 / 42 - inverseSquare / 30)))
        return result + inverse + 0.5 * inverseSquare + series
    }
}
