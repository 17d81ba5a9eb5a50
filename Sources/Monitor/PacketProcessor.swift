import BinaryParsing
import EventModel
import FlowTracking
import PacketCapture
import PacketLayers

/// Settings of the packet path.
public struct MonitorConfiguration: Sendable {
    public var flowTable = FlowTableConfiguration()
    public var reassembly = ReassemblyBudget()
    /// Build events for output (`decode`); when false, decoders still run and count.
    public var collectEvents = false
    /// With `collectEvents`, keep only notable events (`ProtocolEvent.isNotable`): what the
    /// inventory and the store need, at a fraction of the cost of keeping every event.
    public var collectOnlyNotableEvents = false
    /// Keep a record of every flow that ends (`flows`).
    public var collectFlows = false
    /// Run application decoders (off: identification and counting only).
    public var decodeApplications = true
    /// Packet-time interval (ns) between interim reports of live flows to the observer (0: only
    /// when flows end). The store uses it so that long-lived polling connections and time
    /// buckets appear while the capture goes on.
    public var checkpointInterval: Int64 = 0
    /// Count each flow's events by function as well (`FlowSummary.functions`), for the store.
    public var countFunctions = false
    public init() {}
}

/// A flow as reported when it ends.
public struct FlowSummary: Sendable {
    public var entry: FlowEntry
    public var reason: FlowEndReason
    public var application: ApplicationProtocol
    /// The flow's application events by operation (since the last report, see `isContinuation`).
    public var operations = OperationTally()
    /// The events that tell client from server (which side asks): the whole flow's, or for a flow
    /// reported in parts, those of its first report, so that every part is oriented alike.
    public var totalOperations = OperationTally()
    /// The flow was reported before by `PacketProcessor.checkpoint`: the counters in `entry` and
    /// `operations` are what is new since then, and the flow itself must not be counted again.
    public var isContinuation = false
    /// Events by (protocol, operation, function) since the last report (with `countFunctions`).
    public var functions: [(key: FunctionTally.Key, count: UInt32)] = []
    /// An interim report of a flow that goes on.
    public var isInterim: Bool { reason == .activeTimeout }

    /// The flow with client and server decided by who asked: the side that sent the requests is
    /// the client, whoever spoke first (symmetric ports, replies to broadcasts, captures that
    /// start mid-conversation). `operations` is swapped to match.
    public var oriented: (entry: FlowEntry, operations: OperationTally) {
        var entry = entry
        var operations = operations
        let whole = totalOperations.isEmpty ? operations : totalOperations
        if whole.requestsByServer > whole.requestsByClient {
            entry.initiatorIsA.toggle()
            operations = operations.swapped
        }
        return (entry, operations)
    }
}

/// A consumer that runs on a worker's thread, fed by that worker only (no locks): the analyses
/// (inventory, later detection) keep one per worker and merge them at the end.
public protocol PacketPathObserver: AnyObject {
    /// A batch of events, in the worker's frame order; valid only during the call.
    func observe(_ batch: EventBatch)
    /// A flow ended (or the capture did); interim active-timeout records are not passed on.
    func flowEnded(_ flow: FlowSummary)
    /// A capture file starts (frames count from 1 again); the events of earlier files have all
    /// been passed to `observe` before. Live capture never calls it.
    func captureFileStarted(_ path: String)
    /// Whether the observer needs every event, not only the notable ones (a baseline being
    /// learned times the routine reads). Asked at every batch hand-over, so it may change while
    /// the worker runs; with it, a processor keeping only notable events keeps them all.
    var wantsEveryEvent: Bool { get }
}

extension PacketPathObserver {
    public func captureFileStarted(_ path: String) {}
    public var wantsEveryEvent: Bool { false }
}

