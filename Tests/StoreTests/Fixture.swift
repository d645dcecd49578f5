import Foundation
@testable import Store
import Wire

/// Temporary database files and the repository's migrations, for tests.
enum Fixture {
    /// The repository's `migrations/`, found from this file (SwiftPM resources cannot reach it).
    static let migrationsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("migrations").path

    /// Runs `body` with a fresh empty directory, removed afterwards.
    @discardableResult
    static func withDirectory<T>(_ body: (String) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("mlplab-store-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        return try body(directory)
    }

    /// Runs `body` with a migrated store on a temporary file, and that file's path.
    @discardableResult
    static func withStore<T>(_ body: (RunStore, String) throws -> T) throws -> T {
        try withDirectory { directory in
            let path = directory + "/test.sqlite3"
            let store = try RunStore(path: path, migrationsDirectory: migrationsDirectory)
            return try body(store, path)
        }
    }

    /// Writes `files` (name → SQL) into a new folder of `directory` and returns its path.
    static func migrations(_ files: [String: String], in directory: String) throws -> String {
        let folder = directory + "/migrations-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, sql) in files {
            try sql.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        }
        return folder
    }
}

extension NewRun {
    static func make(name: String = "seed-mlp", dataset: String = "mnist", modelType: String = "mlp",
                     specJSON: String = #"{"epochs":10}"#, parameters: Int? = 87_390, device: String = "cpu",
                     epochsTotal: Int = 10, layersJSON: String? = #"[{"layer":"Linear(784 -> 100)"}]"#) -> NewRun {
        NewRun(name: name, dataset: dataset, modelType: modelType, specJSON: specJSON, parameters: parameters,
               device: device, epochsTotal: epochsTotal, layersJSON: layersJSON)
    }
}

extension EpochRow {
    static func make(epoch: Int = 1, trainSeconds: Double? = 1.5, trainLoss: Double? = 0.3, trainAccuracy: Double? = 0.91,
                     testLoss: Double? = 0.25, testAccuracy: Double? = 0.93, aucMacro: Double? = 0.995,
                     aucMicro: Double? = 0.996, samplesPerSecond: Double? = 40_000, evalSeconds: Double? = 0.2) -> EpochRow {
        var row = EpochRow(epoch: epoch)
        (row.trainSeconds, row.trainLoss, row.trainAccuracy, row.testLoss) = (trainSeconds, trainLoss, trainAccuracy, testLoss)
        (row.testAccuracy, row.aucMacro, row.aucMicro) = (testAccuracy, aucMacro, aucMicro)
        (row.samplesPerSecond, row.evalSeconds) = (samplesPerSecond, evalSeconds)
        return row
    }
}

extension Curve {
    static func make(curve: String = "0", auc: Double? = 0.99, fpr: [Double] = [0, 0.1, 1], tpr: [Double] = [0, 0.9, 1]) -> Curve {
        Curve(curve: curve, auc: auc, fpr: fpr, tpr: tpr)
    }

    /// The twelve curves an MNIST epoch writes: "0"…"9", "micro", "macro".
    static func mnistSet() -> [Curve] {
        ((0..<10).map(String.init) + ["micro", "macro"]).map { make(curve: $0) }
    }
}
