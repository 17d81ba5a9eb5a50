import AssetInventory
import EventModel
import FlowTracking
import Monitor
import Storage

#if canImport(Glibc)
    import Glibc
#endif

extension MonitorConfiguration {
    /// The packet path for `StoreFeed`s: notable events kept, events counted by function, and
    /// live flows reported in parts every `checkpointInterval` of packet time.
    public static func feedingStore(checkpointInterval: Int64) -> MonitorConfiguration {
        var configuration = MonitorConfiguration()
        configuration.collectEvents = true
        configuration.collectOnlyNotableEvents = true
        configuration.checkpointInterval = checkpointInterval
        configuration.countFunctions = true
        return configuration
    }
}

/// One worker's share of what goes to the store: an inventory collector for the observations,
/// the notable events in full and the per-edge operation counts. Fed on the worker's thread; the
/// store writer takes what accumulated (`take`) about once a second from its own thread, so the
/// two meet at a mutex held only for a swap or for one batch.
public final class StoreFeed: PacketPathObserver, @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    private var drained = pthread_cond_t()
    private var collector = InventoryCollector()
    private var events = EventRows()
    /// Formats each event's JSON line, reused from one to the next.
    private var line = JSONWriter()
    private var counts: [EventCountKey: UInt64] = [:]
    private var sessions: [RemoteSessionKey: RemoteSessionObservation] = [:]
    private var droppedEvents: UInt64 = 0
    private var droppedSessions: UInt64 = 0
    private var flowsReported: UInt64 = 0
    /// Notable events kept between two takes. Past it a live feed counts them as dropped (a flood
    /// of writes must not exhaust memory while the disk is slow or full); an import feed
    /// (`waitsWhenFull`) makes its worker wait for the writer instead, so an import keeps every
    /// event however fast the file reads.
    public let maximumEvents: Int
    /// Remote-access flows kept between two takes, under the same rule (a scan of SSH ports
    /// ends a flow per probe).
    public let maximumSessions: Int
    public private(set) var waitsWhenFull: Bool
    /// Called (on the worker's thread) when the feed is full and waits: wake the writer.
    public var onFull: (@Sendable () -> Void)?

    public init(maximumEvents: Int = 50_000, maximumSessions: Int = 20_000, waitsWhenFull: Bool = false) {
        self.maximumEvents = maximumEvents
        self.maximumSessions = maximumSessions
        self.waitsWhenFull = waitsWhenFull
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&drained, nil)
    }

    deinit {
        pthread_cond_destroy(&drained)
        pthread_mutex_destroy(&mutex)
    }

    public func observe(_ batch: EventBatch) {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        collector.observe(batch)
        // Events are read in place: a `for in` copied every 320-byte event.
        batch.events.withUnsafeBufferPointer { batchEvents in
            for index in batchEvents.indices where batchEvents[index].isNotable {
                if events.count >= maximumEvents {
                    guard waitsWhenFull else {
                        droppedEvents &+= 1
                        continue
                    }
                    while events.count >= maximumEvents && waitsWhenFull {
                        onFull?()
                        pthread_cond_wait(&drained, &mutex)
                    }
                }
                if events.count >= maximumEvents {  // no longer waiting: the writer gave up
                    droppedEvents &+= 1
                    continue
                }
                events.append(batchEvents[index], in: batch, line: &line)
            }
        }
    }

    /// Releases a worker waiting on a full feed and drops from now on (the writer failed and
    /// will not take any more).
    public func stopWaiting() {
        pthread_mutex_lock(&mutex)
        waitsWhenFull = false
        pthread_cond_broadcast(&drained)
        pthread_mutex_unlock(&mutex)
    }

    public func flowEnded(_ flow: FlowSummary) {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        collector.flowEnded(flow)
        if !flow.isContinuation { flowsReported &+= 1 }
        if ApplicationProtocol.remoteAccess.contains(flow.application) { recordSession(flow) }
        guard !flow.operations.isEmpty else { return }
        let (entry, operations) = flow.oriented  // as the inventory orients its edges
        let client = EndpointKey(mac: entry.clientMAC, ip: entry.client.address)
        let server = EndpointKey(mac: entry.serverMAC, ip: entry.server.address)
        // By the event's protocol and function where the flow counted them (CIP services inside
        // an EtherNet/IP flow count as cip); what the functions do not cover (functions not
        // counted) goes under the flow's protocol and function -1.
        var byFunction = [UInt64](repeating: 0, count: 16)
        for (functionKey, count) in flow.functions {
            let operation = FunctionTally.operation(of: functionKey)
            byFunction[Int(operation.rawValue) & 15] &+= UInt64(count)
            let key = EventCountKey(
                time: entry.lastSeen, client: client, server: server,
                protocolID: FunctionTally.protocolID(of: functionKey), serverPort: entry.server.port,
                transport: entry.key.ipProtocol, operation: operation, function: FunctionTally.function(of: functionKey)
            )
            counts[key, default: 0] &+= UInt64(count)
        }
        for operation in Operation.allCases {
            let total = UInt64(operations[operation])
            let covered = byFunction[Int(operation.rawValue) & 15]
            guard total > covered else { continue }
            let key = EventCountKey(
                time: entry.lastSeen, client: client, server: server, protocolID: flow.application.id,
                serverPort: entry.server.port, transport: entry.key.ipProtocol, operation: operation)
            counts[key, default: 0] &+= total - covered
        }
    }

    /// A remote-access flow (or the part of it since its last report) for the session table.
    /// Called with the mutex held.
    private func recordSession(_ flow: FlowSummary) {
        let entry = flow.oriented.entry  // as the access report orients its sessions
        let key = RemoteSessionKey(
            client: entry.client.address, clientPort: entry.client.port, server: entry.server.address,
            serverPort: entry.server.port, protocolID: flow.application.id, start: entry.firstSeen)
        let observation = RemoteSessionObservation(
            clientMAC: entry.clientMAC, serverMAC: entry.serverMAC, end: entry.lastSeen,
            packetsToServer: entry.clientPackets, packetsToClient: entry.serverPackets,
            bytesToServer: entry.clientBytes, bytesToClient: entry.serverBytes,
            endReason: RemoteSessionObservation.endReason(
                flowReason: flow.reason.rawValue, interim: flow.isInterim, tcpClosed: entry.tcpState == .closed),
            isContinuation: flow.isContinuation)
        if sessions[key] != nil {
            sessions[key]!.merge(observation)
            return
        }
        while sessions.count >= maximumSessions && waitsWhenFull {
            onFull?()
            pthread_cond_wait(&drained, &mutex)
        }
        guard sessions.count < maximumSessions else {
            droppedSessions &+= 1
            return
        }
        sessions[key] = observation
    }

    /// Everything accumulated since the last take, as a store delta; the feed starts empty again.
    public func take() -> StoreDelta {
        pthread_mutex_lock(&mutex)
        let taken = collector
        let takenEvents = events
        let takenCounts = counts
        let takenSessions = sessions
        let dropped = droppedEvents
        let droppedSessionReports = droppedSessions
        collector = InventoryCollector()
        events = EventRows()
        counts = [:]
        sessions = [:]
        droppedEvents = 0
        droppedSessions = 0
        pthread_cond_broadcast(&drained)
        pthread_mutex_unlock(&mutex)

        var delta = StoreDelta()
        delta.endpoints = taken.endpoints
        delta.edges = taken.edges
        delta.facts = taken.facts
        delta.eventRows = takenEvents
        delta.counts = takenCounts
        delta.sessions = takenSessions
        delta.droppedEvents = dropped
        delta.droppedSessions = droppedSessionReports
        return delta
    }

    /// Flows reported so far (each counted once however many interim reports it had).
    public var flows: UInt64 {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return flowsReported
    }
}
