import Foundation
import Logging
import Server
import Store
import Wire

/// Whether the service asks for tokens (config.json `"auth": "tokens"`, `"auth_reads": true`).
public struct AuthSettings: Sendable, Equatable {
    /// Every write needs `Authorization: Bearer <token>`.
    public var tokens = false
    /// Every read needs one too (the dashboard's files and `GET /api/health` stay open).
    public var reads = false

    public init(tokens: Bool = false, reads: Bool = false) { (self.tokens, self.reads) = (tokens, reads) }

    /// Refuses settings that would let anyone who can reach `host` write: auth off beyond loopback.
    /// - Throws: `AuthError.openListen`, whose message says how to create a token.
    public func check(host: String) throws {
        if !tokens && !Self.isLoopback(host) { throw AuthError.openListen(host: host) }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }
}

/// The router's gate: which requests need a token, and whether the one sent will do.
/// 401 (with `WWW-Authenticate: Bearer`) without a working token, 403 when its scope is too small.
struct AuthGate: Sendable {
    let settings: AuthSettings
    let tokens: Tokens
    let logger: Logger

    /// What a request needs. Writes are every method but GET and HEAD (the MLflow API's
    /// POSTs included); DELETE needs `admin`; a route under `/api/runs/{id}` or
    /// `/api/worker/runs/{id}` names its run, which a run token must own. Reads under
    /// `/api/worker/` (a run's whole training state) need a token even without `auth_reads`.
    func access(method: String, route: String, captures: [String: String]) -> Access {
        if route == "/api/health" { return .open }
        let worker = route.hasPrefix("/api/worker/runs/{id}")
        let run = route.hasPrefix("/api/runs/{id}") || worker ? captures["id"].flatMap { Int64($0) } : nil
        switch method {
        case "GET", "HEAD": return settings.reads || worker ? .read(run: run) : .open
        case "DELETE": return .admin
        default: return .write(run: run)
        }
    }

    func check(_ request: HTTPRequest, route: String, captures: [String: String]) -> HTTPResponse? {
        guard settings.tokens else { return nil }
        let access = access(method: request.method, route: route, captures: captures)
        if access == .open { return nil }
        let mlflow = route.contains("/mlflow")        // MLflow's API answers in MLflow's error shape
        guard let token = Self.bearer(request) else {
            return Self.unauthorized("this request needs a token: send Authorization: Bearer <token> (mlplab token create)",
                                     mlflow: mlflow)
        }
        let scope: TokenScope?
        do { scope = try tokens.scope(of: token) } catch {
            logger.error("cannot check a token: \(error)")
            return .error(APIError(.internal, "internal error; see the server log"))
        }
        guard let scope else { return Self.unauthorized("the token is unknown or revoked", invalid: true, mlflow: mlflow) }
        guard scope.permits(access) else {
            let message = "a \(scope) token may not \(request.method) \(request.path)"
            return mlflow ? MLflowEndpoints.error(MLflowError(.permissionDenied, message))
                          : .error(APIError(.forbidden, message))
        }
        return nil
    }

    /// The token of `Authorization: Bearer <token>`; for an event stream (the browser's
    /// EventSource cannot send headers) also `?access_token=`.
    static func bearer(_ request: HTTPRequest) -> String? {
        if let header = request.headers["Authorization"] {
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
            return parts[1].trimmingCharacters(in: .whitespaces)
        }
        return request.path.hasSuffix("/events") ? request.query["access_token"] : nil
    }

    static func unauthorized(_ message: String, invalid: Bool = false, mlflow: Bool = false) -> HTTPResponse {
        var response = mlflow ? MLflowEndpoints.error(MLflowError(.unauthenticated, message))
                              : HTTPResponse.error(APIError(.unauthorized, message))
        response.headers["WWW-Authenticate"] = "Bearer realm=\"mlplab\"" + (invalid ? ", error=\"invalid_token\"" : "")
        return response
    }
}
