/// GET /api/runs/{id}/augmented: a few training images of the run's data set as its spec's
/// `augment` distorts them (unchanged when it has none), pixels in [0, 1], row-major.
public struct AugmentedImages: Codable, Sendable, Equatable {
    public var runId: Int64
    /// [height, width] of every image.
    public var shape: [Int]
    /// One list of height·width pixels per image.
    public var images: [[Float]]
    public var labels: [Int]
    enum CodingKeys: String, CodingKey { case runId = "run_id", shape, images, labels }
    public init(runId: Int64, shape: [Int], images: [[Float]], labels: [Int]) {
        precondition(images.count == labels.count, "AugmentedImages: \(images.count) images for \(labels.count) labels")
        (self.runId, self.shape, self.images, self.labels) = (runId, shape, images, labels)
    }
}

extension AugmentedImages: WireExample {
    public static var example: AugmentedImages {
        AugmentedImages(runId: 1, shape: [2, 2], images: [[0, 0.5, 1, 0.25]], labels: [7])
    }
}
