import Foundation
import Data
import Models
import Wire
import NN
import Tensor
import Testing

/// The image facts the models are checked against.
private let mnist = DatasetInfo.mnist

struct ModelTests {
    static func spec(_ file: String) throws -> ModelSpec {
        struct Run: Decodable { let model: ModelSpec }
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../specs/\(file).json")
        return try JSONDecoder().decode(Run.self, from: Data(contentsOf: url)).model
    }

    static func build(_ spec: ModelSpec) -> Model {
        var rng = RandomGenerator(seed: 10)
        return Model(spec, imageShape: [28, 28], classes: 10, rng: &rng)
    }

    /// The PyTorch twins' `sum(p.numel())` for specs/*.json (torch_reference.py).
    @Test(arguments: [("mixer", 145_866), ("resmlp", 138_954), ("vip", 210_805), ("seed-mlp", 87_390)])
    func model_labSpec_parameterCountEqualsPyTorchTwin(_ name: String, _ expected: Int) throws {
        let spec = try Self.spec(name)
        #expect(spec.parameterCount(imageShape: mnist.imageShape, classes: mnist.classes) == expected)
        let model = Self.build(spec)
        #expect(model.parameterCount == expected)
        #expect(model.layerTable.map(\.parameters).reduce(0, +) == expected)
    }

    @Test func mixer_layerTable_listsEmbeddingBlocksNormPoolAndHead() throws {
        let rows = Self.build(try Self.spec("mixer")).layerTable
        #expect(rows.map(\.layer) == ["PatchEmbedding(7x7 -> 64)"] + Array(repeating: "MixerBlock", count: 4)
                + ["LayerNorm", "TokenMean", "Linear(64 -> 10)"])
        #expect(rows[1].outputShape == [16, 64])
        #expect(rows[1].parameters == 35_472)
        #expect(rows.last!.outputShape == [10])
    }

    @Test(arguments: [ModelSpec.Kind.mixer, .resmlp, .vip])
    func patchModel_tinyBatch_forwardAndBackwardRun(_ kind: ModelSpec.Kind) {
        var spec = ModelSpec(type: kind, patch: 7, dim: 14, depth: 2, channelHidden: 20, dropout: kind == .mixer ? 0.1 : 0)
        if kind == .vip { spec.patch = 4 }                       // grid 7: dim 14 is a multiple
        let model = Self.build(spec)
        let x = Tensor((0..<3 * 784).map { Float($0 % 255) / 255 }, shape: [3, 784])
        let logits = model.forward(x, training: true)
        #expect(logits.shape == [3, 10])
        #expect(logits.toArray().allSatisfy { $0.isFinite })
        model.zeroGrad()
        model.backward(Tensor([Float](repeating: 0.1, count: 30), shape: [3, 10]))
        let gradients = model.parameters.flatMap { $0.grad.toArray() }
        #expect(gradients.allSatisfy { $0.isFinite })
        #expect(gradients.contains { $0 != 0 })
        let again = model.forward(x, training: false)               // a different batch size reuses buffers
        #expect(again.shape == [3, 10])
    }

    /// A whole patch model passes the finite-difference check (loss-free: L = Σ logits ⊙ r).
    @Test(arguments: Engine.available.map(\.name), [ModelSpec.Kind.mixer, .resmlp, .vip])
    func patchModel_gradients_matchFiniteDifferences(engine: String, _ kind: ModelSpec.Kind) throws {
        Engine.$current.withValue(try Engine.backend(named: engine)) { Self.checkGradients(kind) }
    }

    static func checkGradients(_ kind: ModelSpec.Kind) {
        let spec = ModelSpec(type: kind, patch: 14, dim: 8, depth: 1, channelHidden: 6)
        let network = build(spec).network
        var rng = RandomGenerator(seed: 3)
        let x = Tensor((0..<2 * 784).map { _ in rng.uniform(0, 1) }, shape: [2, 784])
        let y0 = network.forward(x, training: false).toArray()
        let r = (0..<y0.count).map { Float($0 % 7) - 3 }
        func objective() -> Double { zip(network.forward(x, training: false).toArray(), r).reduce(0) { $0 + Double($1.0 * $1.1) } }
        network.zeroGrad()
        _ = network.forward(x, training: false)
        _ = network.backward(Tensor(r, shape: [2, 10]))
        for p in network.parameters {
            let g = p.grad.toArray()
            for i in Swift.stride(from: 0, to: p.value.count, by: max(1, p.value.count / 5)) {
                let saved = p.value[i], h: Float = 1e-2
                p.value[i] = saved + h; let plus = objective()
                p.value[i] = saved - h; let minus = objective()
                p.value[i] = saved
                let numeric = (plus - minus) / (2 * Double(h))
                #expect(abs(Double(g[i]) - numeric) / max(1, abs(numeric)) < 2e-2, "\(kind) \(p.name)[\(i)]")
            }
        }
    }
}
