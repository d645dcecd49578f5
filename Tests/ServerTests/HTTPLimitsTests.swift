import Testing
@testable import Server

struct HTTPLimitsTests {
    @Test func defaults_matchTheContract() {
        let limits = HTTPLimits()
        #expect(limits.requestLine == 8192)
        #expect(limits.headerCount == 100)
        #expect(limits.headerBytes == 16384)
        #expect(limits.body == 1_048_576)
        #expect(limits.idleTimeout == 30)
        #expect(limits.readTimeout == 10)
        #expect(limits.maxConnections == 4096)
    }
}
