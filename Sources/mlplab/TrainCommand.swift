import ArgumentParser
import Foundation
import Training
import Wire

/// `mlplab train SPEC.json`: trains one spec in the terminal.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Train one experiment spec and print a row per epoch.")

    @Argument(help: "Experiment spec (JSON).") var spec: String
    @Flag(help: "Print one JSON object per epoch, then a summary line.") var json = false
    @Option(help: "Threads for this run (matrix products and large element-wise loops).") var threads = 1
    @Option(help: "Override the spec's number of epochs.") var epochs: Int?
    @Option(help: "Override the spec's device: cpu, gpu or gpu:N.") var device: String?
    @Option(help: "Override the spec's seed.") var seed: Int?
    @Option(help: "Data directory searched first (holds one folder per data set).") var data: String?
    @Option(help: "Configuration file (default ./config.json when present).") var config: String?

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be >= 1") }
        if let epochs, epochs < 1 { throw ValidationError("--epochs must be >= 1") }
        if let seed, seed < 0 { throw ValidationError("--seed must be >= 0") }
    }

    func run() throws {
        try reportingErrors {
            var spec = try loadSpec(spec)
            if let epochs { spec.epochs = epochs }
            if let device {
                guard let choice = RunDevice(rawValue: device) else { throw CLIError("--device: expected cpu, gpu or gpu:N (got \(device))") }
                if let reason = choice.unavailability { throw CLIError("--device: \(reason)") }
                spec.device = choice
            }
            if let seed { spec.seed = seed }
            let settings = try Settings.resolve(configPath: config, flags: .init(data: data))
            let splits = try settings.datasets.splits(spec.dataset)
            let trainer = try Trainer(spec: spec, train: splits.train, test: splits.test, threads: threads)
            if !json {
                print("\(spec.name): \(spec.dataset), \(trainer.model.parameterCount) parameters, "
                      + "\(spec.optimizer.type.rawValue) lr \(spec.optimizer.lr), \(spec.epochs) epochs, \(threads) thread(s), engine \(trainer.backend.name)")
            }
            let observer = TerminalObserver(json: json)
            try trainer.run(observer: observer)
            if json {
                print(jsonLine(SummaryLine(parameters: trainer.model.parameterCount, engine: trainer.backend.name,
                                           threads: threads, trainSecondsTotal: observer.totalTrainSeconds)))
            } else {
                print(String(format: "trained in %.2f s (%.3f s per epoch)", observer.totalTrainSeconds,
                             observer.totalTrainSeconds / Double(spec.epochs)))
            }
        }
    }
}
