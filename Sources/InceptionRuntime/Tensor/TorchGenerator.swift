import Foundation

/// PyTorch's CPU random generator, draw for draw: the 32-bit Mersenne Twister (mt19937) seeded as
/// `torch.manual_seed(seed)` seeds it, and the rules by which ATen's CPU kernels turn its words
/// into numbers (DistributionsHelper.h, TransformationHelper.h, cpu/DistributionTemplates.h,
/// cpu/DistributionKernels.cpp). A program that seeds, draws and builds layers in the order a
/// PyTorch program does gets PyTorch's numbers: exactly, except `normal_` on 16 or more floats,
/// which PyTorch computes with vectorised log/sin/cos (within a unit in the last place).
public struct TorchGenerator: Sendable {
    private var twister: MersenneTwister
    /// The second normal of a Box–Muller pair, kept for the next scalar normal draw
    /// (`normal_distribution<double>` on fewer than 16 values), as PyTorch keeps it.
    private var spareNormal: Double?
    public private(set) var seed: UInt64

    /// `torch.manual_seed(seed)`: the twister takes the seed's low 32 bits.
    public init(seed: UInt64) {
        self.seed = seed
        twister = MersenneTwister(seed: UInt32(truncatingIfNeeded: seed))
    }

    /// One 32-bit word (`generator->random()`).
    public mutating func random() -> UInt32 { twister.next32() }

    /// Two words, the first the high half (`generator->random64()`).
    public mutating func random64() -> UInt64 {
        let high = UInt64(random()), low = UInt64(random())
        return high << 32 | low
    }

    /// `uniform_real_distribution<float>(from, to)`: 24 random bits as a fraction of 2²⁴, scaled
    /// to [from, to) in double and rounded to float (`torch.rand`, `uniform_`).
    public mutating func uniformFloat(_ from: Float, _ to: Float) -> Float {
        let x = Double(random() & 0xFF_FFFF) * 0x1.0p-24
        return Float(x * (Double(to) - Double(from)) + Double(from))
    }

    /// `uniform_real_distribution<double>(0, 1)`: 53 random bits of two words.
    public mutating func uniformDouble() -> Double { Double(random64() & ((1 << 53) - 1)) * 0x1.0p-53 }

    /// `exponential_distribution<double>(1)`: −log1p(−u) of a double uniform (`exponential_()`,
    /// one draw a value, rounded to the tensor's type after).
    public mutating func exponentialDouble() -> Double { -Foundation.log1p(-uniformDouble()) }

    /// `normal_distribution<double>`: Box–Muller on two double uniforms, the pair's second value
    /// kept for the next call.
    public mutating func normalDouble(mean: Double = 0, std: Double = 1) -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare * std + mean
        }
        let u1 = uniformDouble(), u2 = uniformDouble()
        let r = (-2 * Foundation.log1p(-u2)).squareRoot(), theta = 2 * Double.pi * u1
        spareNormal = r * Foundation.sin(theta)
        return r * Foundation.cos(theta) * std + mean
    }

    /// `bernoulli_distribution<double>(p)`: a double uniform below p (the scalar `bernoulli_(p)`
    /// of PyTorch builds without MKL's, and of every build on AMD CPUs; dropout's mask).
    public mutating func bernoulli(_ p: Double) -> Bool { uniformDouble() < p }

    /// `random_(from, to)` / `randint`: a word (two above 2³² values) modulo the range.
    public mutating func integer(below range: UInt64, from base: Int64) -> Int64 {
        let word = range >= 1 << 32 ? random64() : UInt64(random())
        return Int64(bitPattern: word % range) &+ base
    }

    /// `torch.randperm(n)`: 0..<n shuffled in place by swaps with a later position, from the front.
    public mutating func permutation(_ n: Int) -> [Int] {
        var order = Array(0..<n)
        guard n > 1 else { return order }
        for i in 0..<(n - 1) {
            let z = Int(UInt64(random()) % UInt64(n - i))
            order.swapAt(i, i + z)
        }
        return order
    }

    /// `tensor.uniform_(from, to)` on `count` floats, one word each in order.
    public mutating func fillUniform(_ p: UnsafeMutablePointer<Float>, count: Int, from: Double, to: Double) {
        let from = Float(from), to = Float(to)
        for i in 0..<count { p[i] = uniformFloat(from, to) }
    }

    /// `tensor.normal_(mean, std)` (and `torch.randn`) on `count` contiguous floats: from 16 values
    /// up, PyTorch's `normal_fill` (all the float uniforms first, then Box–Muller in blocks of 16,
    /// the last block redrawn when the count is not a multiple of 16) with the block math of the
    /// kernel PyTorch picks on this CPU (`BoxMullerMath.forThisCPU`); below, one
    /// `normal_distribution<double>` draw a value.
    public mutating func fillNormal(_ p: UnsafeMutablePointer<Float>, count: Int, mean: Double, std: Double,
                                    math: BoxMullerMath = .forThisCPU) {
        guard count >= 16 else {
            for i in 0..<count { p[i] = Float(normalDouble(mean: mean, std: std)) }
            return
        }
        for i in 0..<count { p[i] = uniformFloat(0, 1) }
        let mean = Float(mean), std = Float(std)
        var start = 0
        while start + 16 <= count {
            math.block(p + start, mean: mean, std: std)
            start += 16
        }
        if count % 16 != 0 {
            let last = p + (count - 16)
            for i in 0..<16 { last[i] = uniformFloat(0, 1) }
            math.block(last, mean: mean, std: std)
        }
    }
}

