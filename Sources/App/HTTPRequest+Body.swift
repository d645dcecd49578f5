import Server
import Wire

extension HTTPRequest {
    /// Decodes the body as `T` with the API's one strict decoder.
    ///
    /// ```swift
    /// let spec = try request.decodeBody(RunSpec.self)   // APIError naming the field on bad input
    /// ```
    /// - Throws: `APIError` `.lengthRequired` (411) without a Content-Length,
    ///   `.unsupportedMediaType` (415) unless the body is JSON (a form-encoded body included:
    ///   send `curl --json @spec.json`), `.badRequest` when it is not JSON at all, and
    ///   `.invalidSpec` naming the field for everything else.
    func decodeBody<T: RequestBody>(_ type: T.Type) throws -> T {
        try requireLength()
        if let type = headers["Content-Type"]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased(),
           type != "application/json" && !type.hasSuffix("+json") {
            throw APIError(.unsupportedMediaType, "send the body as application/json (got \(type)); with curl: --json @file.json")
        }
        do { return try T.decode(body) } catch {
            throw error.field.isEmpty ? APIError(.badRequest, error.message) : APIError(.invalidSpec, error.message, field: error.field)
        }
    }

    /// Throws 411 `length_required` when the request came without a Content-Length header:
    /// for handlers whose body is the point (a POST that creates something).
    func requireLength() throws {
        if !headers.contains("Content-Length") {
            throw APIError(.lengthRequired, "\(method) \(path) needs a body with a Content-Length header")
        }
    }
}
