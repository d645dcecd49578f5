import ArgumentParser
import Foundation

/// A failure the user can act on: printed as one line on stderr, exit status 1.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs `body`, turning any error into one line on stderr and exit status 1.
func reportingErrors(_ body: () throws -> Void) throws {
    do { try body() } catch let exit as ExitCode { throw exit } catch {
        FileHandle.standardError.write(Data("mlplab: \(error)\n".utf8))
        throw ExitCode.failure
    }
}
