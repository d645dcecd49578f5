import Testing
@testable import Server

struct PercentDecodingTests {
    @Test func decode_escapes_becomeBytes() {
        #expect(PercentDecoding.decode("/a%20b%2Fc%2e%2E") == "/a b/c..")
        #expect(PercentDecoding.decode("%C3%A9t%C3%A9") == "été")
        #expect(PercentDecoding.decode("plain") == "plain")
    }

    @Test func decode_plus_isSpaceOnlyInQueries() {
        #expect(PercentDecoding.decode("a+b") == "a+b")
        #expect(PercentDecoding.decode("a+b", plusAsSpace: true) == "a b")
        #expect(PercentDecoding.decode("a%2Bb", plusAsSpace: true) == "a+b")
    }

    @Test func decode_malformed_isNil() {
        #expect(PercentDecoding.decode("%") == nil)
        #expect(PercentDecoding.decode("%4") == nil)
        #expect(PercentDecoding.decode("%G1") == nil)
        #expect(PercentDecoding.decode("%FF%FE") == nil)   // not UTF-8
    }

    @Test func decode_doubleEncoded_decodesOnce() {
        #expect(PercentDecoding.decode("%252e%252e") == "%2e%2e")
    }

    @Test func query_pairs_areDecoded() {
        #expect(PercentDecoding.query("status=running&sort=-test_accuracy&limit=5")
                == ["status": "running", "sort": "-test_accuracy", "limit": "5"])
        #expect(PercentDecoding.query("a=1&a=2") == ["a": "2"])
        #expect(PercentDecoding.query("flag&&x=") == ["flag": "", "x": ""])
        #expect(PercentDecoding.query("name=a%3Db%26c") == ["name": "a=b&c"])
        #expect(PercentDecoding.query("") == [:])
        #expect(PercentDecoding.query("a=%zz") == nil)
    }
}