/// One worker's packet path: layers → fragments → flows → TCP reassembly → decoders → events.
/// Owns all its state (no locks); with several workers, each processes only its shard
/// (`SharedShards` for capture files, the live dispatcher's `ShardBalancer` for interfaces).
public final class PacketProcessor {
    public let configuration: MonitorConfiguration
    public let registry: ProtocolRegistry
    public private(set) var statistics = CaptureStatistics()
    public let events: EventBatch
    public private(set) var flowSummaries: [FlowSummary] = []
    /// Called when the event batch fills up (and at the end); the batch is reset afterwards.
    public var onEventBatch: ((EventBatch) -> Void)?
    /// Sees every flushed batch and every ended flow on this worker's thread.
    public var observer: (any PacketPathObserver)? {
        didSet { updateRetention() }
    }
    public let shardIndex: Int
    public let shardCount: Int
    /// Picks this worker's packets out of the whole capture; nil when every packet it is given is
    /// its own (one worker, or a live dispatcher that already sharded). Owned manually (+1, released
    /// with the processor) so that asking it costs no retain and release per packet.
    private let picker: Unmanaged<ShardPicker>?

    /// The packet being processed, decoded in place in storage that lives as long as the processor:
    /// addressors let every stage read and write its fields without copying the whole struct.
    private let packetStorage: UnsafeMutablePointer<DecodedPacket> = {
        let storage = UnsafeMutablePointer<DecodedPacket>.allocate(capacity: 1)
        storage.initialize(to: DecodedPacket())
        return storage
    }()
    private var packet: DecodedPacket {
        unsafeAddress { UnsafePointer(packetStorage) }
        unsafeMutableAddress { packetStorage }
    }
    private let flows: FlowTable
    private let fragments = FragmentReassembler()
    private var budget: ReassemblyBudget
    /// Per-flow state by flow slot, owned manually (+1 from `passRetained`, released when the flow
    /// ends or with the processor) so that the packet path borrows it without reference counting.
    private var flowStates: [Unmanaged<FlowState>?] = []
    private var frameDecoders: [Int: any FrameDecoder] = [:]
    /// Packets per link type (the last slot takes every type beyond it).
    private let linkTypeCounts = CountTable(slots: 512)
    /// PROFINET frames per frame id: a flat array (no hashing per frame), allocated at the first one.
    private var profinetFrameCounts: [UInt64] = []
    private var context = PacketContext()
    private var nextCheckpoint = Int64.min

    public init(
        configuration: MonitorConfiguration = MonitorConfiguration(), registry: ProtocolRegistry,
        shardIndex: Int = 0, shardCount: Int = 1, shards: SharedShards? = nil
    ) {
        self.configuration = configuration
        self.registry = registry
        self.shardIndex = shardIndex
        self.shardCount = max(1, shardCount)
        self.picker = shards.map { .passRetained(ShardPicker(shards: $0, worker: shardIndex)) }
        self.flows = FlowTable(configuration: configuration.flowTable)
        self.budget = configuration.reassembly
        // Keeping only notable events, most text in the arena belongs to events that are dropped:
        // a small batch, flushed often, keeps it in cache (a 1 MB arena evicted the flow table).
        self.events = EventBatch(
            collecting: configuration.collectEvents, capacity: configuration.collectOnlyNotableEvents ? 256 : 4096)
        self.events.retainsOnlyNotable = configuration.collectOnlyNotableEvents
        self.events.countsFunctions = configuration.countFunctions
        for (index, registration) in registry.registrations.enumerated() {
            if let make = registration.makeFrameDecoder, configuration.decodeApplications {
                frameDecoders[index] = make()
            }
        }
    }

    deinit {
        for state in flowStates { state?.release() }
        picker?.release()
        packetStorage.deinitialize(count: 1)
        packetStorage.deallocate()
    }

