import Foundation
import Testing
import TestSupport

/// Runs the built `mlplab` binary as a user would, in a scratch working directory.
struct CLITests {
    struct Result { let status: Int32; let stdout: String; let stderr: String }

    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The `mlplab` executable next to the test bundle.
    static let binary: URL = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("mlplab")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        fatalError("mlplab binary not found near \(CommandLine.arguments[0])")
    }()

    let work: URL = {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("mlplab-cli-" + UUID().uuidString)
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }()

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let process = Process(), out = Pipe(), err = Pipe()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = work
        // No MLPLAB_DATA from the test runner, and MNIST "downloads" from a closed loopback port.
        var env = ProcessInfo.processInfo.environment.filter { $0.key != "MLPLAB_DATA" }
        env["MLPLAB_MNIST_MIRROR"] = "http://127.0.0.1:9/"
        process.environment = env.merging(environment) { $1 }
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                      stderr: String(decoding: e, as: UTF8.self))
    }

    func write(_ text: String, _ name: String) -> String {
        let path = work.appendingPathComponent(name).path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
        return path
    }

    /// A tiny MNIST-shaped data set under work/data/mnist; optionally with a broken images file.
    func writeTinyMNIST(corruptImages: Bool = false) {
        let data = work.appendingPathComponent("data").path
        IDXFixture.writeDataset(in: data, name: "mnist", train: 64, test: 20, gzip: false)
        if corruptImages {
            IDXFixture.write(IDXFixture.labels([1, 2]), to: data + "/mnist/train-images-idx3-ubyte")
        }
    }

    @Test func summary_labMLP_printsLayerTableAnd87390Parameters() throws {
        let r = try run(["summary", Self.repo.appendingPathComponent("specs/seed-mlp.json").path])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Linear(784 -> 100)") && r.stdout.contains("Total parameters: 87,390"))
    }

    @Test func trainJSON_tinyData_printsEpochLinesThenSummary() throws {
        writeTinyMNIST()
        let spec = write(#"{"epochs": 2, "batch_size": 16, "seed": 3}"#, "spec.json")
        let r = try run(["train", spec, "--json", "--data", "data"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(lines.count == 3)
        for key in ["epoch", "train_seconds", "train_loss", "test_loss", "test_accuracy", "auc_macro", "auc_micro"] {
            #expect(lines[0]?[key] != nil, "missing \(key)")
        }
        #expect(lines[1]?["epoch"] as? Int == 2)
        #expect(lines[2]?["parameters"] as? Int == 87_390 && lines[2]?["threads"] as? Int == 1)
        #expect(lines[2]?["train_seconds_total"] != nil && lines[2]?["engine"] != nil)
    }

    /// Each bad input: a non-zero exit and exactly one line on stderr that says what is wrong.
    @Test(arguments: [
        (#"{"optimizer": {"lr": -1}}"#, "optimizer.lr"),
        (#"{"epochs": 0}"#, "epochs"),
        (#"{"model": {"hidden": [100], "dropout": 1}}"#, "model.dropout"),
        (#"{"batch_size": 0}"#, "batch_size"),
        (#"{"epochs": 3"#, "invalid JSON"),
        (#"{"colour": "red"}"#, "colour"),
        (#"{"schedule": {"type": "cosine", "warmup_epochs": -1}}"#, "schedule.warmup_epochs"),
        (#"{"augment": {"translate": 2}}"#, "augment.translate"),
        (#"{"label_smoothing": 0.1, "loss": "mse"}"#, "label_smoothing"),
        (#"{"grad_clip": "big"}"#, "grad_clip"),
        (#"{"optimizer": {"type": "sgd", "decay_norms_and_biases": "yes"}}"#, "optimizer.decay_norms_and_biases"),
    ])
    func invalidSpec_exitsNonZeroWithOneLineNamingTheField(json: String, expected: String) throws {
        let r = try run(["train", write(json, "bad.json")])
        #expect(r.status != 0)
        #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains(expected), "\(r.stderr)")
    }

    @Test func missingDataset_exitsNonZeroNamingDirectories() throws {
        let r = try run(["train", write("{}", "spec.json"), "--data", "nowhere"])
        #expect(r.status != 0)
        #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains("nowhere/mnist"), "\(r.stderr)")
    }

    @Test func corruptIDXFile_exitsNonZeroNamingTheFile() throws {
        writeTinyMNIST(corruptImages: true)
        let r = try run(["train", write("{}", "spec.json"), "--data", "data"])
        #expect(r.status != 0)
        #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains("train-images-idx3-ubyte")
                && r.stderr.contains("magic"), "\(r.stderr)")
    }

    @Test func missingSpecFile_exitsNonZero() throws {
        let r = try run(["train", "no-such-spec.json"])
        #expect(r.status != 0 && r.stderr.contains("no-such-spec.json"))
    }
}
