// SystemThread: a POSIX thread running one closure, joined by `join()`. For work that blocks on the disk
// (reading letter files ahead of a build), which must not hold one of Dispatch's few worker threads: on
// Linux the pool does not grow when its threads block, and the build's workers run on it.
#if canImport(Glibc)
    import Glibc
#endif

final class SystemThread {
    private final class Body {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }

    private var thread = pthread_t()
    private var joined = false

    /// Starts `body` on a new thread; traps only if the system cannot create a thread at all.
    init(_ body: @escaping () -> Void) {
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        let status = pthread_create(
            &thread, nil,
            { context in
                Unmanaged<Body>.fromOpaque(context!).takeRetainedValue().run()
                return nil
            }, context)
        precondition(status == 0, "pthread_create failed: \(status)")
    }

    /// Waits for the closure to return (once; later calls return at once).
    func join() {
        guard !joined else { return }
        joined = true
        pthread_join(thread, nil)
    }

    deinit { join() }
}