    /// Processes one packet (`frame` is its 1-based number in the capture).
    @inline(__always)
    public func process(_ record: PacketRecord, frame: UInt64) {
        var owned = picker == nil
        if !owned, let hash = Self.quickShardHash(record.bytes, linkType: record.linkType.rawValue) {
            guard picker.unsafelyUnwrapped._withUnsafeGuaranteedRef({ $0.isOwn(hash) }) else {
                advanceClock(to: record.timestamp)
                return
            }
            owned = true
        }
        // Another shard's packet costs no call into the (large) body.
        processPacket(record, frame: frame, owned: owned)
    }

    /// Moves the flow clock for another worker's packet: flows idle out by capture time, whoever's
    /// packet shows it, and those it ends are reported at once, as on one worker. (Reported at
    /// this worker's next packet instead, their events were told to the observer during whatever
    /// capture file that packet was in, so the file an alert's evidence names depended on how the
    /// pairs happened to be split.)
    @inline(__always)
    private func advanceClock(to time: Int64) {
        flows.advanceTime(to: time)
        if !flows.ended.isEmpty { drainEndedFlows() }
    }

    // Kept out of line: inlined into the read loop, the layer decode built each packet in a
    // temporary and copied it (313 bytes) instead of decoding in place.
    @inline(never)
    private func processPacket(_ record: PacketRecord, frame: UInt64, owned: Bool) {
        LayerDecoder.decode(record.bytes, linkType: record.linkType.rawValue, into: &packet)
        if !owned && !isOwnShard() {
            advanceClock(to: record.timestamp)
            return
        }

        let time = record.timestamp
        statistics.packets &+= 1
        statistics.bytes &+= UInt64(record.originalLength)
        statistics.capturedBytes &+= UInt64(record.bytes.count)
        if time < statistics.firstTimestamp { statistics.firstTimestamp = time }
        if time > statistics.lastTimestamp { statistics.lastTimestamp = time }
        linkTypeCounts.increment(min(Int(record.linkType.rawValue), linkTypeCounts.slots - 1))
        if let anomaly = packet.anomaly { statistics.anomalies.record(anomaly.kind) }

        context.frame = frame
        context.timestamp = time
        flows.advanceTime(to: time)
        if configuration.checkpointInterval > 0 && time >= nextCheckpoint { checkpointAt(time) }

        switch packet.network {
        case .ipv4, .ipv6:
            if packet.isFragment {
                let original = packet
                fragments.add(original, time: time, anomaly: { statistics.anomalies.record($0) }) { payload in
                    var whole = original
                    whole.isFragment = false
                    whole.networkPayload = payload
                    LayerDecoder.decodeTransport(whole.ipProtocol, payload, into: &whole, depth: 0)
                    packet = whole
                    handleIP(frame: frame, time: time, wireLength: record.originalLength)
                }
            } else {
                handleIP(frame: frame, time: time, wireLength: record.originalLength)
            }
        case .arp:
            count(.arp, bytes: record.originalLength)
            runFrameDecoder(etherType: EtherType.arp)
        case .none:
            handleLinkLayer(bytes: record.originalLength)
        }
        // Checked here, not only inside: the call itself (saving and restoring the registers of
        // a large function) cost ~50 instructions per packet when nothing had ended.
        if !flows.ended.isEmpty { drainEndedFlows() }
    }

    /// Ends every flow and flushes decoders (end of input); call once, then read the results.
    public func finish() {
        flows.endAll()
        drainEndedFlows()
        statistics.fragmentsReassembled = fragments.reassembled
        statistics.fragmentTimeouts = fragments.timedOut
        statistics.fragmentCapHits = fragments.capHits
        statistics.flowEvictions = flows.evictions
        statistics.flowTimeouts = flows.expired
        statistics.reassembly = budget
        for (frameID, count) in profinetFrameCounts.enumerated() where count > 0 {
            statistics.profinetFrames[UInt16(frameID)] = count
        }
        for type in 0..<linkTypeCounts.slots where linkTypeCounts[type] > 0 {
            statistics.linkTypes[UInt32(type)] = linkTypeCounts[type]
        }
        statistics.events = events.emitted
        statistics.eventsByProtocol = events.emittedByProtocol
        statistics.anomalies.merge(events.anomalies)
        flushEvents()
    }

