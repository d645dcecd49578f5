import Foundation
import Wire

/// The safetensors file format (https://github.com/huggingface/safetensors), float32 only:
/// an 8-byte little-endian header length N, N bytes of JSON header, then the raw tensor bytes.
///
/// The header maps each tensor name to `{"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}`
/// (offsets into the bytes after the header) and may hold `"__metadata__"`, a string-to-string map.
/// Written here so mlplab needs no Python to write or read it; `safetensors.torch.load_file` reads
/// what `encode` writes, and `decode` reads what Python's `save_file` writes (tested with a fixture).
///
/// ```swift
/// let bytes = SafeTensors(tensors: [.init(name: "w", shape: [2], values: [1, 2])], metadata: ["epoch": "3"]).encoded()
/// let back = try SafeTensors(decoding: bytes)
/// ```
public struct SafeTensors: Equatable, Sendable {
    /// One named float32 tensor, values row-major.
    public struct Entry: Equatable, Sendable {
        public var name: String
        public var shape: [Int]
        public var values: [Float]
        public init(name: String, shape: [Int], values: [Float]) {
            precondition(values.count == shape.reduce(1, *), "SafeTensors: \(values.count) values for shape \(shape)")
            (self.name, self.shape, self.values) = (name, shape, values)
        }
    }

    /// In the order written (data laid out in this order).
    public var tensors: [Entry]
    public var metadata: [String: String]

    public init(tensors: [Entry], metadata: [String: String] = [:]) {
        (self.tensors, self.metadata) = (tensors, metadata)
    }

    /// The tensor named `name`, or nil.
    public subscript(name: String) -> Entry? { tensors.first { $0.name == name } }

    // MARK: - Encoding

    /// The file's bytes. The header is padded with spaces to a multiple of 8 bytes, as Python's writer does.
    public func encoded() -> [UInt8] {
        var offset = 0
        var header = Header(metadata: metadata.isEmpty ? nil : metadata, entries: [])
        for t in tensors {
            header.entries.append((t.name, TensorInfo(dtype: "F32", shape: t.shape, dataOffsets: [offset, offset + 4 * t.values.count])))
            offset += 4 * t.values.count
        }
        let encoder = JSONEncoder()          // sorted keys: the same state always gives the same bytes
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var json = Array(try! encoder.encode(header))             // a header of strings and ints always encodes
        while json.count % 8 != 0 { json.append(0x20) }
        var out = [UInt8]()
        out.reserveCapacity(8 + json.count + offset)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { out += $0 }
        out += json
        for t in tensors {
            t.values.withUnsafeBytes { raw in                      // float32 little-endian (this machine's order)
                precondition(1.littleEndian == 1, "SafeTensors: big-endian hosts are not supported")
                out += raw
            }
        }
        return out
    }

    // MARK: - Decoding

    /// Reads a safetensors file.
    /// - Throws: `CheckpointError.malformed` naming the problem: truncated, a header that is not
    ///   the format's JSON, a dtype other than F32, offsets that disagree with the shapes or leave holes.
    public init(decoding bytes: [UInt8]) throws(CheckpointError) {
        guard bytes.count >= 8 else { throw .malformed("\(bytes.count) bytes: shorter than the 8-byte header length") }
        let n = bytes[0..<8].withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard n <= UInt64(bytes.count - 8) else { throw .malformed("header length \(n) exceeds the file (\(bytes.count) bytes)") }
        let headerEnd = 8 + Int(n)
        let header: Header
        do { header = try JSONDecoder().decode(Header.self, from: Data(bytes[8..<headerEnd])) } catch let error as CheckpointError {
            throw error
        } catch { throw .malformed("the header is not safetensors JSON: \(error)") }
        let dataCount = bytes.count - headerEnd
        var expected = 0
        for (name, info) in header.entries.sorted(by: { $0.1.dataOffsets.first ?? 0 < $1.1.dataOffsets.first ?? 0 }) {
            guard info.dtype == "F32" else { throw .malformed("tensor \(name) is \(info.dtype); only F32 is read") }
            guard info.dataOffsets.count == 2, info.shape.allSatisfy({ $0 >= 0 }) else {
                throw .malformed("tensor \(name) has a bad shape or data_offsets")
            }
            let (begin, end) = (info.dataOffsets[0], info.dataOffsets[1])
            guard begin == expected, end - begin == 4 * info.shape.reduce(1, *), end <= dataCount else {
                throw .malformed("tensor \(name): data_offsets [\(begin), \(end)] disagree with its shape \(info.shape) or the file")
            }
            expected = end
        }
        guard expected == dataCount else { throw .malformed("\(dataCount - expected) bytes after the last tensor") }
        tensors = header.entries.map { name, info in
            let count = info.shape.reduce(1, *), start = headerEnd + info.dataOffsets[0]
            let values = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                if count > 0 {          // float32 little-endian, as this (little-endian) host keeps it
                    bytes.withUnsafeBytes { raw in
                        UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(from: raw.baseAddress! + start, byteCount: 4 * count)
                    }
                }
                initialized = count
            }
            return Entry(name: name, shape: info.shape, values: values)
        }.sorted { a, b in header.offset(of: a.name) < header.offset(of: b.name) }
        metadata = header.metadata ?? [:]
    }
}

/// The header's value for one tensor.
private struct TensorInfo: Codable {
    var dtype: String
    var shape: [Int]
    var dataOffsets: [Int]
    enum CodingKeys: String, CodingKey { case dtype, shape, dataOffsets = "data_offsets" }
}

/// The header object: tensor names to their info, and the optional `__metadata__`.
private struct Header: Codable {
    var metadata: [String: String]?
    var entries: [(String, TensorInfo)]

    init(metadata: [String: String]?, entries: [(String, TensorInfo)]) { (self.metadata, self.entries) = (metadata, entries) }

    struct Key: CodingKey {
        var stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }
    static let metadataKey = "__metadata__"

    func offset(of name: String) -> Int { entries.first { $0.0 == name }?.1.dataOffsets.first ?? 0 }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        metadata = try c.decodeIfPresent([String: String].self, forKey: Key(stringValue: Self.metadataKey))
        entries = try c.allKeys.filter { $0.stringValue != Self.metadataKey }.map { ($0.stringValue, try c.decode(TensorInfo.self, forKey: $0)) }
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        if let metadata { try c.encode(metadata, forKey: Key(stringValue: Self.metadataKey)) }
        for (name, info) in entries { try c.encode(info, forKey: Key(stringValue: name)) }
    }
}

/// Why a checkpoint could not be read or applied.
public enum CheckpointError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not a safetensors file we can read.
    case malformed(String)
    /// A valid file that does not fit this run's model or optimizer.
    case mismatch(String)

    public var description: String {
        switch self {
        case let .malformed(m): "not a readable safetensors checkpoint: \(m)"
        case let .mismatch(m): "the checkpoint does not fit this run: \(m)"
        }
    }
}
