import ArgumentParser
import Foundation
import Wire

/// `mlplab export ID [--epoch E] -o FILE`: a run's weights as a `.safetensors` file that the
/// PyTorch twin loads (`model.load_state_dict(safetensors.torch.load_file(FILE))`).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export",
                                                    abstract: "Save a run's weights as a .safetensors file (PyTorch twin's names).")
    @Argument(help: "Run id.") var id: Int64
    @Option(help: "latest, best or an epoch number that has a checkpoint.") var epoch = "latest"
    @Option(name: .shortAndLong, help: "Where to write the file.") var output: String
    @OptionGroup var options: ServerOption

    func run() throws {
        try reportingErrors {
            let query = epoch.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? epoch
            let response = try options.client.request("GET", "/api/runs/\(id)/weights?epoch=\(query)")
            guard (200..<300).contains(response.status) else { _ = try response.decode(ErrorBody.self); return }
            guard FileManager.default.createFile(atPath: output, contents: Data(response.body)) else {
                throw CLIError("cannot write \(output)")
            }
            print("run \(id) epoch \(epoch): \(response.body.count) bytes written to \(output)")
        }
    }
}