    /// Flows in this worker's table now.
    public var liveFlows: Int { flows.count }

    /// Reports every live flow's traffic since its last report to the observer (interim
    /// `FlowSummary`s, reason `.activeTimeout`) and flushes the events. On the worker's thread.
    public func checkpoint() {
        guard let observer else { return }
        flows.forEachLive { entry in
            let slot = Int(entry.stateSlot)
            guard slot >= 0, slot < flowStates.count, let state = flowStates[slot] else { return }
            let summary = state._withUnsafeGuaranteedRef { report($0, entry: entry, reason: .activeTimeout) }
            if let summary { observer.flowEnded(summary) }
        }
        flushEvents()
    }

    private func checkpointAt(_ time: Int64) {
        let interval = configuration.checkpointInterval
        if nextCheckpoint != .min { checkpoint() }
        nextCheckpoint = (time / interval + 1) * interval
    }

    /// The part of a flow not yet reported, and remembers it as reported (nil when nothing is new).
    private func report(_ state: FlowState, entry: FlowEntry, reason: FlowEndReason) -> FlowSummary? {
        var delta = entry
        var operations = state.operations
        let continuation = state.reported != nil
        if let reported = state.reported {
            delta.packetsFromA &-= reported.packetsFromA
            delta.packetsFromB &-= reported.packetsFromB
            delta.bytesFromA &-= reported.bytesFromA
            delta.bytesFromB &-= reported.bytesFromB
            operations.counts &-= reported.operations.counts
        }
        var functions: [(key: FunctionTally.Key, count: UInt32)] = []
        if !state.functions.isEmpty {
            let before = state.reported?.functions ?? [:]
            for (key, count) in state.functions where count != before[key, default: 0] {
                functions.append((key, count &- before[key, default: 0]))
            }
        }
        if reason == .activeTimeout {
            guard delta.packetsFromA | delta.packetsFromB != 0 || !operations.isEmpty else { return nil }
            state.reported = ReportedTraffic(
                packetsFromA: entry.packetsFromA, packetsFromB: entry.packetsFromB, bytesFromA: entry.bytesFromA,
                bytesFromB: entry.bytesFromB, operations: state.operations,
                orientation: state.reported?.orientation ?? state.operations, functions: state.functions)
        }
        var summary = FlowSummary(
            entry: delta, reason: reason, application: applicationOf(entry), operations: operations,
            totalOperations: state.reported?.orientation ?? state.operations, isContinuation: continuation)
        summary.functions = functions
        return summary
    }

    public func flushEvents() {
        if !events.events.isEmpty {
            observer?.observe(events)
            onEventBatch?(events)
        }
        events.reset()
        updateRetention()
    }

    /// Keeps only notable events unless the observer asks for all of them.
    private func updateRetention() {
        guard configuration.collectOnlyNotableEvents else { return }
        events.retainsOnlyNotable = !(observer?.wantsEveryEvent ?? false)
    }

    // MARK: sharding

    private func isOwnShard() -> Bool {
        let hash = PacketProcessor.shardHash(of: UnsafePointer(packetStorage))
        return picker.unsafelyUnwrapped._withUnsafeGuaranteedRef { $0.isOwn(hash) }
    }

    /// The shard hash of a decoded packet: a symmetric hash of the address pair (+ VLAN) for IP,
    /// of the MAC pair otherwise, so both directions and every fragment land on the same worker.
    public static func shardHash(of packet: UnsafePointer<DecodedPacket>) -> UInt64 {
        switch packet.pointee.network {
        case .ipv4, .ipv6:
            return FlowKey.shardHash(packet.pointee.source, packet.pointee.destination, vlan: packet.pointee.vlanKey)
        case .arp:
            // By the claimed address (the sender protocol address, in `source`), so that two
            // stations claiming one address meet on the same worker (ARP conflict detection).
            return (packet.pointee.source.low | 0x1_0000_0000_0000) &* 0x9E37_79B9_7F4A_7C15
        default:
            let low = min(packet.pointee.sourceMAC.rawValue, packet.pointee.destinationMAC.rawValue)
            let high = max(packet.pointee.sourceMAC.rawValue, packet.pointee.destinationMAC.rawValue)
            return (low &* 0x9E37_79B9_7F4A_7C15 ^ high) &* 0xBF58_476D_1CE4_E5B9
        }
    }

