import Foundation
import Logging
import Server
import Store
import Wire

/// MLflow's REST tracking API under `/api/2.0/mlflow/`: what its Python client calls, so that
/// `MLFLOW_TRACKING_URI=http://host:8080` is all a script needs to log here.
///
/// Every handler goes through `route`, the one place where this prefix turns errors into
/// MLflow's body (`{"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "..."}`) and where a
/// write would check a token once the service has auth. The resources are in
/// `MLflowExperimentEndpoints`, `MLflowRunEndpoints` and `MLflowLoggingEndpoints`.
struct MLflowEndpoints: Sendable {
    static let prefix = "/api/2.0/mlflow"

    let store: RunStore
    let logger: Logger

    func register(on router: inout Router) {
        let view = MLflowRunView(store: store)
        MLflowExperimentEndpoints(store: store).register(self, on: &router)
        MLflowRunEndpoints(store: store, view: view).register(self, on: &router)
        MLflowLoggingEndpoints(store: store, view: view).register(self, on: &router)
        for prefix in [Self.prefix, "/api/2.0/preview/mlflow", "/api/3.0/mlflow"] {
            router.prefixFallbacks.append((prefix, { request in
                Self.error(MLflowError(.endpointNotFound,
                                       "\(request.method) \(request.path) is not supported by mlplab's MLflow API"))
            }))
        }
    }

    /// Registers one endpoint: `path` under the prefix, its body (POST) or query (GET) decoded
    /// strictly as `Request`, the handler's answer encoded as JSON.
    func route<Request: RequestBody>(_ method: String, _ path: String, on router: inout Router,
                                     _ handler: @escaping @Sendable (Request) throws -> any Encodable) {
        router.add(method, Self.prefix + path) { [logger] request, _ in
            do {
                let body = try Self.decode(Request.self, request)
                return .json(try handler(body))
            } catch {
                return Self.error(Self.mlflowError(error, request: request, logger: logger))
            }
        }
    }

    /// A POST's JSON body, or a GET's query parameters (as MLflow's client sends them), decoded
    /// by the one strict decoder.
    static func decode<T: RequestBody>(_ type: T.Type, _ request: HTTPRequest) throws -> T {
        if request.method == "GET" || request.method == "HEAD" {
            return try T.decode(try WireJSON.encode(request.query))
        }
        if let type = request.headers["Content-Type"]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces)
            .lowercased(), type != "application/json" {
            throw MLflowError(.badRequest, "send the body as application/json (got \(type))")
        }
        return try T.decode(request.body.isEmpty ? Array("{}".utf8) : request.body)
    }

    static func error(_ error: MLflowError) -> HTTPResponse { .json(error, status: error.status) }

    /// The one mapping from whatever a handler threw to MLflow's error codes.
    static func mlflowError(_ error: any Error, request: HTTPRequest, logger: Logger) -> MLflowError {
        switch error {
        case let error as MLflowError: return error
        case let error as SpecError: return MLflowError(error)
        case StoreError.notFound(let kind, let id):
            return MLflowError(.resourceDoesNotExist, kind == "run" ? "Run with id=\(id) not found"
                                                                    : "No \(kind) with id=\(id) exists")
        case StoreError.conflict(let message): return MLflowError(.invalidParameterValue, message)
        case StoreError.diskFull:
            logger.warning("MLflow \(request.method) \(request.target): \(error)")
            return MLflowError(.internalError, StoreError.diskFullMessage)
        default:
            logger.error("MLflow handler failed", metadata: [
                "method": "\(request.method)", "target": "\(request.target)", "error": "\(String(reflecting: error))",
            ])
            return MLflowError(.internalError, "internal error; see the server log")
        }
    }

    // MARK: - Ids

    /// A run id as MLflow's client sends it: mlplab's run ids are its integers, as text.
    static func runID(_ text: String) throws -> Int64 {
        guard let id = Int64(text), id > 0 else { throw MLflowError(.resourceDoesNotExist, "Run with id=\(text) not found") }
        return id
    }

    static func experimentID(_ text: String) throws -> Int64 {
        guard let id = Int64(text), id >= 0 else {
            throw MLflowError(.resourceDoesNotExist, "No Experiment with id=\(text) exists")
        }
        return id
    }

    /// Milliseconds since the epoch, now.
    static func nowMillis() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }

    /// An offset page token (base64 of `{"offset": N}`, as MLflow's SQL store writes them).
    struct PageToken: Codable { var offset: Int }

    static func offset(_ token: String?) throws -> Int {
        guard let token else { return 0 }
        guard let data = Data(base64Encoded: token), let page = try? JSONDecoder().decode(PageToken.self, from: data),
              page.offset >= 0 else {
            throw MLflowError(.invalidParameterValue, "Invalid page token, could not base64-decode")
        }
        return page.offset
    }

    static func token(offset: Int) -> String {
        Data((try? WireJSON.encode(PageToken(offset: offset))) ?? []).base64EncodedString()
    }
}
