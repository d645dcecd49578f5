import ArgumentParser
import Models
import Tensor
import Training

/// `mlplab summary SPEC.json`: the layer table and parameter count, without training.
struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "summary",
                                                    abstract: "Print a spec's layer table and parameter count.")

    @Argument(help: "Experiment spec (JSON).") var spec: String

    func run() throws {
        try reportingErrors {
            let spec = try loadSpec(spec)
            var rng = RandomGenerator(seed: UInt64(spec.seed))
            let model = Model(spec.model, imageShape: [28, 28], classes: 10, rng: &rng)
            print(LayerTable.render(model))
        }
    }
}

/// The layer table as text, as `summary` and `train` print it.
enum LayerTable {
    static func render(_ model: Model) -> String {
        let rows = model.layerTable
        let width = max(20, rows.map(\.layer.count).max() ?? 0)
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
        var lines = [pad("Layer", width) + "  " + pad("Output shape", 14) + "  Parameters"]
        lines.append(String(repeating: "-", count: width + 28))
        for row in rows {
            let shape = "(" + row.outputShape.map(String.init).joined(separator: ", ") + ")"
            lines.append(pad(row.layer, width) + "  " + pad(shape, 14) + "  " + grouped(row.parameters))
        }
        lines.append(String(repeating: "-", count: width + 28))
        lines.append("Total parameters: \(grouped(model.parameterCount))")
        return lines.joined(separator: "\n")
    }

    static func grouped(_ n: Int) -> String {
        var s = String(n), out = ""
        while s.count > 3 { out = "," + s.suffix(3) + out; s.removeLast(3) }
        return s + out
    }
}