    // MARK: layer 2

    private func handleLinkLayer(bytes: Int) {
        if packet.isLLC && packet.etherType == 0 {
            // 802.3 frames with LLC but no SNAP: protocols register their SAP as a pseudo-EtherType
            // (values below 0x0600 are lengths, never EtherTypes), e.g. BACnet/Ethernet on SAP 0x82.
            let sap = UInt16(packet.llcDSAP)
            if let index = registry.byEtherType(sap) {
                count(registry.registrations[index].protocolID, bytes: bytes)
                runFrameDecoder(etherType: sap)
            } else {
                count(packet.llcDSAP == 0x42 ? .stp : .ethernetOther, bytes: bytes)
            }
            return
        }
        let type = packet.etherType
        if type == EtherType.profinet {
            // Frame ids 0xFEFC–0xFEFF are DCP; the rest is cyclic real-time data and alarms.
            let frameID = packet.linkPayload.getUInt16(at: 0) ?? 0
            count((0xFEFC...0xFEFF).contains(frameID) ? .profinetDCP : .profinetRT, bytes: bytes)
            if profinetFrameCounts.isEmpty { profinetFrameCounts = [UInt64](repeating: 0, count: 65_536) }
            profinetFrameCounts[Int(frameID)] &+= 1
        } else if let index = registry.byEtherType(type) {
            count(registry.registrations[index].protocolID, bytes: bytes)
        } else {
            count(.ethernetOther, bytes: bytes)
        }
        runFrameDecoder(etherType: type)
    }

    private func runFrameDecoder(etherType: UInt16) {
        guard !frameDecoders.isEmpty, let index = registry.byEtherType(etherType), let decoder = frameDecoders[index]
        else { return }
        fillLinkContext()
        decoder.receive(packet.linkPayload, packet: packet, context: context, events: events)
        events.tally = OperationTally()  // layer-2 events belong to no flow
        if !events.functionTally.isEmpty { events.functionTally.drain { _, _ in } }
        if events.needsFlush { flushEvents() }
    }

    @inline(__always)
    private func count(_ protocolID: ApplicationProtocol, bytes: Int) {
        statistics.protocolPackets[Int(protocolID.id)] &+= 1
        statistics.protocolBytes[Int(protocolID.id)] &+= UInt64(bytes)
    }

    private func fillLinkContext() {
        context.source = .unspecified
        context.destination = .unspecified
        context.hasPorts = false
        context.sourcePort = 0
        context.destinationPort = 0
        context.sourceMAC = packet.sourceMAC
        context.destinationMAC = packet.destinationMAC
        context.hasMACs = packet.hasLinkAddresses
        context.vlan = packet.outerVLAN
        context.hasVLAN = packet.vlanCount > 0
        context.fromClient = true
    }

    // MARK: IP and flows

