import App
import ArgumentParser

/// The `mlplab` command: trains experiment specs in the terminal (and, later, serves them).
@main
struct MLPLab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlplab",
        abstract: "Train, track and compare feed-forward networks on MNIST with mlplab's own engine.",
        version: Service.version,
        subcommands: [ServeCommand.self, TrainCommand.self, SummaryCommand.self, SubmitCommand.self, ListCommand.self,
                      ShowCommand.self, WatchCommand.self, SweepCommand.self, ExportCommand.self, PredictCommand.self,
                      WorkerCommand.self, TokenCommand.self, OpenAPICommand.self, EngineCheckCommand.self])
}


