import Foundation
import NN
import Tensor
import EngineSupport
import Testing

struct WeightedPermuteMLPTests {
    struct Reference: Decodable { let batch: Int, grid: Int, dim: Int, parameters: [String], output_bhwc: [Float] }

    /// Fixtures/weighted_permute_mlp.json, made by Fixtures/make_weighted_permute_mlp_reference.py from the PyTorch twin.
    static func reference() throws -> Reference {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/weighted_permute_mlp.json")
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }

    @Test func weightedPermuteMLP_forward_matchesPyTorch() throws {
        let ref = try Self.reference()
        var rng = RandomGenerator(seed: 1)
        let layer = WeightedPermuteMLP(dim: ref.dim, grid: ref.grid, rng: &rng)
        #expect(layer.parameters.count == ref.parameters.count)
        for (k, p) in layer.parameters.enumerated() {                 // same order as named_parameters()
            for i in 0..<p.value.count { p.value[i] = 0.5 * sinf(0.7 * Float(i) + Float(k)) }
        }
        let (b, n, c) = (ref.batch, ref.grid, ref.dim), tokens = n * n
        let x = Tensor(zeros: [tokens, b, c])                         // token-major from (B, H, W, C)
        for s in 0..<b { for t in 0..<tokens { for j in 0..<c {
            x[(t * b + s) * c + j] = cosf(0.3 * Float((s * tokens + t) * c + j))
        } } }
        let y = layer.forward(x, training: false)
        for s in 0..<b { for t in 0..<tokens { for j in 0..<c {
            #expect(abs(y[(t * b + s) * c + j] - ref.output_bhwc[(s * tokens + t) * c + j]) < 1e-5)
        } } }
    }

    @Test(arguments: Engines.names)
    func weightedPermuteMLP_gradients_matchFiniteDifferences(engine: String) { Engines.on(engine) {
        var rng = RandomGenerator(seed: 2)
        let layer = WeightedPermuteMLP(dim: 6, grid: 3, rng: &rng)
        let error = GradientCheck.maxError(layer, input: GradientCheck.randomTensor([9, 2, 6], seed: 3), samples: 60)
        #expect(error < 1e-2)
    } }
}
