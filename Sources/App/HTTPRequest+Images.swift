import Images
import Server
import Wire

extension HTTPRequest {
    /// The images of a predict request, each `pixels` numbers in 0...1 (row-major).
    ///
    /// The one place a request body becomes images: a JSON body (`PredictRequest`), or one PNG
    /// (`Content-Type: image/png`) decoded by libpng and reduced to 28×28 the way MNIST was made
    /// (`MNISTReduction`), answering the same `[[Float]]`.
    /// - Throws: `APIError` naming the field: no body, not JSON, no images or more than 1,024,
    ///   a value outside 0...1 (`images[3][17]`), an image with the wrong number of values (`images[2]`);
    ///   for a PNG, `image` when it is not a PNG, truncated, corrupt or too large.
    func predictImages(pixels: Int) throws -> [[Float]] {
        if isPNG { return [try pngImage(pixels: pixels)] }
        let images = try decodeBody(PredictRequest.self).images
        if let i = images.firstIndex(where: { $0.count != pixels }) {
            throw APIError(.invalidSpec, "has \(images[i].count) numbers; this run's model takes \(pixels) per image",
                           field: "images[\(i)]")
        }
        return images
    }

    private var isPNG: Bool {
        headers["Content-Type"]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() == "image/png"
    }

    /// The PNG body reduced to the model's 28×28 input.
    private func pngImage(pixels: Int) throws -> [Float] {
        try requireLength()
        let side = MNISTReduction.side
        guard pixels == side * side else {
            throw APIError(.badRequest, "a PNG is reduced to \(side)x\(side); this run's model takes \(pixels) values per image",
                           field: "image")
        }
        do throws(PNGError) {
            return MNISTReduction.reduce(try PNG.decodeGray(body))
        } catch {
            throw APIError(.badRequest, error.description, field: "image")
        }
    }
}
