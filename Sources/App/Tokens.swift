import CCrypto
import Store

/// Makes and checks API tokens. A token reads `mlp_<id>_<secret>`: the id finds its row, and
/// the SHA-256 of the secret is compared in constant time with the stored hash (the token
/// itself is never stored). Every check reads the database, so `mlplab token revoke` from
/// another process takes effect on the next request.
///
/// ```swift
/// let tokens = Tokens(store: store)
/// let (text, _) = try tokens.create(name: "ci", scope: .write)   // print `text` once
/// tokens.scope(of: text)                                          // .write
/// ```
public struct Tokens: Sendable {
    public let store: RunStore
    static let prefix = "mlp_"

    public init(store: RunStore) { self.store = store }

    /// A new token with 256 random bits of secret.
    /// - Returns: the token's text (shown once) and its stored row.
    /// - Throws: `StoreError.conflict` when a working token has that name.
    public func create(name: String, scope: TokenScope) throws -> (token: String, record: TokenRecord) {
        var generator = SystemRandomNumberGenerator()             // getrandom(2): a CSPRNG
        let secret = Self.base64URL((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        let record = try store.createToken(name: name, scope: scope.description, hash: Self.sha256(secret))
        return ("\(Self.prefix)\(record.id)_\(secret)", record)
    }

    /// The scope of a working token, or nil for anything else (malformed, unknown, revoked).
    public func scope(of token: String) throws -> TokenScope? {
        let parts = token.split(separator: "_", maxSplits: 2, omittingEmptySubsequences: false)
        let secret = parts.count == 3 ? String(parts[2]) : token
        let digest = Self.sha256(secret)                          // hashed whether or not the id is known
        guard parts.count == 3, parts[0] + "_" == Self.prefix, let id = Int64(parts[1]),
              let record = try store.activeToken(id: id) else { return nil }
        guard Self.constantTimeEqual(digest, record.hash) else { return nil }
        return try? TokenScope(record.scope)
    }

    /// Equal arrays of equal length, in a time that depends only on the length.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }

    static func sha256(_ text: String) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { input in _ = SHA256(input.baseAddress, input.count, &digest) }
        return digest
    }

    private static func base64URL(_ bytes: [UInt8]) -> String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var out = "", bits = 0, value = 0
        for byte in bytes {
            value = value << 8 | Int(byte); bits += 8
            while bits >= 6 { bits -= 6; out.append(table[(value >> bits) & 63]) }
        }
        if bits > 0 { out.append(table[(value << (6 - bits)) & 63]) }
        return out
    }
}
