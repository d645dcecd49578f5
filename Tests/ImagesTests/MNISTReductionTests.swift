import Foundation
import Testing
@testable import Images

struct MNISTReductionTests {
    struct Reference: Decodable { let source: String; let pixels: [Float] }

    /// Centre of mass (pixel i spans [i, i+1)) and the half-open bounding box of the nonzero pixels.
    static func measure(_ field: [Float]) -> (cx: Float, cy: Float, box: (w: Int, h: Int)) {
        var mass: Float = 0, mx: Float = 0, my: Float = 0, (x0, y0, x1, y1) = (28, 28, 0, 0)
        for y in 0..<28 {
            for x in 0..<28 where field[y * 28 + x] > 0 {
                let v = field[y * 28 + x]
                (mass, mx, my) = (mass + v, mx + v * (Float(x) + 0.5), my + v * (Float(y) + 0.5))
                (x0, y0, x1, y1) = (min(x0, x), min(y0, y), max(x1, x + 1), max(y1, y + 1))
            }
        }
        return (mx / mass, my / mass, (x1 - x0, y1 - y0))
    }

    /// A filled dark rectangle on a light background, `width × height`.
    static func rectangle(width: Int, height: Int, x: Range<Int>, y: Range<Int>) -> GrayImage {
        GrayImage(width: width, height: height, pixels: (0..<(width * height)).map { i in
            x.contains(i % width) && y.contains(i / width) ? 0.05 : 0.95
        })
    }

    @Test func reduce_largeDigit_matchesThePythonReference() throws {
        let reference = try JSONDecoder().decode(Reference.self, from: Data(try fixture("reduce_reference.json")))
        let field = MNISTReduction.reduce(try PNG.decodeGray(try fixture(reference.source)))
        #expect(field.count == 784)
        let worst = zip(field, reference.pixels).map { abs($0 - $1) }.max()!
        #expect(worst <= 1e-4, "largest difference \(worst)")
    }

    @Test(arguments: [(150, 210), (400, 90), (13, 17), (600, 600)])
    func reduce_anySize_massCentredAndFitsIn20(_ size: (Int, Int)) {
        let (w, h) = size
        let image = Self.rectangle(width: w, height: h, x: (w / 5)..<(w * 3 / 5), y: (h / 7)..<(h * 6 / 7))
        let field = MNISTReduction.reduce(image)
        let (cx, cy, box) = Self.measure(field)
        #expect(abs(cx - 14) <= 0.5 && abs(cy - 14) <= 0.5, "centre of mass (\(cx), \(cy))")
        #expect(max(box.w, box.h) == 20 && min(box.w, box.h) <= 20, "box \(box)")
        #expect(field.allSatisfy { (0...1).contains($0) })
    }

    @Test func reduce_keepsAspectRatio() {
        let image = Self.rectangle(width: 300, height: 300, x: 100..<150, y: 50..<250)   // 50 × 200 ink
        let (_, _, box) = Self.measure(MNISTReduction.reduce(image))
        #expect(box.h == 20 && box.w == 5)
    }

    @Test func reduce_darkBackground_isNotInverted() {
        let light = Self.rectangle(width: 90, height: 90, x: 30..<60, y: 10..<80)
        let dark = GrayImage(width: 90, height: 90, pixels: light.pixels.map { 1 - $0 })
        #expect(MNISTReduction.reduce(light) == MNISTReduction.reduce(dark))
        #expect(MNISTReduction.reduce(dark).max()! > 0.9)
    }

    @Test func reduce_28x28_isUsedAsIs() {
        let pixels = (0..<784).map { Float($0 % 7) / 6 }
        #expect(MNISTReduction.reduce(GrayImage(width: 28, height: 28, pixels: pixels)) == pixels)
    }

    @Test func reduce_blank_isAllZeros() {
        let blank = GrayImage(width: 50, height: 40, pixels: [Float](repeating: 1, count: 2000))
        #expect(MNISTReduction.reduce(blank) == [Float](repeating: 0, count: 784))
    }

    @Test func weights_sumToOne_shrinkingAndGrowing() {
        for (n, m) in [(210, 20), (37, 20), (20, 20), (7, 20), (1, 20), (2, 3)] {
            for taps in MNISTReduction.weights(from: n, to: m) {
                #expect(abs(taps.reduce(0) { $0 + $1.weight } - 1) < 1e-5, "\(n) -> \(m)")
                #expect(taps.allSatisfy { (0..<n).contains($0.index) && $0.weight >= 0 })
            }
        }
    }
}
