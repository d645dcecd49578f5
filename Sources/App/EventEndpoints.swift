import Foundation
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
        router.add("GET", RunEndpoints.prefix + "/{id}/events") { request, p in
            guard let id = p["id"].flatMap(Int64.init), let run = try store.run(id: id) else {
                throw APIError(.notFound, "no run \(p["id"] ?? "")")
            }
            let resume = request.headers["Last-Event-ID"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            return .stream { stream in follow(run, stream, after: resume) }
        }
    }

    /// Sends the current status, then every event of the run until a final status. Epoch
    /// events carry the epoch as their `id`; a client resuming with `Last-Event-ID: N` first
    /// gets the stored epochs after N, then the live ones, with no epoch twice or missing.
    func follow(_ run: RunRecord, _ stream: EventStream, after resume: Int? = nil) {
        let subscription = bus.subscribe(runID: run.id)       // before re-reading: no change slips between
        defer { bus.unsubscribe(subscription) }
        let current = (try? store.run(id: run.id)) ?? run
        guard let first = try? HTTPResponse.encodeJSON(StatusEvent(status: current.status, error: current.error)),
              stream.send(event: "status", data: String(decoding: first, as: UTF8.self)) else { return }
        var sent = resume ?? Int.max                            // without Last-Event-ID: live epochs only
        if let resume {
            for row in (try? store.epochs(runID: run.id)) ?? [] where row.epoch > resume && row.epoch <= current.epochsDone {
                guard let data = try? HTTPResponse.encodeJSON(row),
                      stream.send(event: "epoch", id: String(row.epoch), data: String(decoding: data, as: UTF8.self)) else { return }
                sent = row.epoch
            }
        }
        if current.status.isFinal { return }
        while true {
            guard let event = subscription.next(timeout: Self.heartbeat) else {
                guard stream.comment("keep-alive") else { return }     // the client went away
                continue
            }
            if let epoch = event.epoch, resume != nil, epoch <= sent { continue }   // already sent from the store
            guard stream.send(event: event.name, id: event.epoch.map(String.init), data: event.data), !event.isLast else { return }
        }
    }
}
