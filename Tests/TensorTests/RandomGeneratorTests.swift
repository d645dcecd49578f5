import Tensor
import Testing

struct RandomGeneratorTests {
    @Test func sameSeed_sameStream() {
        var a = RandomGenerator(seed: 42), b = RandomGenerator(seed: 42)
        for _ in 0..<100 { #expect(a.next() == b.next()) }
    }

    @Test func differentSeeds_differentStreams() {
        var a = RandomGenerator(seed: 1), b = RandomGenerator(seed: 2)
        #expect((0..<10).map { _ in a.next() } != (0..<10).map { _ in b.next() })
    }

    @Test func nextUnit_staysInHalfOpenUnitInterval_withMeanNearHalf() {
        var rng = RandomGenerator(seed: 3)
        var sum = 0.0
        for _ in 0..<100_000 {
            let u = rng.nextUnit()
            #expect(u >= 0 && u < 1)
            sum += Double(u)
        }
        #expect(abs(sum / 100_000 - 0.5) < 0.01)
    }

    @Test func permutation_containsEveryIndexOnce_andDependsOnSeed() {
        var rng = RandomGenerator(seed: 5), order: [Int32] = []
        rng.permutation(1000, into: &order)
        #expect(order.sorted() == Array(0..<1000))
        #expect(order != Array(0..<1000))
        var again = RandomGenerator(seed: 5), second: [Int32] = []
        again.permutation(1000, into: &second)
        #expect(order == second)
    }

    @Test func fork_givesIndependentReproducibleStreams() {
        var a = RandomGenerator(seed: 9), b = RandomGenerator(seed: 9)
        var fa = a.fork(), fb = b.fork()
        #expect(fa.next() == fb.next())
        #expect(a.next() != fa.next())
    }
}
