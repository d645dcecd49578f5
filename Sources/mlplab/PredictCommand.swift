import ArgumentParser
import Foundation
import Wire

/// `mlplab predict ID IMAGE.png [--epoch E]`: the run's model on one PNG (the server reduces it
/// to 28x28 the way MNIST was made); prints the ten probabilities and the top class.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "predict",
                                                    abstract: "Ask a run's model which digit a PNG shows.")
    @Argument(help: "Run id.") var id: Int64
    @Argument(help: "A PNG file (grayscale or RGB; any size).") var image: String
    @Option(help: "latest, best or an epoch number that has a checkpoint.") var epoch = "latest"
    @OptionGroup var options: ServerOption

    func run() throws {
        try reportingErrors {
            guard let png = FileManager.default.contents(atPath: image) else { throw CLIError("cannot read \(image)") }
            let query = epoch.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? epoch
            let answer = try options.client.request("POST", "/api/runs/\(id)/predict?epoch=\(query)", body: png,
                                                    contentType: "image/png").decode(PredictResponse.self)
            guard let p = answer.predictions.first else { throw CLIError("the server answered no prediction") }
            print(Self.table(p, run: id, epoch: answer.epoch))
        }
    }

    /// One line per class with its probability and a bar, then the top class.
    static func table(_ p: ImagePrediction, run: Int64, epoch: Int) -> String {
        var lines = ["run \(run) epoch \(epoch)"]
        for (k, v) in p.probabilities.enumerated() {
            let bar = String(repeating: "#", count: Int((v * 40).rounded()))
            lines.append(String(format: "%3d  %8.4f%%  ", k, v * 100) + bar + (k == p.predicted ? "  <- top" : ""))
        }
        lines.append("top class: \(p.predicted) (\(String(format: "%.2f", p.probabilities[p.predicted] * 100))%)")
        return lines.joined(separator: "\n")
    }
}
