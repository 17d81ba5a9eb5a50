import EventModel

/// What a job asked for, kept until its ack / ack-data arrives so that the response event names
/// the same operation and target. Text targets are stored as values the decoder can rebuild
/// without the batch arena (which is reset between batches).
struct S7PendingJob {
    enum TargetText {
        case none
        case itemCount(Int)
        case service(StaticString)
    }

    var function: S7Function
    var operation: Operation
    var target: EventTarget
    var targetText: TargetText
    var order: UInt64 = 0
}

/// Jobs awaiting an answer on one connection, keyed by PDU reference and by the side that sent
/// the job (a PLC sends "Download block" jobs to the programming device during a download).
/// Bounded by `capacity`: a new job beyond it evicts the oldest, and the caller reports
/// `s7comm.pending_overflow`.
struct S7PendingJobs {
    static let capacity = 256

    private var jobs: [UInt32: S7PendingJob] = [:]
    private var nextOrder: UInt64 = 0

    init() {
        jobs.reserveCapacity(Self.capacity)
    }

    var count: Int { jobs.count }

    private static func key(reference: UInt16, jobFromClient: Bool) -> UInt32 {
        UInt32(reference) | (jobFromClient ? 0x1_0000 : 0)
    }

    /// Records a job; returns true when the table was full and the oldest job was dropped.
    mutating func record(_ job: S7PendingJob, reference: UInt16, fromClient: Bool) -> Bool {
        var job = job
        job.target.text = .none
        job.order = nextOrder
        nextOrder &+= 1
        let key = Self.key(reference: reference, jobFromClient: fromClient)
        var evicted = false
        if jobs[key] == nil, jobs.count >= Self.capacity {
            if let oldest = jobs.min(by: { $0.value.order < $1.value.order })?.key {
                jobs.removeValue(forKey: oldest)
            }
            evicted = true
        }
        jobs[key] = job
        return evicted
    }

    /// The job a response answers (the response travels the other way).
    mutating func take(reference: UInt16, responseFromClient: Bool) -> S7PendingJob? {
        jobs.removeValue(forKey: Self.key(reference: reference, jobFromClient: !responseFromClient))
    }

    mutating func removeAll() {
        jobs.removeAll(keepingCapacity: true)
    }
}