    private func handleIP(frame: UInt64, time: Int64, wireLength: Int) {
        switch packet.transport {
        case .icmp: count(.icmp, bytes: wireLength)
        case .icmpv6: count(.icmpv6, bytes: wireLength)
        case .none:
            count(.ipOther, bytes: wireLength)
            return  // a header we could not read: no flow
        default: break
        }
        let (key, fromA) = FlowKey.of(
            source: packetStorage.pointee.source, sourcePort: packetStorage.pointee.sourcePort,
            destination: packetStorage.pointee.destination, destinationPort: packetStorage.pointee.destinationPort,
            ipProtocol: packetStorage.pointee.ipProtocol, vlan: packetStorage.pointee.vlanKey)
        let hash = key.fastHash
        let isTCP = packet.transport == .tcp
        let flags = packet.tcpFlags
        var slot = flows.find(key, hash: hash)
        if let existing = slot {
            if time &- flows[existing].lastSeen > idleTimeout(of: existing) {
                flows.end(existing, reason: .idleTimeout)
                slot = nil
            } else if isTCP && flags & (TCPFlags.syn | TCPFlags.ack) == TCPFlags.syn
                && (flows[existing].tcpState == .closed || flows[existing].tcpState == .closing)
            {
                // A new connection on the same ports after the old one closed (tshark: a new stream).
                flows.end(existing, reason: .reused)
                slot = nil
            }
            if slot == nil { drainEndedFlows() }
        }
        let flowSlot: Int32
        if let slot {
            flowSlot = slot
        } else {
            // The initiator sent the first packet, unless that packet is the SYN-ACK.
            let initiatorIsA =
                isTCP && flags & (TCPFlags.syn | TCPFlags.ack) == (TCPFlags.syn | TCPFlags.ack) ? !fromA : fromA
            flowSlot = flows.insert(key, hash: hash, frame: frame, time: time, initiatorIsA: initiatorIsA, isTCP: isTCP)
            flows[flowSlot].stateSlot = flowSlot
            flows[flowSlot].macA = fromA ? packet.sourceMAC : packet.destinationMAC
            flows[flowSlot].macB = fromA ? packet.destinationMAC : packet.sourceMAC
            drainEndedFlows()  // an eviction may have freed this very slot: finish the old state first
            if Int(flowSlot) >= flowStates.count {
                flowStates.append(contentsOf: repeatElement(nil, count: Int(flowSlot) + 1 - flowStates.count))
            }
            flowStates[Int(flowSlot)]?.release()  // (none: draining released the slot's old state)
            flowStates[Int(flowSlot)] = nil
        }
        let length = UInt64(wireLength)
        if fromA {
            flows[flowSlot].packetsFromA &+= 1
            flows[flowSlot].bytesFromA &+= length
        } else {
            flows[flowSlot].packetsFromB &+= 1
            flows[flowSlot].bytesFromB &+= length
        }
        if isTCP {
            updateTCPState(flowSlot, fromA: fromA, flags: flags)
            if flags & TCPFlags.ack != 0, let state = flowStates[Int(flowSlot)] {
                let acknowledgement = packet.tcpAcknowledgement
                state._withUnsafeGuaranteedRef {
                    if $0.stream != nil { $0.recordAcknowledgement(acknowledgement, fromA: fromA) }
                }
            }
        }
        // After the TCP state update: a connection that just closed moves to the short-timeout list.
        flows.touch(flowSlot, time: time)
        flows.checkActiveTimeout(flowSlot, time: time)

        guard packet.transport == .tcp || packet.transport == .udp,
            configuration.decodeApplications || flows[flowSlot].application == 0
        else { return }
        if packet.payload.isEmpty && !(isTCP && flags & (TCPFlags.fin | TCPFlags.rst) != 0) { return }
        handleApplication(flowSlot, fromA: fromA, isTCP: isTCP, flags: flags)
    }

    private func idleTimeout(of slot: Int32) -> Int64 {
        let configuration = flows.configuration
        switch flows[slot].tcpState {
        case .closed: return configuration.closedTimeout
        case .none:
            return flows[slot].key.ipProtocol == 6 ? configuration.tcpIdleTimeout : configuration.udpIdleTimeout
        default: return configuration.tcpIdleTimeout
        }
    }

