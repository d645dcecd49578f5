import Tensor

/// Every backend this machine runs (the reference first), so each kernel test, gradient check
/// and optimizer fixture runs once per backend and instruction set.
public enum Engines {
    public static let names = Engine.available.map(\.name)

    /// Runs body with tensors, layers and optimizers made on the backend named `name`.
    public static func on<R>(_ name: String, _ body: () throws -> R) rethrows -> R {
        let backend = try! Engine.backend(named: name)
        return try Engine.$current.withValue(backend) { try body() }
    }

    /// A tensor of `shape` with uniform values in [-scale, scale), seeded.
    public static func random(_ shape: [Int], seed: UInt64, scale: Float = 1) -> Tensor {
        var rng = RandomGenerator(seed: seed)
        return Tensor((0..<shape.reduce(1, *)).map { _ in rng.uniform(-scale, scale) }, shape: shape)
    }
}
