import Data
import Models
import NN
import Tensor
import Testing
import Wire

/// The layer table worked out from a spec equals the one of the built network, row for row.
struct ModelSpecSummaryTests {
    static let specs: [ModelSpec] = [
        ModelSpec(hidden: [100, 80], activation: .relu, dropout: 0.2),
        ModelSpec(hidden: [7], activation: .gelu),
        ModelSpec(hidden: [300, 200, 100], activation: .tanh, dropout: 0.5),
        ModelSpec(type: .mixer),
        ModelSpec(type: .mixer, patch: 4, dim: 32, depth: 2, tokenHidden: 20, channelHidden: 50, dropout: 0.1),
        ModelSpec(type: .resmlp, patch: 14, dim: 16, depth: 3, layerscale: 0.2),
        ModelSpec(type: .vip, patch: 4, dim: 63, depth: 2, channelHidden: 252),
        ModelSpec(type: .vip),
    ]

    @Test(arguments: specs)
    func layerTable_fromSpec_equalsBuiltModel(spec: ModelSpec) {
        for info in DatasetInfo.all {
            var rng = RandomGenerator(seed: 1)
            let built = Model(spec, imageShape: info.imageShape, classes: info.classes, rng: &rng)
            #expect(spec.layerTable(imageShape: info.imageShape, classes: info.classes) == built.layerTable)
            #expect(spec.parameterCount(imageShape: info.imageShape, classes: info.classes) == built.parameterCount)
        }
    }

    @Test func layerTable_otherImageShapeAndClasses_followThem() {
        let rows = ModelSpec(type: .mixer, patch: 4).layerTable(imageShape: [32, 32], classes: 100)
        #expect(rows.first?.outputShape == [64, 64] && rows.last == LayerRow(layer: "Linear(64 -> 100)", outputShape: [100], parameters: 6_500))
    }
}
