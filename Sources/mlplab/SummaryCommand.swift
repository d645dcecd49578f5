import ArgumentParser
import Training
import Wire

/// `mlplab summary SPEC.json`: the layer table and parameter count, worked out from the spec
/// (no weights allocated).
struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "summary",
                                                    abstract: "Print a spec's layer table and parameter count.")

    @Argument(help: "Experiment spec (JSON).") var spec: String

    func run() throws {
        try reportingErrors {
            let spec = try loadSpec(spec)
            print(LayerTable.render(spec.layerTable))
        }
    }
}

/// The layer table as text, as `summary` and `train` print it.
enum LayerTable {
    /// Width of the shape and parameter columns after the layer names, with their gaps.
    static let ruleExtra = 2 + 14 + 2 + 10

    static func render(_ rows: [LayerRow]) -> String {
        let width = max(20, rows.map(\.layer.count).max() ?? 0)
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
        var lines = [pad("Layer", width) + "  " + pad("Output shape", 14) + "  Parameters"]
        lines.append(String(repeating: "-", count: width + ruleExtra))
        for row in rows {
            let shape = "(" + row.outputShape.map(String.init).joined(separator: ", ") + ")"
            lines.append(pad(row.layer, width) + "  " + pad(shape, 14) + "  " + grouped(row.parameters))
        }
        lines.append(String(repeating: "-", count: width + ruleExtra))
        lines.append("Total parameters: \(grouped(rows.reduce(0) { $0 + $1.parameters }))")
        return lines.joined(separator: "\n")
    }

    static func grouped(_ n: Int) -> String {
        var s = String(n), out = ""
        while s.count > 3 { out = "," + s.suffix(3) + out; s.removeLast(3) }
        return s + out
    }
}
