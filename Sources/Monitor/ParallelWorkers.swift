#if canImport(Glibc)
    import Glibc
#endif

/// Runs `body(0..<count)` on `count` threads of its own (the caller's thread runs index 0) and
/// returns when all are done. Dedicated threads, not the Dispatch pool: the pool may run
/// iterations one after the other when it judges the machine busy, and a packet-path worker must
/// own its core for the whole run.
func runOnDedicatedThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    guard count > 1 else {
        body(0)
        return
    }
    final class Job: @unchecked Sendable {
        let index: Int
        let body: @Sendable (Int) -> Void
        init(index: Int, body: @escaping @Sendable (Int) -> Void) {
            self.index = index
            self.body = body
        }
    }
    var threads: [pthread_t] = []
    for index in 1..<count {
        let job = Unmanaged.passRetained(Job(index: index, body: body))
        var thread = pthread_t()
        let status = pthread_create(
            &thread, nil,
            { argument in
                let job = Unmanaged<Job>.fromOpaque(argument!).takeRetainedValue()
                job.body(job.index)
                return nil
            }, job.toOpaque())
        if status == 0 {
            threads.append(thread)
        } else {
            // No thread to be had: run this shard here, after the others started.
            let job = job.takeRetainedValue()
            job.body(job.index)
        }
    }
    body(0)
    for thread in threads { pthread_join(thread, nil) }
}

/// A thread of its own for a long-running loop (a live-capture worker, a sensor's capture): the
/// Dispatch pool holds only as many threads as cores for blocking work, so a third blocked task
/// would wait for one of the others to finish.
public final class DedicatedThread: @unchecked Sendable {
    private var thread = pthread_t()
    private var started = false
    private let body: @Sendable () -> Void

    /// Starts `body` at once; if no thread can be had, runs it on `join()`.
    public init(_ body: @escaping @Sendable () -> Void) {
        self.body = body
        let unmanaged = Unmanaged.passRetained(self)
        let status = pthread_create(
            &thread, nil,
            { argument in
                let owner = Unmanaged<DedicatedThread>.fromOpaque(argument!).takeRetainedValue()
                owner.body()
                return nil
            }, unmanaged.toOpaque())
        if status == 0 {
            started = true
        } else {
            unmanaged.release()
        }
    }

    /// Waits for the body to finish.
    public func join() {
        if started {
            pthread_join(thread, nil)
            started = false
        } else {
            body()
        }
    }
}
