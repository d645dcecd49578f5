import NN

/// The parameters under the names and shapes of the model's PyTorch twin
/// (../shared/bench/torch_reference.py), so exported weights load with
/// `model.load_state_dict(safetensors.torch.load_file(f))`.
extension Model {
    /// Every parameter with its twin's `state_dict` key, in `parameters` order.
    ///
    /// ```swift
    /// model.namedParameters.map(\.name)   // ["net.0.weight", "net.0.bias", "net.3.weight", …] for an MLP with dropout
    /// ```
    public var namedParameters: [(name: String, parameter: Parameter)] {
        let named: [(String, Parameter)]
        switch spec.type {
        case .mlp:          // nn.Sequential(Linear, act, [Dropout], …, Linear): the same layer list, the same indexes
            named = network.layers.enumerated().flatMap { i, layer in layer.parameters.map { ("net.\(i).\($0.name)", $0) } }
        case .mixer, .resmlp, .vip:
            named = patchModelNames
        }
        precondition(named.count == parameters.count, "Model: \(named.count) twin names for \(parameters.count) parameters")
        return named
    }

    /// embed, blocks.i.{n1|a1, tok|attn, s1, n2|a2, ch, s2}, norm, head.
    private var patchModelNames: [(String, Parameter)] {
        let layers = network.layers
        var out = Self.prefixed("embed", layers[0].parameters)
        let branchNames: (String, String) = spec.type == .vip ? ("attn", "ch") : ("tok", "ch")
        let normNames = spec.type == .resmlp ? ("a1", "a2") : ("n1", "n2")
        for (i, block) in layers.dropFirst().dropLast(3).enumerated() {
            let residuals = block.children.compactMap { $0 as? Residual }
            precondition(residuals.count == 2, "Model: a block of \(spec.type) has two residual halves")
            for (j, r) in residuals.enumerated() {
                let p = "blocks.\(i)."
                out += Self.prefixed(p + (j == 0 ? normNames.0 : normNames.1), r.norm.parameters)
                out += Self.branchNames(r.branch).map { (p + (j == 0 ? branchNames.0 : branchNames.1) + $0.0, $0.1) }
                if let scale = r.scale { out.append((p + (j == 0 ? "s1" : "s2"), scale)) }
            }
        }
        out += Self.prefixed("norm", layers[layers.count - 3].parameters)
        out += Self.prefixed("head", layers[layers.count - 1].parameters)
        return out
    }

    /// A residual branch's parameters relative to the branch (".fc1.weight", ".weight").
    private static func branchNames(_ branch: Layer) -> [(String, Parameter)] {
        switch branch {
        case let ff as FeedForward:
            return prefixed(".fc1", ff.fc1.parameters) + prefixed(".fc2", ff.fc2.parameters)
        case let wp as WeightedPermuteMLP:        // twin: mlp_c, mlp_h, mlp_w, reweight = Sequential(Linear, GELU, Linear), proj
            return prefixed(".mlp_c", wp.mlpC.parameters) + prefixed(".mlp_h", wp.mlpH.parameters)
                + prefixed(".mlp_w", wp.mlpW.parameters) + prefixed(".reweight.0", wp.reweight.fc1.parameters)
                + prefixed(".reweight.2", wp.reweight.fc2.parameters) + prefixed(".proj", wp.proj.parameters)
        default:                                  // a single linear map (ResMLP's token mixing)
            return prefixed("", branch.parameters)
        }
    }

    private static func prefixed(_ prefix: String, _ parameters: [Parameter]) -> [(String, Parameter)] {
        parameters.map { (prefix + "." + $0.name, $0) }
    }

    /// The model's dropout layers in a stable order: each owns a random stream a checkpoint saves.
    public var dropouts: [Dropout] { network.allLayers.compactMap { $0 as? Dropout } }
}
