import Foundation

/// Decoding JSON request bodies with the API's one configuration (snake_case keys), with decoding
/// failures turned into the API's errors so handlers need no `catch`.
extension HTTPRequest {
    /// Decodes the body as `T`.
    ///
    /// ```swift
    /// let spec = try request.decodeJSON(RunSpec.self)   // throws APIError on bad input
    /// ```
    /// - Throws: `APIError` `.unsupportedMediaType` (415) if the Content-Type is not JSON,
    ///   `.badRequest` if the body is not JSON, `.invalidSpec` naming the field
    ///   (e.g. `optimizer.lr`) if a field is missing, null or of the wrong type.
    public func decodeJSON<T: Decodable>(_ type: T.Type) throws -> T {
        let contentType = headers["Content-Type"]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/json") else {
            throw APIError(.unsupportedMediaType, "the body must be application/json")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(T.self, from: Data(body))
        } catch let error as DecodingError {
            throw Self.apiError(error)
        }   // anything else (an APIError from a custom init(from:)) passes through as thrown
    }

    static func apiError(_ error: DecodingError) -> APIError {
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return APIError(.badRequest, "invalid JSON: \(context.debugDescription)")
        case .dataCorrupted(let context):
            return APIError(.invalidSpec, context.debugDescription, field: fieldPath(context.codingPath))
        case .keyNotFound(let key, let context):
            return APIError(.invalidSpec, "missing field", field: fieldPath(context.codingPath + [key]))
        case .valueNotFound(_, let context):
            return APIError(.invalidSpec, "must not be null", field: fieldPath(context.codingPath))
        case .typeMismatch(let type, let context):
            return APIError(.invalidSpec, "expected \(typeName(type))", field: fieldPath(context.codingPath))
        @unknown default:
            return APIError(.badRequest, "invalid JSON")
        }
    }

    /// `[model, hidden, 1]` → `model.hidden[1]`, keys back in snake_case as the client wrote them.
    static func fieldPath(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + snakeCase(key.stringValue)
            }
        }
        return text
    }

    private static func snakeCase(_ name: String) -> String {
        var out = ""
        for character in name {
            if character.isUppercase {
                if !out.isEmpty { out += "_" }
                out += character.lowercased()
            } else {
                out.append(character)
            }
        }
        return out
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type, is Int32.Type: "an integer"
        case is Double.Type, is Float.Type: "a number"
        default: "\(type)".hasPrefix("Array") ? "an array" : "an object"
        }
    }
}

extension HTTPRequest {
    /// Throws 411 `length_required` when the request came without a Content-Length header:
    /// for handlers whose body is the point (a POST that creates something).
    public func requireLength() throws {
        if !headers.contains("Content-Length") {
            throw APIError(.lengthRequired, "\(method) \(path) needs a body with a Content-Length header")
        }
    }
}
