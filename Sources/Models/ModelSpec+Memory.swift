extension ModelSpec {
    /// A rough upper estimate of the float32 values one sample keeps alive during a training
    /// step (activations, their gradients, masks), so a spec whose batch would need tens of
    /// gigabytes is refused up front instead of failing inside a worker.
    public func activationFloatsPerSample(imageShape: [Int], classes: Int) -> Int {
        let inputFeatures = imageShape.reduce(1, *)
        if type == .mlp { return 4 * (inputFeatures + hidden.reduce(0, +) + classes) }
        let side = imageShape[0]
        let tokens = grid(imageSide: side) * grid(imageSide: side)
        let perBlock = tokens * (12 * dim + 4 * resolvedChannelHidden) + 4 * dim * resolvedTokenHidden(imageSide: side)
        return 4 * inputFeatures + depth * perBlock + 4 * classes
    }
}
