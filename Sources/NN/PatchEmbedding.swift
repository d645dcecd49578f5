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
        let b = x.rows, p = patch, fan = p * p, gw = width / p, P = tokens
        patches.reshape([P, b, fan])
        for t in 0..<P {
            let top = (t / gw) * p, left = (t % gw) * p
            for s in 0..<b {
                let dst = patches.data + (t * b + s) * fan, src = x.data + s * height * width + top * width + left
                for i in 0..<p { (dst + i * p).update(from: src + i * width, count: p) }
            }
        }
        y.reshape([P, b, dim])
        RowKernels.broadcastRows(bias.value.data, into: y.data, rows: P * b, columns: dim)
        BLAS.gemm(transposeB: true, m: P * b, n: dim, k: fan, patches.data, lda: fan, weight.value.data, ldb: fan,
                  beta: 1, y.data, ldc: dim)
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {                    // (P, B, D) -> nothing
        let rows = patches.matrixShape.rows, fan = patch * patch
        BLAS.gemm(transposeA: true, m: dim, n: fan, k: rows, dy.data, lda: dim, patches.data, ldb: fan,
                  beta: 1, weight.grad.data, ldc: fan)                             // dW += dyᵀ·patches
        RowKernels.addColumnSums(of: dy.data, rows: rows, columns: dim, into: bias.grad.data)
        return dx
    }
}
