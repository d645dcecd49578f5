import Tensor

/// Cuts each image into p×p patches, row-major over the patch grid, and maps every patch
/// linearly to D channels (the "per-patch fully-connected layer" of Tolstikhin et al. 2021),
/// as `embed(patchify(x, p))` in torch_reference.py.
///
/// Input (B, H·W) flattened images; output token-major (P, B, D) with P = (H/p)·(W/p), so
/// every later token-mixing layer is one GEMM on the (P, B·D) view. It is a network's first
/// layer: it computes no input gradient.
public final class PatchEmbedding: Layer {
    public let kind = "PatchEmbedding"
    public let height: Int, width: Int, patch: Int
    public let weight: Parameter              // (D, p²)
    public let bias: Parameter                // (D)
    private let patches = Tensor(zeros: [0])  // (P, B, p²)
    private let y = Tensor(zeros: [0])
    private let dx = Tensor(zeros: [0])

    public init(imageShape: [Int], patch: Int, dim: Int, rng: inout RandomGenerator) {
        precondition(imageShape.count == 2 && patch > 0 && dim > 0, "PatchEmbedding: bad sizes")
        precondition(imageShape[0] % patch == 0 && imageShape[1] % patch == 0,
                     "PatchEmbedding: patch \(patch) does not divide \(imageShape)")
        (height, width, self.patch) = (imageShape[0], imageShape[1], patch)
        let fan = patch * patch, bound = 1 / Float(fan).squareRoot()
        weight = Parameter("weight", Tensor((0..<dim * fan).map { _ in rng.uniform(-bound, bound) }, shape: [dim, fan]))
        bias = Parameter("bias", Tensor((0..<dim).map { _ in rng.uniform(-bound, bound) }, shape: [dim]))
    }

    public var dim: Int { bias.value.count }
    public var tokens: Int { (height / patch) * (width / patch) }
    public var parameters: [Parameter] { [weight, bias] }
    /// Logical (B, H·W) -> (B, P, D).
    public func outputShape(for input: [Int]) -> [Int] { [input[0], tokens, dim] }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {      // (B, H·W) -> (P, B, D)
        precondition(x.columns == height * width, "PatchEmbedding: expected \(height * width) pixels, got \(x.shape)")
        let k = x.backend
        k.patchify(x, height: height, width: width, patch: patch, into: patches)   // (P, B, p²)
        y.reshape([tokens, x.rows, dim])
        k.setRows(y, to: bias.value)
        k.gemm(patches, weight.value, transposeB: true, into: y, beta: 1)             // (P·B, D)
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {                    // (P, B, D) -> nothing
        let k = dy.backend
        k.gemm(dy, transposeA: true, patches, into: weight.grad, beta: 1)           // dW += dyᵀ·patches
        k.addColumnSums(of: dy, into: bias.grad)
        return dx
    }
}
