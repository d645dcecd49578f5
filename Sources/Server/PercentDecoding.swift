/// Percent-decoding of request targets (RFC 3986 §2.1) and `application/x-www-form-urlencoded` queries.
///
/// Decoding happens once, in the decoder, so every later check (routing, the static-file traversal
/// guard) sees `%2e%2e` as `..`. Malformed escapes and invalid UTF-8 return `nil` (a 400), rather
/// than being passed through, so no two spellings of a path can disagree about what they mean.
enum PercentDecoding {
    /// Decodes `%XX` escapes (and `+` as a space when `plusAsSpace`); `nil` if an escape or the UTF-8 is bad.
    static func decode(_ text: Substring, plusAsSpace: Bool = false) -> String? {
        let utf8 = text.utf8
        guard utf8.contains(UInt8(ascii: "%")) || (plusAsSpace && utf8.contains(UInt8(ascii: "+"))) else {
            return String(text)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var i = utf8.startIndex
        while i != utf8.endIndex {
            let byte = utf8[i]
            if byte == UInt8(ascii: "%") {
                let h = utf8.index(after: i)
                guard h != utf8.endIndex, let hi = hexValue(utf8[h]) else { return nil }
                let l = utf8.index(after: h)
                guard l != utf8.endIndex, let lo = hexValue(utf8[l]) else { return nil }
                bytes.append(hi << 4 | lo)
                i = utf8.index(after: l)
                continue
            }
            bytes.append(plusAsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            i = utf8.index(after: i)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Decodes `a=1&b=x%20y&flag` into `["a": "1", "b": "x y", "flag": ""]`; a repeated key keeps its last value.
    static func query(_ text: Substring) -> [String: String]? {
        var result: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = decode(parts[0], plusAsSpace: true),
                  let value = parts.count > 1 ? decode(parts[1], plusAsSpace: true) : "" else { return nil }
            result[key] = value
        }
        return result
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
