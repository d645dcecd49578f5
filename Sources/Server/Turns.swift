import Dispatch
import Synchronization

/// A counting semaphore that gives its turns in the order they were asked for.
///
/// `DispatchSemaphore` wakes any waiter: under a flood of 100 connections some requests waited
/// seconds for a handler while later ones went ahead. Here a returned turn goes straight to the
/// longest waiter, so a request's wait is bounded by the ones queued before it.
final class Turns: Sendable {
    private struct State {
        var free: Int
        var waiting: [DispatchSemaphore] = []
        var head = 0   // waiting[head...] are still asleep; the prefix is dropped when it grows
    }
    private let state: Mutex<State>

    init(_ count: Int) {
        precondition(count > 0, "Turns needs at least one turn")
        state = Mutex(State(free: count))
    }

    /// Waits, asleep, for a turn.
    func take() {
        let wakeUp = state.withLock { state -> DispatchSemaphore? in
            if state.free > 0 && state.head == state.waiting.count {
                state.free -= 1
                return nil
            }
            let semaphore = DispatchSemaphore(value: 0)
            state.waiting.append(semaphore)
            return semaphore
        }
        wakeUp?.wait()
    }

    /// Threads waiting for a turn now.
    var waiting: Int { state.withLock { $0.waiting.count - $0.head } }

    /// Returns a turn: to the longest waiter, if any.
    func give() {
        let next = state.withLock { state -> DispatchSemaphore? in
            guard state.head < state.waiting.count else {
                state.free += 1
                return nil
            }
            let next = state.waiting[state.head]
            state.head += 1
            if state.head == state.waiting.count || state.head >= 64 {
                state.waiting.removeFirst(state.head)
                state.head = 0
            }
            return next
        }
        next?.signal()
    }
}
