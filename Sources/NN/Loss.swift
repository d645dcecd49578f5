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
    /// Cross-entropy's label smoothing e: targets (1 − e)·onehot + e/K (0 for mse).
    public let smoothing: Float
    public let probabilities = Tensor(zeros: [0])   // (B, K)
    public let gradient = Tensor(zeros: [0])        // (B, K), d(mean loss)/d logits

    public init(_ kind: Kind, smoothing: Float = 0) {
        precondition(smoothing >= 0 && smoothing <= 1 && (smoothing == 0 || kind == .crossEntropy),
                     "Loss: label smoothing in [0, 1], cross-entropy only")
        (self.kind, self.smoothing) = (kind, smoothing)
    }

    /// - Parameters:
    ///   - logits: (B, K) scores.
    ///   - labels: B class indices in 0..<K.
    ///   - computeGradient: fill `gradient` (training) or skip it (evaluation).
    /// - Returns: the sum over the batch of each sample's loss.
    public func evaluate(logits: Tensor, labels: UnsafeBufferPointer<Int32>, computeGradient: Bool) -> Double {
        let k = logits.backend, g = computeGradient ? gradient : nil
        switch kind {
        case .crossEntropy:
            return k.softmaxCrossEntropy(logits, labels: labels, smoothing: smoothing, probabilities: probabilities,
                                         gradient: g)
        case .mse: return k.softmaxMSE(logits, labels: labels, probabilities: probabilities, gradient: g)
        }
    }
}
