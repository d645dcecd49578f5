import Foundation
@testable import Store

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
