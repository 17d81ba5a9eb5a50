import Dispatch

/// Runs `first` and `second` at the same time (on two threads when one is free) and returns both
/// results. Neither may touch what the other changes.
public func sideBySide<First, Second>(_ first: () -> First, _ second: () -> Second) -> (First, Second) {
    withoutActuallyEscaping(first) { first in
        withoutActuallyEscaping(second) { second in
            let work = SideBySideWork(first, second)
            DispatchQueue.concurrentPerform(iterations: 2) { work.run(part: $0) }
            return (work.firstResult!, work.secondResult!)
        }
    }
}

/// The two closures and their results: each part is run and written by one thread only, and the
/// results are read after both are done (which is why it may be shared).
private final class SideBySideWork<First, Second>: @unchecked Sendable {
    let first: () -> First
    let second: () -> Second
    var firstResult: First?
    var secondResult: Second?

    init(_ first: @escaping () -> First, _ second: @escaping () -> Second) {
        self.first = first
        self.second = second
    }

    func run(part: Int) {
        if part == 0 { firstResult = first() } else { secondResult = second() }
    }
}

/// Lets go of `value` on another thread: for large structures whose freeing would hold up the
/// caller, who no longer needs them.
public func releaseInBackground<Value>(_ value: consuming Value) {
    let box = ReleaseBox(value)
    DispatchQueue.global(qos: .utility).async { box.release() }
}

/// Owned only by the closure that releases it.
private final class ReleaseBox<Value>: @unchecked Sendable {
    private var value: Value?

    init(_ value: consuming Value) { self.value = value }

    func release() { value = nil }
}
