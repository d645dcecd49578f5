import App
import ArgumentParser
import Foundation
import Wire

/// `mlplab openapi`: docs/openapi.json with its schemas written from the wire types, so a new
/// field of a response type reaches the document without typing it twice.
struct OpenAPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi", abstract: "Print docs/openapi.json with its schemas regenerated from the wire types.")
    @Flag(help: "Write the file in place instead of printing it.") var write = false

    func run() throws {
        try reportingErrors {
            let path = try ProjectFiles.locate("docs/openapi.json")
            let document = try WireJSON.decode(JSONValue.self, from: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
            let text = try APISchemas.text(try APISchemas.regenerated(document))
            if write { try text.write(toFile: path, atomically: true, encoding: .utf8) } else { print(text, terminator: "") }
        }
    }
}
