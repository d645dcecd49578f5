@testable import App
import Testing
import Wire

struct EventBusTests {
    @Test func publish_fansOutToEverySubscriberOfTheRun_only() {
        let bus = EventBus()
        let a = bus.subscribe(runID: 1), b = bus.subscribe(runID: 1), other = bus.subscribe(runID: 2)
        bus.publish(runID: 1, name: "epoch", EpochRow(epoch: 3))
        for s in [a, b] {
            let event = s.next(timeout: 1)
            #expect(event?.name == "epoch" && event?.data == #"{"epoch":3}"# && event?.isLast == false)
        }
        #expect(other.next(timeout: 0.05) == nil)
    }

    @Test func slowSubscriber_losesOldestProgress_neverAnEpochOrTheLastEvent() {
        let bus = EventBus()
        let slow = bus.subscribe(runID: 7)
        bus.publish(runID: 7, name: "epoch", EpochRow(epoch: 1))
        for i in 0..<1000 { bus.publish(runID: 7, name: "progress", Progress(epoch: 2, batch: i, batches: 1000, fraction: 0.5)) }
        bus.publish(runID: 7, name: "status", StatusEvent(status: .finished, error: nil), isLast: true)
        var events: [EventBus.Event] = []
        while let e = slow.next(timeout: 0.05) { events.append(e) }
        #expect(events.count <= 257)
        #expect(events.first?.name == "epoch")
        #expect(events.last?.name == "status" && events.last?.isLast == true)
        #expect(events.last(where: { $0.name == "progress" })?.data.contains(#""batch":999"#) == true)   // newest kept
    }

    @Test func unsubscribed_getsNothingMore() {
        let bus = EventBus()
        let s = bus.subscribe(runID: 1)
        bus.unsubscribe(s)
        bus.publish(runID: 1, name: "epoch", EpochRow(epoch: 1))
        #expect(s.next(timeout: 0.05) == nil)
    }
}
