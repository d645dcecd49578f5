import Server

/// The `{id}` of a resource path (`/api/runs/{id}`, `/api/sweeps/{id}`): a positive integer,
/// else a 404 naming the resource (`no run abc`), never a 400: such a resource does not exist.
func pathID(_ parameters: [String: String], kind: String) throws -> Int64 {
    guard let text = parameters["id"], let id = Int64(text), id > 0 else {
        throw APIError(.notFound, "no \(kind) \(parameters["id"] ?? "")")
    }
    return id
}