    private func updateTCPState(_ slot: Int32, fromA: Bool, flags: UInt8) {
        if fromA { flows[slot].tcpFlagsFromA |= flags } else { flows[slot].tcpFlagsFromB |= flags }
        let current = flows[slot].tcpState
        var state = current
        if flags & TCPFlags.rst != 0 {
            state = .closed
        } else if flags & TCPFlags.fin != 0 {
            let otherFinished = (fromA ? flows[slot].tcpFlagsFromB : flows[slot].tcpFlagsFromA) & TCPFlags.fin != 0
            state = otherFinished ? .closed : .closing
        } else if flags & TCPFlags.syn != 0 {
            if flags & TCPFlags.ack == 0 {
                if state == .none { state = .synSent }
            } else if state == .none || state == .synSent {
                state = .synReceived
            }
        } else if state == .synReceived {
            state = .established
        } else if state == .none {
            state = .midStream
        }
        if state != current { flows[slot].tcpState = state }
    }

    private func handleApplication(_ slot: Int32, fromA: Bool, isTCP: Bool, flags: UInt8) {
        let unmanaged: Unmanaged<FlowState>
        if let existing = flowStates[Int(slot)] {
            unmanaged = existing
        } else {
            unmanaged = Unmanaged.passRetained(FlowState(events: events))
            flowStates[Int(slot)] = unmanaged
        }
        // `flowStates` owns the state until the flow ends, which cannot happen during this call:
        // borrowing it costs no retain/release pair per packet.
        unmanaged._withUnsafeGuaranteedRef { state in
            handleApplication(state, unmanaged: unmanaged, slot, fromA: fromA, isTCP: isTCP, flags: flags)
        }
    }

    private func handleApplication(
        _ state: FlowState, unmanaged: Unmanaged<FlowState>, _ slot: Int32, fromA: Bool, isTCP: Bool, flags: UInt8
    ) {
        if state.identification == .pending {
            if packet.payload.isEmpty { return }
            state.attempts += 1
            switch registry.identify(
                sourcePort: packet.sourcePort, destinationPort: packet.destinationPort, isTCP: isTCP,
                payload: packet.payload, attempt: state.attempts)
            {
            case .identified(let index, let serverPort):
                state.identification = .identified
                state.registrationIndex = index
                let registration = registry.registrations[index]
                flows[slot].application = registration.protocolID.id
                // Without a handshake the first talker may be the server: the service port says who.
                if let serverPort, flows[slot].tcpFlagsFromA & TCPFlags.syn == 0,
                    flows[slot].tcpFlagsFromB & TCPFlags.syn == 0
                {
                    let fromServer = packet.sourcePort == serverPort && packet.destinationPort != serverPort
                    flows[slot].initiatorIsA = fromServer ? !fromA : fromA
                }
                if configuration.decodeApplications {
                    if isTCP, let make = registration.makeStreamDecoder {
                        state.stream = make()
                        state.missedBytesBeforeDecoder = state.attempts > 1
                    } else if !isTCP, let make = registration.makeDatagramDecoder {
                        state.datagram = make()
                    }
                }
            case .undecided:
                return
            case .unknown:
                state.identification = .unknown
                flows[slot].application = isTCP ? ApplicationProtocol.tcpOther.id : ApplicationProtocol.udpOther.id
            }
        }
        guard state.stream != nil || state.datagram != nil else { return }
        fillIPContext(fromA: fromA, initiatorIsA: flows[slot].initiatorIsA)
        state.context = context
        state.initiatorIsA = flows[slot].initiatorIsA
        if isTCP {
            var sink = FlowSink(state: unmanaged)
            if fromA {
                state.directionA.receive(
                    sequence: packet.tcpSequence, flags: flags, payload: packet.payload, fromA: true, budget: &budget,
                    sink: &sink, acknowledgedByPeer: state.acknowledgedByB)
            } else {
                state.directionB.receive(
                    sequence: packet.tcpSequence, flags: flags, payload: packet.payload, fromA: false, budget: &budget,
                    sink: &sink, acknowledgedByPeer: state.acknowledgedByA)
            }
        } else {
            state.datagramData(packet.payload, context: context, events: events)
        }
        takeTally(into: state)
        if events.needsFlush { flushEvents() }
    }

