import Foundation
import Testing
import Training

/// Our safetensors encoder and decoder against the format as Python's `safetensors` writes it
/// (Fixtures/make_safetensors_fixture.py wrote Fixtures/python_written.safetensors).
struct SafeTensorsTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/python_written.safetensors")

    /// The fixture's tensors, in the order Python laid out their data (by name).
    static let pythonTensors: [SafeTensors.Entry] = [
        .init(name: "net.0.bias", shape: [3], values: [1.5, -2.25, 3.0e-8]),
        .init(name: "net.0.weight", shape: [3, 4], values: (0..<12).map { Float($0) / 8 - 0.5 }),
        .init(name: "scalar", shape: [], values: [7]),
    ]

    @Test func fileWrittenByPython_isRead_namesShapesValuesMetadata() throws {
        let bytes = [UInt8](try Data(contentsOf: Self.fixture))
        let file = try SafeTensors(decoding: bytes)
        #expect(file.tensors == Self.pythonTensors)
        #expect(file.metadata == ["epoch": "4", "note": "written by safetensors"])
    }

    /// Same data bytes and the same header content as Python's (JSON key order aside: Python
    /// sorts names but not a tensor's fields; ours sorts both, so a checkpoint's bytes are stable).
    @Test func sameTensors_encodeAsPythonDoes_dataBytesAndHeader() throws {
        let ours = SafeTensors(tensors: Self.pythonTensors, metadata: ["epoch": "4", "note": "written by safetensors"]).encoded()
        let python = [UInt8](try Data(contentsOf: Self.fixture))
        func split(_ b: [UInt8]) -> (header: Int, data: ArraySlice<UInt8>) {
            let n = b[0..<8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
            return (n, b[(8 + n)...])
        }
        #expect(split(ours).header == split(python).header && split(ours).data == split(python).data)
        #expect(try SafeTensors(decoding: ours) == SafeTensors(decoding: python))
        #expect(String(decoding: ours.prefix(40), as: UTF8.self).contains(#"{"__metadata__":{"epoch":"4""#))
    }

    @Test func roundTrip_keepsEveryTensorInOrder_andHeaderIsPaddedTo8() throws {
        let file = SafeTensors(tensors: [.init(name: "b", shape: [2, 1], values: [.pi, -0.0]),
                                         .init(name: "a", shape: [3], values: [1, .greatestFiniteMagnitude, 1e-30])],
                               metadata: ["rng.shuffle": "1,2,3,4"])
        let bytes = file.encoded()
        let n = bytes[0..<8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        #expect(n % 8 == 0 && bytes.count == 8 + n + 4 * 5)
        let back = try SafeTensors(decoding: bytes)
        #expect(back == file)
        #expect(back.tensors.map(\.values[0].bitPattern) == [Float.pi.bitPattern, Float(1).bitPattern])
    }

    @Test func brokenFiles_areRefused_namingTheProblem() throws {
        let good = SafeTensors(tensors: [.init(name: "w", shape: [2], values: [1, 2])]).encoded()
        func message(_ bytes: [UInt8]) -> String {
            do { _ = try SafeTensors(decoding: bytes); return "read" } catch { return error.description }
        }
        #expect(message([1, 2, 3]).contains("shorter than the 8-byte header length"))
        #expect(message(Array(good.dropLast(4))).contains("disagree"))                       // truncated data
        #expect(message(good + [0, 0, 0, 0]).contains("4 bytes after the last tensor"))
        var huge = good
        huge[6] = 1
        #expect(message(huge).contains("exceeds the file"))
        let n = Int(good[0]) | Int(good[1]) << 8, header = String(decoding: good[8..<8 + n], as: UTF8.self)
        let f16 = Array(good[0..<8]) + Array(header.replacingOccurrences(of: "F32", with: "F16").utf8) + good[(8 + n)...]
        #expect(message(f16).contains("is F16; only F32"))
        let notJSON = Array(good[0..<8]) + Array(repeating: UInt8(ascii: "x"), count: good.count - 8)
        #expect(message(notJSON).contains("not safetensors JSON"))
    }
}
