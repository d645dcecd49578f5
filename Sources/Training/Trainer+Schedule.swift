import Data

/// The learning-rate schedule as the trainer applies it: a pure function of the optimizer step,
/// so a resumed run recomputes the rate of any step.
extension Trainer {
    /// Optimizer steps per epoch: every batch, the last partial one included.
    public var stepsPerEpoch: Int { (train.count + spec.batchSize - 1) / spec.batchSize }

    /// The learning rate of optimizer step `step` (0-based, counted from the run's first step).
    public func learningRate(atStep step: Int) -> Float {
        spec.schedule.learningRate(step: step, stepsPerEpoch: stepsPerEpoch, totalSteps: spec.epochs * stepsPerEpoch,
                                   lr: spec.optimizer.lr)
    }
}
