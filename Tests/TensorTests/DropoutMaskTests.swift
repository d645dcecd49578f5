import EngineSupport
import Tensor
import Testing

/// Dropout's mask (the C kernel `dropout_mask`) on every engine this CPU runs: the draws of
/// `RandomGenerator.nextUnit()` in order, the same bits as the Swift loop it replaced, and the
/// generator left where that loop leaves it.
struct DropoutMaskTests {
    @Test(arguments: Engines.names.filter { $0.hasPrefix("cpu/") })
    func mask_isTheGeneratorsDraws_andTheStreamGoesOnFromThere(engine: String) throws {
        let backend = try Engine.backend(named: engine)
        for (count, p) in [(1, Float(0.5)), (37, 0.2), (3_200, 0.9), (4_096, 0.05)] {
            var rng = RandomGenerator(seed: UInt64(count)), expected = rng
            let scale = 1 / (1 - p)
            let want = (0..<count).map { _ in expected.nextUnit() < p ? 0 : scale }
            let x = Engine.$current.withValue(backend) { () -> (Tensor, Tensor, Tensor) in
                (Tensor(zeros: [count]), Tensor(zeros: [0]), Tensor(zeros: [count]))
            }
            for i in 0..<count { x.0.data[i] = Float(i % 7) - 3 }
            backend.dropout(x.0, p: p, rng: &rng, mask: x.1, into: x.2)
            #expect(x.1.toArray() == want, "\(engine): \(count) at p \(p)")
            #expect(x.2.toArray() == (0..<count).map { (Float($0 % 7) - 3) * want[$0] })
            #expect(rng.state == expected.state)
        }
    }
}
