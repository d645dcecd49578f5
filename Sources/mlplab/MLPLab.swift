import ArgumentParser

/// The `mlplab` command: trains experiment specs in the terminal (and, later, serves them).
@main
struct MLPLab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlplab",
        abstract: "Train and compare feed-forward networks on MNIST with mlplab's own engine.",
        version: Engine.version,
        subcommands: [TrainCommand.self, SummaryCommand.self])
}

/// The engine's name as reported in summaries and benchmarks.
enum Engine {
    static let version = "0.1.0"
    static let description = "mlplab \(version) (OpenBLAS)"
}
