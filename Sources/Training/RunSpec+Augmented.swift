import Data
import Tensor

extension RunSpec {
    /// The first `count` training images of `train`, distorted as this spec's `augment` distorts
    /// training batches (unchanged without it), drawn from a generator seeded with the spec's
    /// seed: what the model is shown, the same images on every call.
    /// - Returns: each image's height·width pixels in [0, 1], and its label.
    public func augmentedSamples(of train: Dataset, count: Int) -> (images: [[Float]], labels: [Int]) {
        let n = min(count, train.count), pixels = train.features
        let batch = Engine.$current.withValue(CPUBackend.reference()) { Tensor(zeros: [0]) }   // host memory
        var labels: [Int32] = []
        var rng = RandomGenerator(seed: UInt64(seed))
        if let augmentation = augment?.augmentation {
            augmentation.gather(0..<Int32(n), of: train, into: batch, labels: &labels, rng: &rng)
        } else {
            train.gather(0..<Int32(n), into: batch, labels: &labels)
        }
        let values = batch.toArray()
        return ((0..<n).map { Array(values[$0 * pixels..<($0 + 1) * pixels]) }, labels.map(Int.init))
    }

    /// The same from the spec's training split (its `train_samples`), loaded through `datasets`.
    /// - Throws: the data set's load error.
    public func augmentedSamples(from datasets: DatasetCache, count: Int) throws
        -> (shape: [Int], images: [[Float]], labels: [Int]) {
        let train = try datasets.splits(dataset).train.prefix(trainSamples)
        let (images, labels) = augmentedSamples(of: train, count: count)
        return (train.imageShape, images, labels)
    }
}
