import Foundation
import Images
import Testing
import TestSupport
import Training
import Wire

/// POST /api/runs/{id}/predict with a PNG body: decoded by libpng, reduced like MNIST, and
/// answered exactly as the JSON form answers the reduced image.
@Suite(.serialized) struct PNGPredictTests {
    static let spec = #"{"name": "png", "epochs": 2, "batch_size": 32, "seed": 4, "model": {"hidden": [16]}}"#

    /// POSTs raw bytes with a content type (TestHTTPClient's `request` sends text bodies).
    static func post(_ h: ServiceHarness, _ path: String, _ body: [UInt8], type: String = "image/png") throws -> TestHTTPClient.Response {
        let head = "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: \(type)\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        return try TestHTTPClient.send(port: h.port, raw: Array(head.utf8) + body)
    }

    static func json(_ h: ServiceHarness, _ id: Int64, _ image: [Float]) throws -> ImagePrediction {
        try h.request("POST", "/api/runs/\(id)/predict", body: try WireJSON.text(PredictRequest(images: [image])))
            .json(PredictResponse.self).predictions[0]
    }

    @Test func pngBody_answersAsTheJSONFormOfTheReducedImage() throws {
        let h = try ServiceHarness()
        let run = try h.request("POST", "/api/runs", body: Self.spec).json(RunInfo.self)
        #expect(try h.waitFor(run: run.id) { $0.status.isFinal }.status == .finished)
        let path = "/api/runs/\(run.id)/predict"

        // 28x28 is used as is: the data set's own PNG gives the JSON answer for its pixels.
        let file = try h.request("GET", "/api/datasets/mnist/test/7.png").body
        let pixels = (0..<784).map { Float((7 + $0) % 256) / 255 }        // IDXFixture's pixel rule
        let answer = try Self.post(h, path, file)
        #expect(answer.status == 200)
        #expect(try answer.json(PredictResponse.self).predictions[0] == Self.json(h, run.id, pixels))

        // Any other size goes through the reduction: a dark stroke on white, 210 x 150.
        var big = [UInt8](repeating: 240, count: 210 * 150)
        for y in 40..<180 { for x in 60..<85 { big[y * 150 + x] = 10 } }
        let png = try PNG.encode(gray: big, width: 150, height: 210)
        let reduced = MNISTReduction.reduce(try PNG.decodeGray(png))
        let viaPNG = try Self.post(h, path, png).json(PredictResponse.self).predictions[0]
        #expect(viaPNG == (try Self.json(h, run.id, reduced)))
    }

    @Test func badPNGs_are400NamingTheImage() throws {
        let h = try ServiceHarness()
        let run = try h.request("POST", "/api/runs", body: Self.spec).json(RunInfo.self)
        #expect(try h.waitFor(run: run.id) { $0.status.isFinal }.status == .finished)
        let path = "/api/runs/\(run.id)/predict"
        let png = try PNG.encode(gray: [UInt8](repeating: 128, count: 64 * 64), width: 64, height: 64)
        for (body, words) in [(Array("not a png".utf8), "not a PNG"), (Array(png.prefix(30)), "truncated"), ([], "empty")] {
            let response = try Self.post(h, path, body)
            #expect(response.status == 400)
            let error = try response.json(ErrorBody.self).error
            #expect(error.field == "image" && error.message.contains(words), "\(error.message)")
        }
    }
}