    private func fillIPContext(fromA: Bool, initiatorIsA: Bool) {
        context.source = packet.source
        context.destination = packet.destination
        context.sourcePort = packet.sourcePort
        context.destinationPort = packet.destinationPort
        context.hasPorts = true
        context.sourceMAC = packet.sourceMAC
        context.destinationMAC = packet.destinationMAC
        context.hasMACs = packet.hasLinkAddresses
        context.vlan = packet.outerVLAN
        context.hasVLAN = packet.vlanCount > 0
        context.fromClient = fromA == initiatorIsA
    }

    // MARK: flow end

    private func drainEndedFlows() {
        guard !flows.ended.isEmpty else { return }
        for record in flows.ended {
            if record.reason == .activeTimeout { continue }
            let entry = record.entry
            let slot = Int(entry.stateSlot)
            var reported: FlowSummary?
            if slot >= 0, slot < flowStates.count, let state = flowStates[slot] {
                flowStates[slot] = nil
                let flowState = state.takeUnretainedValue()
                finishDecoders(flowState)
                if observer != nil || configuration.collectFlows {
                    reported = report(flowState, entry: entry, reason: record.reason)
                }
                state.release()
            }
            let application = applicationOf(entry)
            statistics.flows &+= 1
            statistics.flowsByTransport[transportName(entry.key.ipProtocol), default: 0] &+= 1
            if application != .icmp && application != .icmpv6 {
                statistics.protocolPackets[Int(application.id)] &+= entry.packets
                statistics.protocolBytes[Int(application.id)] &+= entry.bytes
            }
            statistics.protocolFlows[Int(application.id)] &+= 1
            statistics.hostBytes[entry.key.addressA, default: 0] &+= entry.bytes
            statistics.hostBytes[entry.key.addressB, default: 0] &+= entry.bytes
            statistics.hostPackets[entry.key.addressA, default: 0] &+= entry.packets
            statistics.hostPackets[entry.key.addressB, default: 0] &+= entry.packets
            if configuration.collectFlows || observer != nil {
                let summary =
                    reported
                    ?? FlowSummary(entry: entry, reason: record.reason, application: application)
                if configuration.collectFlows { flowSummaries.append(summary) }
                observer?.flowEnded(summary)
            }
        }
        flows.ended.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    private func takeTally(into state: FlowState) {
        if !events.tally.isEmpty {
            state.operations.merge(events.tally)
            events.tally = OperationTally()
            if !events.functionTally.isEmpty {
                events.functionTally.drain { key, count in state.functions[key, default: 0] &+= count }
            }
        }
    }

    private func finishDecoders(_ state: FlowState) {
        if state.stream != nil {
            var sink = FlowSink(state: Unmanaged.passUnretained(state))
            state.directionA.finish(budget: &budget, fromA: true, sink: &sink)
            state.directionB.finish(budget: &budget, fromA: false, sink: &sink)
        }
        state.directionA.releaseHeld(budget: &budget)
        state.directionB.releaseHeld(budget: &budget)
        state.stream?.finish(events: events)
        state.datagram?.finish(events: events)
        takeTally(into: state)
    }

    private func applicationOf(_ entry: FlowEntry) -> ApplicationProtocol {
        if entry.application != 0, let known = ApplicationProtocol.withID(entry.application) {
            return known
        }
        switch entry.key.ipProtocol {
        case 1: return .icmp
        case 58: return .icmpv6
        case 6: return .tcpOther
        case 17: return .udpOther
        default: return .ipOther
        }
    }

    private func transportName(_ ipProtocol: UInt8) -> String {
        switch ipProtocol {
        case 6: "tcp"
        case 17: "udp"
        case 1: "icmp"
        case 58: "icmpv6"
        default: "ip-\(ipProtocol)"
        }
    }
}
