import Foundation
import Wire

/// A remote worker's line to the service: POSTs its messages to `/api/worker/runs/{id}/...`
/// and reads its run's checkpoint there, retrying network failures and 5xx answers with
/// exponential backoff (0.25 s doubling to 10 s) until `patience` seconds have passed. A 409,
/// 401, 403 or 404 means the run is no longer this worker's (cancelled and ended, re-queued,
/// token revoked): `Lost`, no retry. A 413 is `TooLarge`: the message is over the service's
/// body limit, and sending it again would not help.
struct WorkerLink {
    let client: HTTPClient
    let runID: Int64
    var patience: Double = 600

    /// The service says the run is not this worker's any more.
    struct Lost: Error, CustomStringConvertible { let description: String }

    /// The service refused the message as larger than it takes (413).
    struct TooLarge: Error, CustomStringConvertible { let description: String }

    func send<T: Decodable>(_ endpoint: String, _ message: some Encodable, as type: T.Type, retry: Bool = true) throws -> T {
        let body = Data(try WireJSON.encode(message))
        let path = "/api/worker/runs/\(runID)/\(endpoint)"
        return try exchange(endpoint, retry: retry) { try client.request("POST", path, json: body) }.decode(T.self)
    }

    /// The run's latest checkpoint (safetensors bytes) as `attempt` may read it, or nil when the
    /// run has none yet.
    func latestCheckpoint(attempt: Int) throws -> [UInt8]? {
        let path = "/api/worker/runs/\(runID)/checkpoint?attempt=\(attempt)"
        let response = try exchange("checkpoint", noneIs404: true) { try client.request("GET", path) }
        return response.status == 404 ? nil : response.body
    }

    /// One request, repeated as the rules above say. - Parameters: noneIs404: a 404 is an answer
    /// (nothing there), not a lost run.
    private func exchange(_ endpoint: String, retry: Bool = true, noneIs404: Bool = false,
                          _ perform: () throws -> HTTPClient.Response) throws -> HTTPClient.Response {
        let deadline = Date().addingTimeInterval(patience)
        var delay = 0.25
        while true {
            let failure: String
            do {
                let response = try perform()
                let reason = { (try? WireJSON.decode(ErrorBody.self, from: response.body))?.error.message ?? "HTTP \(response.status)" }
                switch response.status {
                case 200..<300: return response
                case 404 where noneIs404: return response
                case 401, 403, 404, 409: throw Lost(description: "run \(runID) is no longer this worker's: \(reason())")
                case 413: throw TooLarge(description: "\(endpoint) of run \(runID) refused: \(reason())")
                case 400..<500: _ = try response.decode(ErrorBody.self); failure = "HTTP \(response.status)"   // throws the server's error
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
