/// The 32-bit Mersenne Twister (mt19937): 624 words, twisted in place 624 at a time, each word
/// tempered as it is read. Seeded from one word (`init_genrand`: PyTorch's manual_seed) or from an
/// array of words (`init_by_array`: CPython's random.seed); the two generators built on it
/// (`TorchGenerator`, the language's Python `random`) differ only in how they turn words into numbers.
public struct MersenneTwister: Sendable {
    private var words: [UInt32]
    private var next = 624               // the word to temper next; 624: twist first

    /// init_genrand(s)
    public init(seed: UInt32) {
        var w = [UInt32](repeating: 0, count: 624)
        w[0] = seed
        for i in 1..<624 { w[i] = 1_812_433_253 &* (w[i - 1] ^ (w[i - 1] >> 30)) &+ UInt32(i) }
        words = w
    }

    /// init_by_array(key): init_genrand(19650218), then the key mixed in, as CPython seeds.
    public init(key: [UInt32]) {
        self.init(seed: 19_650_218)
        let key = key.isEmpty ? [0] : key
        var (i, j) = (1, 0)
        for _ in 0..<max(624, key.count) {
            words[i] = (words[i] ^ ((words[i - 1] ^ (words[i - 1] >> 30)) &* 1_664_525)) &+ key[j] &+ UInt32(j)
            i += 1; j += 1
            if i >= 624 { words[0] = words[623]; i = 1 }
            if j >= key.count { j = 0 }
        }
        for _ in 0..<623 {
            words[i] = (words[i] ^ ((words[i - 1] ^ (words[i - 1] >> 30)) &* 1_566_083_941)) &- UInt32(i)
            i += 1
            if i >= 624 { words[0] = words[623]; i = 1 }
        }
        words[0] = 0x8000_0000
    }

    /// The next tempered word (genrand_uint32).
    public mutating func next32() -> UInt32 {
        if next >= 624 { twist() }
        var y = words[next]
        next += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        return y ^ (y >> 18)
    }

    private mutating func twist() {
        words.withUnsafeMutableBufferPointer { w in
            for k in 0..<624 {
                let y = (w[k] & 0x8000_0000) | (w[(k + 1) % 624] & 0x7FFF_FFFF)
                w[k] = w[(k + 397) % 624] ^ (y >> 1) ^ (y & 1 == 0 ? 0 : 0x9908_B0DF)
            }
        }
        next = 0
    }
}
