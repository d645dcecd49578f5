import Server
import Store
import Wire

/// GET /api/runs/{id}/events: server-sent events for one run, until it ends.
struct EventEndpoints: Sendable {
    let store: RunStore
    let bus: EventBus

    /// Seconds between heartbeat comments, which also notice a client that went away.
    static let heartbeat = 15.0

    func register(on router: inout Router) {
        router.add("GET", RunEndpoints.prefix + "/{id}/events") { _, p in
            guard let id = p["id"].flatMap(Int64.init), let run = try store.run(id: id) else {
                throw APIError(.notFound, "no run \(p["id"] ?? "")")
            }
            return .stream { stream in follow(run, stream) }
        }
    }

    /// Sends the current status, then every event of the run until a final status.
    func follow(_ run: RunRecord, _ stream: EventStream) {
        let subscription = bus.subscribe(runID: run.id)       // before re-reading: no change slips between
        defer { bus.unsubscribe(subscription) }
        let current = (try? store.run(id: run.id)) ?? run
        guard let first = try? HTTPResponse.encodeJSON(StatusEvent(status: current.status, error: current.error)),
              stream.send(event: "status", data: String(decoding: first, as: UTF8.self)) else { return }
        if current.status.isFinal { return }
        while true {
            guard let event = subscription.next(timeout: Self.heartbeat) else {
                guard stream.comment("keep-alive") else { return }     // the client went away
                continue
            }
            guard stream.send(event: event.name, data: event.data), !event.isLast else { return }
        }
    }
}
