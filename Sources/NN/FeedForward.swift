import Tensor

/// The two-layer MLP of every all-MLP vision block: fc2(drop(GELU(fc1(x)))), then dropout,
/// as `FeedForward` in torch_reference.py (Tolstikhin et al. 2021, https://arxiv.org/abs/2105.01601).
///
/// `channels:` mixes the features of each token (rows of (…, D), a `Linear` pair);
/// `tokens:` mixes the tokens of each channel (the (P, B·D) view of token-major activations,
/// a `TokenLinear` pair), which is Mixer's token mixing without any transpose.
/// The bias and GELU are fused: fc1 writes z (a `Linear` leaves its bias to the GELU pass; a
/// `TokenLinear` adds its own as it stores z), GELU writes y and turns z into GELU'(z) in place.
public final class FeedForward: Layer {
    public let kind: String
    public let fc1: Layer, fc2: Layer
    private let drop1: Dropout?, drop2: Dropout?
    private let y = Tensor(zeros: [0])        // GELU(z)
    private var z: Tensor?                    // fc1's output; GELU'(z) after a training forward
    private var zIsDerivative = false

    /// Feature-mixing MLP on the last dimension: D -> hidden -> out (default D).
    public convenience init(channels: Int, hidden: Int, out: Int? = nil, dropout: Float = 0, rng: inout RandomGenerator) {
        let fc1 = Linear(channels, hidden, rng: &rng), fc2 = Linear(hidden, out ?? channels, rng: &rng)
        self.init(kind: "FeedForward", fc1: fc1, fc2: fc2, dropout: dropout, rng: &rng)
    }

    /// Token-mixing MLP on the first dimension of (P, B, D): P -> hidden -> P.
    public convenience init(tokens: Int, hidden: Int, dropout: Float = 0, rng: inout RandomGenerator) {
        let fc1 = TokenLinear(tokens, hidden, rng: &rng), fc2 = TokenLinear(hidden, tokens, rng: &rng)
        self.init(kind: "TokenMixing", fc1: fc1, fc2: fc2, dropout: dropout, rng: &rng)
    }

    init(kind: String, fc1: Layer, fc2: Layer, dropout: Float, rng: inout RandomGenerator) {
        (self.kind, self.fc1, self.fc2) = (kind, fc1, fc2)
        drop1 = dropout > 0 ? Dropout(dropout, rng: &rng) : nil
        drop2 = dropout > 0 ? Dropout(dropout, rng: &rng) : nil
    }

    public var parameters: [Parameter] { fc1.parameters + fc2.parameters }
    public var children: [Layer] { [fc1] + (drop1.map { [$0] } ?? []) + [fc2] + (drop2.map { [$0] } ?? []) }
    public func outputShape(for input: [Int]) -> [Int] { fc2.outputShape(for: fc1.outputShape(for: input)) }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        let z: Tensor, bias: Tensor?                                // (…, hidden), ours to overwrite
        if let fc1 = fc1 as? Linear, let b = fc1.bias {           // channels: the bias joins the GELU pass
            (z, bias) = (fc1.forwardLeavingBias(x), b.value)
        } else {
            (z, bias) = (fc1.forward(x, training: training), nil)
        }
        self.z = z
        z.backend.geluFused(z, addingRows: bias, into: y, derivative: training)
        zIsDerivative = training
        let h = drop1?.forward(y, training: training) ?? y
        let out = fc2.forward(h, training: training)
        return drop2?.forward(out, training: training) ?? out
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard let z else { preconditionFailure("FeedForward.backward called before forward") }
        let dOut = drop2?.backward(dy) ?? dy
        var dh: Tensor                                              // (…, hidden), over the spent GELU output
        switch fc2 {
        case let fc2 as Linear: dh = fc2.backward(dOut, inputGradientInto: y)
        case let fc2 as TokenLinear: dh = fc2.backward(dOut, inputGradientInto: y)
        default: dh = fc2.backward(dOut)
        }
        dh = drop1?.backward(dh) ?? dh
        if !zIsDerivative { z.backend.geluDerivative(z); zIsDerivative = true }
        dh.backend.multiply(dh, z, into: dh)                        // through GELU
        return fc1.backward(dh)
    }
}
