import NN
import Tensor
import EngineSupport
import Testing

struct LayerNormTests {
    @Test func layerNorm_rows_haveZeroMeanUnitVariance() {
        let norm = LayerNorm(8)
        let y = norm.forward(GradientCheck.randomTensor([3, 2, 8], seed: 1, scale: 3), training: false)
        for r in 0..<6 {
            let row = (0..<8).map { Double(y[r * 8 + $0]) }
            let mean = row.reduce(0, +) / 8, variance = row.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 8
            #expect(abs(mean) < 1e-5)
            #expect(abs(variance - 1) < 1e-3)          // (1 − ε/σ²), σ² ≈ 3
        }
    }

    @Test(arguments: Engines.names)
    func layerNorm_gradients_matchFiniteDifferences(engine: String) { Engines.on(engine) {
        let norm = LayerNorm(8)
        for (i, p) in norm.parameters.enumerated() {                  // away from the 1/0 start
            p.value.copy(from: GradientCheck.randomTensor(p.value.shape, seed: 20 + UInt64(i)))
        }
        let error = GradientCheck.maxError(norm, input: GradientCheck.randomTensor([3, 2, 8], seed: 2))
        #expect(error < 1e-2)
    } }
}
