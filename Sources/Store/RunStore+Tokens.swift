/// API tokens: created, listed and revoked by `mlplab token`, checked on every request the
/// service authorizes (so a token revoked from the command line stops working at once).
extension RunStore {
    /// Stores a new token's hash.
    /// - Parameters:
    ///   - name: unique among the tokens not revoked.
    ///   - scope: `read`, `write`, `admin` or `run:<id>`.
    ///   - hash: SHA-256 of the token's secret.
    /// - Returns: the stored row (its id is part of the token's text).
    /// - Throws: `StoreError.conflict` when a working token already has this name.
    public func createToken(name: String, scope: String, hash: [UInt8]) throws -> TokenRecord {
        try writer.use { db in
            try db.transaction {
                let taken = try db.query("SELECT 1 FROM tokens WHERE name = ? AND revoked_at IS NULL", name) { $0.int(0) }
                if !taken.isEmpty { throw StoreError.conflict("a token named \(name) exists; revoke it first") }
                return try db.query("""
                    INSERT INTO tokens (name, scope, hash, created_at) VALUES (?, ?, ?, \(Self.now))
                    RETURNING \(TokenRecord.columns)
                    """, name, scope, hash) { TokenRecord(row: $0) }[0]
            }
        }
    }

    /// The working (not revoked) token with this id, or nil.
    public func activeToken(id: Int64) throws -> TokenRecord? {
        try readers.read { db in
            try db.query("SELECT \(TokenRecord.columns) FROM tokens WHERE id = ? AND revoked_at IS NULL", id) {
                TokenRecord(row: $0)
            }.first
        }
    }

    /// Every token, revoked ones included, oldest first.
    public func tokens() throws -> [TokenRecord] {
        try readers.read { db in
            try db.query("SELECT \(TokenRecord.columns) FROM tokens ORDER BY id") { TokenRecord(row: $0) }
        }
    }

    /// Revokes the working token named `name`.
    /// - Throws: `StoreError.conflict` when no working token has that name.
    public func revokeToken(name: String) throws {
        try writer.use { db in
            if try db.run("UPDATE tokens SET revoked_at = \(Self.now) WHERE name = ? AND revoked_at IS NULL", name) == 0 {
                throw StoreError.conflict("no working token named \(name)")
            }
        }
    }

    /// Revokes every working token with this scope (a run's worker tokens when its job ends).
    /// - Returns: how many were revoked.
    @discardableResult
    public func revokeTokens(scope: String) throws -> Int {
        try writer.use { db in
            try db.run("UPDATE tokens SET revoked_at = \(Self.now) WHERE scope = ? AND revoked_at IS NULL", scope)
        }
    }
}
