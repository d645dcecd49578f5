/// One API token as stored: never the token itself, only the SHA-256 hash of its secret.
public struct TokenRecord: Sendable, Equatable {
    public let id: Int64
    public let name: String
    /// `read`, `write`, `admin` or `run:<id>`.
    public let scope: String
    /// SHA-256 of the token's secret (32 bytes).
    public let hash: [UInt8]
    public let createdAt: String
    /// When it was revoked; nil while it works.
    public let revokedAt: String?

    static let columns = "id, name, scope, hash, created_at, revoked_at"

    init(row: Statement) {
        (id, name, scope, hash) = (row.int64(0), row.text(1), row.text(2), row.blob(3))
        (createdAt, revokedAt) = (row.text(4), row.textOrNil(5))
    }
}
