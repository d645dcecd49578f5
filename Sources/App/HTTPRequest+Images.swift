import Server
import Wire

extension HTTPRequest {
    /// The images of a predict request, each `pixels` numbers in 0...1 (row-major).
    ///
    /// The one place a request body becomes images: a JSON body (`PredictRequest`) today; another
    /// body type (a PNG) is one more branch on `Content-Type` here, answering the same `[[Float]]`.
    /// - Throws: `APIError` naming the field: no body, not JSON, no images or more than 1,024,
    ///   a value outside 0...1 (`images[3][17]`), an image with the wrong number of values (`images[2]`).
    func predictImages(pixels: Int) throws -> [[Float]] {
        let images = try decodeBody(PredictRequest.self).images
        if let i = images.firstIndex(where: { $0.count != pixels }) {
            throw APIError(.invalidSpec, "has \(images[i].count) numbers; this run's model takes \(pixels) per image",
                           field: "images[\(i)]")
        }
        return images
    }
}
