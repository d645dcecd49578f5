import Tensor

/// Every backend this machine runs (the reference first), so each gradient check and
/// optimizer fixture runs once per backend and instruction set.
enum Engines {
    static let names = Engine.available.map(\.name)

    /// Runs body with tensors, layers and optimizers made on the backend named `name`.
    static func on<R>(_ name: String, _ body: () throws -> R) rethrows -> R {
        let backend = try! Engine.backend(named: name)
        return try Engine.$current.withValue(backend) { try body() }
    }
}
