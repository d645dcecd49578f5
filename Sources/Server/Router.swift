import Dispatch
import Logging

/// Maps method and path to handlers, and is the one place where errors become responses.
///
/// Patterns are literal segments and `{name}` captures: `/api/runs/{id}/epochs`. An unknown path is a
/// 404 `not_found`, a known path with the wrong method a 405 with `Allow`, a thrown `APIError` its
/// own JSON, and any other error a 500 `internal` with a generic message, the detail going only to
/// the log (MLflow's `catch_mlflow_exception`, Hummingbird's `HTTPResponseError`).
///
/// ```swift
/// var router = Router(logger: logger)
/// router.add("GET", "/api/runs/{id}") { request, params in
///     guard let id = Int(params["id"] ?? "") else { throw APIError(.notFound, "no such run") }
///     return .json(try store.run(id))
/// }
/// router.fallback = { request in files.response(for: request.path) }
/// let server = HTTPServer(port: 8080, logger: logger, handler: router.handle)
/// ```
public struct Router: Sendable {
    public typealias Handler = @Sendable (HTTPRequest, [String: String]) throws -> HTTPResponse

    private enum Segment: Sendable, Equatable {
        case literal(String)
        case capture(String)
    }

    private struct Route: Sendable {
        let method: String
        let pattern: String
        let segments: [Segment]
        let handler: Handler
    }

    private var routes: [Route] = []
    private let logger: Logger

    /// Answers GET and HEAD requests outside `/api` that no route matches (the dashboard's static
    /// files); `nil` from it means 404.
    public var fallback: (@Sendable (HTTPRequest) throws -> HTTPResponse?)?

    /// Answers requests under a path prefix that no route matches (an API with its own error
    /// body, such as MLflow's under `/api/2.0/mlflow`), checked before the 404.
    public var prefixFallbacks: [(prefix: String, answer: @Sendable (HTTPRequest) -> HTTPResponse)] = []

    /// Asked before every handler (routes and prefix fallbacks, not the static fallback) with the
    /// request, the route's pattern (`/api/runs/{id}`; a prefix fallback's is `prefix/*`) and its
    /// captures; a response it returns (a 401, a 403) is sent instead of calling the handler.
    public var gate: (@Sendable (HTTPRequest, _ route: String, _ captures: [String: String]) -> HTTPResponse?)?

    /// Told of every answered request: method, route pattern (`static` for the fallback,
    /// `unmatched` for a 404 or 405), status and the seconds the handler took.
    public var observe: (@Sendable (_ method: String, _ route: String, _ status: Int, _ seconds: Double) -> Void)?

    /// Turns an error of a lower layer that is not a bug (the store's full disk) into the API error
    /// it should be answered with; errors it returns nil for become the generic 500.
    public var translate: (@Sendable (any Error) -> APIError?)?

    public init(logger: Logger = Logger(label: "mlplab.router")) {
        self.logger = logger
    }

    /// Registers `handler` for `method` (e.g. "GET") and `pattern` (e.g. "/api/runs/{id}").
    /// The handler gets the request and the captured segments, percent-decoded.
    public mutating func add(_ method: String, _ pattern: String, _ handler: @escaping Handler) {
        let segments = Self.split(pattern).map { part -> Segment in
            part.hasPrefix("{") && part.hasSuffix("}") ? .capture(String(part.dropFirst().dropLast())) : .literal(String(part))
        }
        precondition(!routes.contains { $0.method == method && $0.segments == segments },
                     "Router: \(method) \(pattern) registered twice")
        routes.append(Route(method: method, pattern: pattern, segments: segments, handler: handler))
    }

    /// Answers one request; never throws, whatever the handler does.
    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        guard let observe else { return answer(request).response }
        let start = DispatchTime.now().uptimeNanoseconds
        let (response, route) = answer(request)
        observe(request.method, route, response.status, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        return response
    }

    private func answer(_ request: HTTPRequest) -> (response: HTTPResponse, route: String) {
        let parts = Self.split(request.path)
        var allowed: [String] = []
        for route in routes {
            guard let captures = Self.match(route.segments, parts) else { continue }
            if route.method == request.method || (request.method == "HEAD" && route.method == "GET") {
                if let refusal = gate?(request, route.pattern, captures) { return (refusal, route.pattern) }
                return (run(request) { try route.handler(request, captures) }, route.pattern)
            }
            allowed.append(route.method)
        }
        if !allowed.isEmpty {
            if allowed.contains("GET") && !allowed.contains("HEAD") { allowed.append("HEAD") }
            var response = HTTPResponse.error(APIError(.methodNotAllowed,
                                                       "\(request.method) is not allowed on \(request.path)"))
            response.headers["Allow"] = allowed.joined(separator: ", ")
            return (response, "unmatched")
        }
        if let (prefix, answer) = prefixFallbacks.first(where: { request.path.hasPrefix($0.prefix + "/") }) {
            let route = prefix + "/*"
            if let refusal = gate?(request, route, [:]) { return (refusal, route) }
            return (answer(request), route)
        }
        if let fallback, request.method == "GET" || request.method == "HEAD",
           request.path != "/api", !request.path.hasPrefix("/api/") {
            return (run(request) { try fallback(request) ?? .error(Self.notFound(request)) }, "static")
        }
        return (.error(Self.notFound(request)), "unmatched")
    }

    /// The single catch.
    private func run(_ request: HTTPRequest, _ body: () throws -> HTTPResponse) -> HTTPResponse {
        do {
            return try body()
        } catch let error as APIError {
            return .error(error)
        } catch {
            if let answer = translate?(error) {
                logger.warning("\(request.method) \(request.target): \(error)")
                return .error(answer)
            }
            logger.error("handler failed", metadata: [
                "method": "\(request.method)", "target": "\(request.target)", "error": "\(String(reflecting: error))",
            ])
            return .error(APIError(.internal, "internal error; see the server log"))
        }
    }

    private static func notFound(_ request: HTTPRequest) -> APIError {
        APIError(.notFound, "no such resource: \(request.path)")
    }

    /// Path segments, ignoring empty ones (`/api/runs/` matches `/api/runs`).
    private static func split(_ path: String) -> [Substring] {
        path.split(separator: "/")
    }

    private static func match(_ segments: [Segment], _ parts: [Substring]) -> [String: String]? {
        guard segments.count == parts.count else { return nil }
        var captures: [String: String] = [:]
        for (segment, part) in zip(segments, parts) {
            switch segment {
            case .literal(let text): if text != part { return nil }
            case .capture(let name): captures[name] = String(part)
            }
        }
        return captures
    }
}
