import NN
import Tensor
import Testing

/// Finite-difference gradient checks for layers and losses.
///
/// The scalar checked is L = Σ y ⊙ r for a fixed random r, so dL/dy = r. Each analytic
/// gradient (input and every parameter) is compared with central differences
/// (L(θ+h) − L(θ−h)) / 2h, computed in Double from float32 forwards; the tolerance is
/// relative to the gradient's scale.
enum GradientCheck {
    static func randomTensor(_ shape: [Int], seed: UInt64, scale: Float = 1) -> Tensor {
        var rng = RandomGenerator(seed: seed)
        return Tensor((0..<shape.reduce(1, *)).map { _ in rng.uniform(-scale, scale) }, shape: shape)
    }

    /// Largest |analytic − numeric| / max(1, |numeric|) over the input and parameters of `layer`.
    /// - Parameters:
    ///   - layer: evaluated with `training: false` unless `training` is set (dropout checks
    ///     must then make forward deterministic, e.g. by reseeding).
    ///   - input: a tensor the layer accepts.
    ///   - h: finite-difference step.
    static func maxError(_ layer: Layer, input: Tensor, h: Float = 1e-2, checkInput: Bool = true,
                         samples: Int = 40) -> Double {
        let y0 = layer.forward(input, training: false)
        let r = randomTensor(y0.shape, seed: 99)
        func objective() -> Double {
            let y = layer.forward(input, training: false)
            var s = 0.0
            for i in 0..<y.count { s += Double(y[i]) * Double(r[i]) }
            return s
        }
        layer.zeroGrad()
        _ = layer.forward(input, training: false)
        let dy = Tensor(zeros: r.shape)
        dy.copy(from: r)
        let dx = layer.backward(dy)
        let analyticInput = checkInput ? dx.toArray() : []
        var worst = 0.0
        func compare(_ t: Tensor, _ analytic: [Float]) {
            var rng = RandomGenerator(seed: 7)
            let picks = t.count <= samples ? Array(0..<t.count) : (0..<samples).map { _ in Int(rng.next() % UInt64(t.count)) }
            for i in picks {
                let saved = t[i]
                t[i] = saved + h; let plus = objective()
                t[i] = saved - h; let minus = objective()
                t[i] = saved
                let numeric = (plus - minus) / (2 * Double(h))
                worst = max(worst, abs(Double(analytic[i]) - numeric) / max(1, abs(numeric)))
            }
        }
        let grads = layer.parameters.map { $0.grad.toArray() }
        if checkInput { compare(input, analyticInput) }
        for (p, g) in zip(layer.parameters, grads) { compare(p.value, g) }
        return worst
    }
}