/// The float math of PyTorch's Box–Muller blocks, which depends on the kernel build its dispatch
/// picks: `normal_fill_16_AVX2` wherever the build has AVX2, its AVX2 and AVX-512 kernels alike
/// (Cephes polynomials for log and sincos from ATen's avx_mathfun.h, compiled with fused
/// multiply-adds), `normal_fill_16` with the C library's logf, cosf and sinf in the default
/// build (older CPUs, or ATEN_CPU_CAPABILITY=default). Each gives PyTorch's bits on the CPUs
/// where PyTorch uses it: 100,000 values of torch 2.15 on an AVX-512 Zen 4, the same bits under
/// ATEN_CPU_CAPABILITY=avx512 and avx2, matched by Cephes.
public enum BoxMullerMath: Sendable {
    case cephesAVX2, libm

    /// What PyTorch runs on this CPU (the C kernels' instruction set, INCEPTION_ISA included).
    public static var forThisCPU: BoxMullerMath { ["avx2+fma", "avx512f"].contains(CKernelsBuild.instructionSet) ? .cephesAVX2 : .libm }

    /// Values j and j + 8 (j < 8) of a block of 16 uniforms become normal(mean, std) values.
    func block(_ d: UnsafeMutablePointer<Float>, mean: Float, std: Float) {
        for j in 0..<8 {
            let u1 = 1 - d[j], u2 = d[j + 8]
            let n1: Float, n2: Float
            switch self {
            case .cephesAVX2:
                let radius = (-2 * CephesFloat.log(u1)).squareRoot()
                let (sine, cosine) = CephesFloat.sincos(Float(2 * Double.pi) * u2)
                (n1, n2) = (radius * cosine, radius * sine)
            case .libm:
                let radius = (-2 * Foundation.log(u1)).squareRoot()
                let theta = Float(2 * Double.pi * Double(u2))
                (n1, n2) = (radius * Foundation.cos(theta), radius * Foundation.sin(theta))
            }
            d[j] = mean.addingProduct(n1, std)              // fused, as both builds compile it
            d[j + 8] = mean.addingProduct(n2, std)
        }
    }
}

/// avx_mathfun.h's log256_ps and sincos256_ps (Cephes' logf and sincosf polynomials, after Julien
/// Pommier's sse_mathfun), one lane at a time, with the fused multiply-adds PyTorch's build
/// contracts them to: each product that feeds an addition is fused into it.
enum CephesFloat {
    // x > 0 (a Box–Muller u1 in (0, 1])
    static func log(_ x0: Float) -> Float {
        var x = Swift.max(x0, Float(bitPattern: 0x0080_0000))              // no subnormals
        var e = Float(Int32(bitPattern: x.bitPattern >> 23) - 0x7F)
        x = Float(bitPattern: (x.bitPattern & ~0x7F80_0000) | Float(0.5).bitPattern)  // mantissa in [0.5, 1)
        e += 1
        let small = x < Float(0.707106781186547524)
        let tmp: Float = small ? x : 0
        x -= 1
        if small { e -= 1 }
        x += tmp
        let z = x * x
        var y: Float = 7.0376836292E-2
        for c: Float in [-1.1514610310E-1, 1.1676998740E-1, -1.2420140846E-1, 1.4249322787E-1,
                         -1.6668057665E-1, 2.0000714765E-1, -2.4999993993E-1, 3.3333331174E-1] {
            y = c.addingProduct(y, x)
        }
        y = y * x
        y = (e * -2.12194440e-4).addingProduct(y, z)
        y = y.addingProduct(z, -0.5)
        x = x + y
        return x.addingProduct(e, 0.693359375)
    }

    // x ≥ 0 (a Box–Muller angle in [0, 2π))
    static func sincos(_ theta: Float) -> (sin: Float, cos: Float) {
        var signSin = theta.bitPattern & 0x8000_0000
        var x = Float(bitPattern: theta.bitPattern & 0x7FFF_FFFF)
        var j = Int32(x * Float(1.27323954473516))                          // truncated, as cvttps
        j = (j + 1) & ~1
        let yq = Float(j)
        signSin ^= UInt32(bitPattern: j & 4) << 29
        let usesSinePolynomial = j & 2 == 0
        let signCos = UInt32(bitPattern: ~(j &- 2) & 4) << 29
        x = x.addingProduct(yq, -0.78515625)                                 // extended-precision reduction
        x = x.addingProduct(yq, -2.4187564849853515625e-4)
        x = x.addingProduct(yq, -3.77489497744594108e-8)
        let z = x * x
        var c = Float(-1.388731625493765E-003).addingProduct(Float(2.443315711809948E-005), z)
        c = Float(4.166664568298827E-002).addingProduct(c, z)
        c = c * z
        c = (-(z * 0.5)).addingProduct(c, z)
        c = c + 1
        var s = Float(8.3321608736E-3).addingProduct(Float(-1.9515295891E-4), z)
        s = Float(-1.6666654611E-1).addingProduct(s, z)
        s = s * z
        s = x.addingProduct(s, x)
        let (sine, cosine) = usesSinePolynomial ? (s, c) : (c, s)
        return (Float(bitPattern: sine.bitPattern ^ signSin), Float(bitPattern: cosine.bitPattern ^ signCos))
    }
}
