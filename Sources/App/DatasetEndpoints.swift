import Images
import Server
import Training

/// GET /api/datasets/{name}/{split}/{index}.png: any image of an installed data set, as a PNG.
struct DatasetEndpoints: Sendable {
    let datasets: DatasetCache

    static let prefix = "/api/datasets"

    func register(on router: inout Router) {
        router.add("GET", Self.prefix + "/{name}/{split}/{file}") { _, p in try image(p) }
    }

    func image(_ p: [String: String]) throws -> HTTPResponse {
        let name = p["name"] ?? "", split = p["split"] ?? "", file = p["file"] ?? ""
        guard datasets.isAvailable(name) else { throw APIError(.notFound, "no data set \(name) on this server") }
        guard split == "train" || split == "test" else {
            throw APIError(.notFound, "no split \(split) in \(name) (train or test)")
        }
        guard file.hasSuffix(".png"), let index = Int(file.dropLast(4)) else {
            throw APIError(.notFound, "no image \(file) in \(name)'s \(split) split (ask for INDEX.png)")
        }
        let splits = try datasets.splits(name)
        let data = split == "train" ? splits.train : splits.test
        guard (0..<data.count).contains(index) else {
            throw APIError(.notFound, "index \(index) is out of range: \(name)'s \(split) split has images 0...\(data.count - 1)")
        }
        let (height, width) = (data.imageShape[0], data.imageShape[1]), n = width * height
        let png = try PNG.encode(gray: Array(data.pixels[(index * n)..<((index + 1) * n)]), width: width, height: height)
        return HTTPResponse(status: 200, headers: ["Content-Type": "image/png", "Cache-Control": "max-age=86400"],
                            body: .bytes(png))
    }
}
