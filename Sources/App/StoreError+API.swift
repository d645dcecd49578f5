import Server
import Store

extension StoreError {
    /// What a client is told when the disk holding the database is full.
    static let diskFullMessage = "the disk holding mlplab's database is full: nothing was stored; free space and retry"

    /// The API error for a store error that is the server's condition rather than a bug: a full
    /// disk is 507 `insufficient_storage`. Everything else stays the router's generic 500.
    /// Installed as `Router.translate`, so every handler answers a full disk the same way.
    @Sendable static func apiError(_ error: any Error) -> APIError? {
        switch error {
        case StoreError.diskFull: APIError(.insufficientStorage, diskFullMessage)
        default: nil
        }
    }
}
