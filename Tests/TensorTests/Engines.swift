import Tensor

/// Every backend this machine runs (the reference first): each backend test runs on each.
enum Engines {
    static let names = Engine.available.map(\.name)

    static func on<R>(_ name: String, _ body: () throws -> R) rethrows -> R {
        let backend = try! Engine.backend(named: name)
        return try Engine.$current.withValue(backend) { try body() }
    }

    static func random(_ shape: [Int], seed: UInt64, scale: Float = 1) -> Tensor {
        var rng = RandomGenerator(seed: seed)
        return Tensor((0..<shape.reduce(1, *)).map { _ in rng.uniform(-scale, scale) }, shape: shape)
    }
}
