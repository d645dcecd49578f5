/// MLflow's error codes and the HTTP status each is sent with (mlflow/protos/databricks.proto
/// and `ERROR_CODE_TO_HTTP_STATUS` in mlflow/exceptions.py).
public enum MLflowErrorCode: String, Codable, Sendable, CaseIterable {
    case invalidParameterValue = "INVALID_PARAMETER_VALUE"   // 400
    case badRequest = "BAD_REQUEST"                           // 400
    case resourceAlreadyExists = "RESOURCE_ALREADY_EXISTS"   // 400
    case invalidState = "INVALID_STATE"                       // 400
    case resourceDoesNotExist = "RESOURCE_DOES_NOT_EXIST"    // 404
    case endpointNotFound = "ENDPOINT_NOT_FOUND"              // 404
    case permissionDenied = "PERMISSION_DENIED"               // 403
    case unauthenticated = "UNAUTHENTICATED"                  // 401
    case notImplemented = "NOT_IMPLEMENTED"                   // 501
    case internalError = "INTERNAL_ERROR"                     // 500

    public var status: Int {
        switch self {
        case .invalidParameterValue, .badRequest, .resourceAlreadyExists, .invalidState: 400
        case .resourceDoesNotExist, .endpointNotFound: 404
        case .permissionDenied: 403
        case .unauthenticated: 401
        case .notImplemented: 501
        case .internalError: 500
        }
    }
}

/// An error of the MLflow API, thrown by its handlers and sent as MLflow's error body,
/// `{"error_code": "INVALID_PARAMETER_VALUE", "message": "..."}`, with the code's status.
public struct MLflowError: Error, Codable, Sendable, Equatable, CustomStringConvertible {
    public var errorCode: MLflowErrorCode
    public var message: String

    enum CodingKeys: String, CodingKey { case errorCode = "error_code", message }

    public init(_ code: MLflowErrorCode, _ message: String) { (errorCode, self.message) = (code, message) }

    public var status: Int { errorCode.status }
    public var description: String { "\(errorCode.rawValue): \(message)" }

    /// A body field that failed strict decoding, in MLflow's words.
    public init(_ error: SpecError) {
        if error.field.isEmpty {
            self.init(.badRequest, "Malformed request body: \(error.message)")
        } else if error.message == "is required" {
            self.init(.invalidParameterValue, "Missing value for required parameter '\(error.field)'.")
        } else {
            self.init(.invalidParameterValue, "Invalid value for parameter '\(error.field)': \(error.message)")
        }
    }
}
