import Glibc

/// Starts detached POSIX threads with a chosen stack size, reporting failure instead of trapping.
///
/// The server uses one thread per connection; under load `pthread_create` can fail (EAGAIN), and the
/// accept loop must then answer 503 rather than crash, which Foundation's `Thread.start()` does not
/// allow. A small stack keeps thousands of mostly idle connection threads cheap.
enum DetachedThread {
    private final class Box {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    /// Runs `body` on a new detached thread.
    /// - Returns: `false` if the thread could not be created (`body` is then never run).
    @discardableResult
    static func spawn(stackSize: Int = 1 << 20, _ body: @escaping @Sendable () -> Void) -> Bool {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        pthread_attr_setstacksize(&attributes, stackSize)
        let context = Unmanaged.passRetained(Box(body)).toOpaque()
        var thread = pthread_t()
        let rc = pthread_create(&thread, &attributes, { context in
            Unmanaged<Box>.fromOpaque(context!).takeRetainedValue().body()
            return nil
        }, context)
        if rc != 0 {
            Unmanaged<Box>.fromOpaque(context).release()
            return false
        }
        return true
    }
}
