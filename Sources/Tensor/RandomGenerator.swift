/// The one seeded random number generator of mlplab: xoshiro256** (Blackman & Vigna 2018),
/// its state filled from the seed by SplitMix64.
///
/// It drives weight initialisation, dropout masks and shuffling, so a spec with the same seed
/// (and BLAS thread count) trains to bit-identical metrics. Each consumer gets its own stream
/// through `fork()`, so adding dropout does not change the shuffling order.
public struct RandomGenerator: RandomNumberGenerator, Sendable {
    /// Inlinable (as are the draws) so that callers in other modules draw without a call per number:
    /// an elastic field is 1,568 draws an image, and a call each was a fifth of such an epoch.
    @usableFromInline var s: (UInt64, UInt64, UInt64, UInt64)

    public init(seed: UInt64) {
        var x = seed
        func splitmix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s = (splitmix(), splitmix(), splitmix(), splitmix())
    }

    /// The four state words, to save a stream (a checkpoint) and continue it later bit for bit.
    public var state: [UInt64] { [s.0, s.1, s.2, s.3] }

    /// A generator continuing from a saved `state` (four words, not all zero).
    public init(state: [UInt64]) {
        precondition(state.count == 4 && state.contains { $0 != 0 }, "RandomGenerator: a state is four words, not all 0")
        s = (state[0], state[1], state[2], state[3])
    }

    @inlinable public mutating func next() -> UInt64 {
        let result = rotl(s.1 &* 5, 7) &* 9
        let t = s.1 << 17
        s.2 ^= s.0; s.3 ^= s.1; s.1 ^= s.2; s.0 ^= s.3
        s.2 ^= t
        s.3 = rotl(s.3, 45)
        return result
    }

    @inlinable @inline(__always) func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A new independent generator seeded from this one.
    public mutating func fork() -> RandomGenerator { RandomGenerator(seed: next()) }

    /// Uniform in [0, 1) with 24 bits of resolution.
    @inlinable @inline(__always) public mutating func nextUnit() -> Float {
        Float(next() >> 40) * (1.0 / 16_777_216.0)
    }

    /// Uniform in [low, high).
    @inlinable public mutating func uniform(_ low: Float, _ high: Float) -> Float { low + (high - low) * nextUnit() }

    /// A uniformly random permutation of 0..<n (Fisher–Yates), written into `indices`.
    public mutating func permutation(_ n: Int, into indices: inout [Int32]) {
        if indices.count != n { indices = Array(0..<Int32(n)) } else { for i in 0..<n { indices[i] = Int32(i) } }
        guard n > 1 else { return }
        for i in stride(from: n - 1, to: 0, by: -1) {
            let j = Int(next() % UInt64(i + 1))
            indices.swapAt(i, j)
        }
    }
}
