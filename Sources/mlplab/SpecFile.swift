import Foundation
import Training

/// Reads and validates a spec file, with errors that name the file and the field.
func loadSpec(_ path: String) throws -> RunSpec {
    guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read spec \(path)") }
    do { return try RunSpec.decode(Array(data)) } catch { throw CLIError("\(path): \(error)") }
}
