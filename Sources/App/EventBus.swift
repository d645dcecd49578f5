import Dispatch
import Foundation
import Locking
import Server

/// Fans a run's live events (progress, finished epochs, status changes) out to the SSE
/// connections watching it. Publishers never block: each subscriber has its own queue, and
/// a subscriber that falls far behind loses its oldest progress events, never an epoch or
/// a status.
public final class EventBus: Sendable {
    /// One server-sent event, already encoded.
    public struct Event: Sendable, Equatable {
        public let name: String
        public let data: String
        /// The run's last event (a final status): streams end after sending it.
        public let isLast: Bool
        /// For an epoch event, its epoch: the event's SSE id.
        public var epoch: Int? = nil
    }

    /// A connection's view of one run's events.
    public final class Subscription: Sendable {
        let runID: Int64
        fileprivate let queue = Lock<[Event]>([])
        fileprivate let signal = DispatchSemaphore(value: 0)

        init(runID: Int64) { self.runID = runID }

        /// The next event, or nil after `timeout` seconds without one.
        public func next(timeout: Double) -> Event? {
            if let event = queue.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) { return event }
            guard signal.wait(timeout: .now() + timeout) == .success else { return nil }
            return queue.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        }

        fileprivate func push(_ event: Event) {
            queue.withLock { q in
                if q.count >= 256, let i = q.firstIndex(where: { $0.name == "progress" }) { q.remove(at: i) }
                q.append(event)
            }
            signal.signal()
        }
    }

    private let subscribers = Lock<[Int64: [Subscription]]>([:])

    public init() {}

    public func subscribe(runID: Int64) -> Subscription {
        let subscription = Subscription(runID: runID)
        subscribers.withLock { $0[runID, default: []].append(subscription) }
        return subscription
    }

    public func unsubscribe(_ subscription: Subscription) {
        subscribers.withLock { $0[subscription.runID]?.removeAll { $0 === subscription } }
    }

    /// Sends `value` as JSON under `name` to everyone watching `runID`; an epoch event gives its
    /// `epoch`, which becomes the event's SSE id.
    public func publish(runID: Int64, name: String, _ value: some Encodable, isLast: Bool = false, epoch: Int? = nil) {
        let targets = subscribers.withLock { $0[runID] ?? [] }
        guard !targets.isEmpty, let data = try? HTTPResponse.encodeJSON(value) else { return }
        let event = Event(name: name, data: String(decoding: data, as: UTF8.self), isLast: isLast, epoch: epoch)
        targets.forEach { $0.push(event) }
    }
}

