import Foundation
import Server

/// GET /api/openapi.json: the API described for tools (docs/openapi.json, read once at start).
struct OpenAPIEndpoint: Sendable {
    let document: [UInt8]

    /// - Throws: when the file cannot be read.
    init(path: String) throws {
        document = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    func register(on router: inout Router) {
        let body = document
        router.add("GET", "/api/openapi.json") { _, _ in
            HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: .bytes(body))
        }
    }
}
