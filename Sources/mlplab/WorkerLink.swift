import Foundation
import Wire

/// A remote worker's line to the service: POSTs its messages to `/api/worker/runs/{id}/...`,
/// retrying network failures and 5xx answers with exponential backoff (0.25 s doubling to
/// 10 s) until `patience` seconds have passed. A 409, 401, 403 or 404 means the run is no
/// longer this worker's (cancelled and ended, re-queued, token revoked): `Lost`, no retry.
struct WorkerLink {
    let client: HTTPClient
    let runID: Int64
    var patience: Double = 600

    /// The service says the run is not this worker's any more.
    struct Lost: Error, CustomStringConvertible { let description: String }

    func send<T: Decodable>(_ endpoint: String, _ message: some Encodable, as type: T.Type, retry: Bool = true) throws -> T {
        let body = Data(try WireJSON.encode(message))
        let path = "/api/worker/runs/\(runID)/\(endpoint)"
        let deadline = Date().addingTimeInterval(patience)
        var delay = 0.25
        while true {
            let failure: String
            do {
                let response = try client.request("POST", path, json: body)
                switch response.status {
                case 200..<300: return try response.decode(T.self)
                case 401, 403, 404, 409:
                    let reason = (try? WireJSON.decode(ErrorBody.self, from: response.body))?.error.message ?? "HTTP \(response.status)"
                    throw Lost(description: "run \(runID) is no longer this worker's: \(reason)")
                case 400..<500: _ = try response.decode(T.self); failure = "HTTP \(response.status)"   // throws the server's error
                default: failure = "HTTP \(response.status)"
                }
            } catch let error as CLIError where error.description.hasPrefix("cannot reach") {
                failure = error.description
            }
            guard retry, Date().addingTimeInterval(delay) < deadline else {
                throw CLIError("\(endpoint) of run \(runID) not delivered: \(failure)")
            }
            FileHandle.standardError.write(Data("mlplab worker: \(failure); retrying \(endpoint) in \(delay) s\n".utf8))
            Thread.sleep(forTimeInterval: delay)
            delay = min(delay * 2, 10)
        }
    }
}
