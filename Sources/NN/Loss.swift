import Foundation
import Tensor

/// A classification loss on logits (B, K) and integer labels, fused with the softmax.
///
/// `evaluate` writes the class probabilities and, when asked, the gradient of the batch-mean
/// loss with respect to the logits; it returns the *sum* of per-sample losses, so callers can
/// average over an epoch exactly.
public final class Loss {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// −log softmax(z)_y, computed as logsumexp(z) − z_y (stable for any logits).
        case crossEntropy = "cross_entropy"
        /// mean over classes of (softmax(z) − onehot(y))², PyTorch's `mse_loss(softmax, one_hot)`.
        case mse
    }

    public let kind: Kind
    public let probabilities = Tensor(zeros: [0])   // (B, K)
    public let gradient = Tensor(zeros: [0])        // (B, K), d(mean loss)/d logits

    public init(_ kind: Kind) { self.kind = kind }

    /// - Parameters:
    ///   - logits: (B, K) scores.
    ///   - labels: B class indices in 0..<K.
    ///   - computeGradient: fill `gradient` (training) or skip it (evaluation).
    /// - Returns: the sum over the batch of each sample's loss.
    public func evaluate(logits: Tensor, labels: UnsafeBufferPointer<Int32>, computeGradient: Bool) -> Double {
        let (b, k) = logits.matrixShape
        precondition(labels.count == b, "Loss: \(labels.count) labels for \(b) rows")
        probabilities.reshape([b, k])
        if computeGradient { gradient.reshape([b, k]) }
        var total = 0.0
        for r in 0..<b {
            let z = logits.data + r * k, p = probabilities.data + r * k, y = Int(labels[r])
            precondition(y >= 0 && y < k, "Loss: label \(y) outside 0..<\(k)")
            var zmax = z[0]
            for j in 1..<k { zmax = max(zmax, z[j]) }
            var sum: Float = 0
            for j in 0..<k { p[j] = expf(z[j] - zmax); sum += p[j] }
            let inv = 1 / sum
            for j in 0..<k { p[j] *= inv }
            switch kind {
            case .crossEntropy:
                total += Double(logf(sum) + zmax - z[y])
                if computeGradient {
                    let g = gradient.data + r * k, scale = 1 / Float(b)
                    for j in 0..<k { g[j] = p[j] * scale }
                    g[y] -= scale
                }
            case .mse:
                var rowLoss: Float = 0
                for j in 0..<k { let d = p[j] - (j == y ? 1 : 0); rowLoss += d * d }
                total += Double(rowLoss / Float(k))
                if computeGradient {
                    // dL/dp_j = 2 (p_j − y_j) / (B·K); through softmax: dz_j = p_j (dp_j − Σ_i dp_i p_i).
                    let g = gradient.data + r * k, scale = 2 / Float(b * k)
                    var dot: Float = 0
                    for j in 0..<k { g[j] = (p[j] - (j == y ? 1 : 0)) * scale; dot += g[j] * p[j] }
                    for j in 0..<k { g[j] = p[j] * (g[j] - dot) }
                }
            }
        }
        return total
    }
}
