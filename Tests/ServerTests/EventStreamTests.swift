import Synchronization
import Testing
@testable import Server

struct EventStreamTests {
    final class Recorder: Sendable {
        let written = Mutex<String>("")
        let accept = Atomic<Bool>(true)
        func write(_ bytes: [UInt8]) -> Bool {
            guard accept.load(ordering: .relaxed) else { return false }
            written.withLock { $0 += String(decoding: bytes, as: UTF8.self) }
            return true
        }
        var text: String { written.withLock { $0 } }
    }

    @Test func send_oneLine_writesEventAndData() {
        let recorder = Recorder()
        let stream = EventStream(write: recorder.write)
        #expect(stream.send(event: "progress", data: #"{"fraction":0.5}"#))
        #expect(recorder.text == "event: progress\ndata: {\"fraction\":0.5}\n\n")
    }

    @Test func send_multilineData_prefixesEachLine() {
        let recorder = Recorder()
        EventStream(write: recorder.write).send(event: "ev\nil", data: "a\nb\r\n")
        #expect(recorder.text == "event: evil\ndata: a\ndata: b\ndata: \n\n")
    }

    @Test func comment_writesHeartbeat() {
        let recorder = Recorder()
        #expect(EventStream(write: recorder.write).comment("ping"))
        #expect(recorder.text == ": ping\n\n")
    }

    @Test func send_afterClientGone_returnsFalseForever() {
        let recorder = Recorder()
        let stream = EventStream(write: recorder.write)
        recorder.accept.store(false, ordering: .relaxed)
        #expect(!stream.send(event: "a", data: "1"))
        recorder.accept.store(true, ordering: .relaxed)
        #expect(!stream.send(event: "a", data: "2"))
        #expect(!stream.isOpen)
        #expect(recorder.text.isEmpty)
    }

    @Test func send_afterClose_isRefused() {
        let recorder = Recorder()
        let stream = EventStream(write: recorder.write)
        stream.close()
        #expect(!stream.comment())
        #expect(recorder.text.isEmpty)
    }
}
