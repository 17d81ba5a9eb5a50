import AssetInventory
import EventModel
import FlowTracking
import Foundation
import Monitor
import PacketLayers

/// A client, a server and the server's port: what a baseline pair is keyed by on the packet path.
struct PairKey: Hashable, Sendable {
    var client: Endpoint
    var server: Endpoint
    var port: UInt16

    /// The pair an event belongs to. The server is the side on the protocol's registered port
    /// (the lower one when both are: the rule flows are identified by), so that a subscriber's
    /// MQTT PUBACK or a client's IEC 104 S-frame lands on the same pair as its requests; only when
    /// the ports do not tell does the direction decide (a request goes from the client, a response
    /// or an unsolicited report from the server).
    init(_ event: ProtocolEvent) {
        let source = Endpoint.source(of: event)
        let destination = Endpoint.destination(of: event)
        if event.hasPorts, event.sourcePort != event.destinationPort {
            let sourceRegistered = Self.isRegistered(event.sourcePort)
            let destinationRegistered = Self.isRegistered(event.destinationPort)
            if sourceRegistered != destinationRegistered
                || (sourceRegistered && destinationRegistered)
            {
                let serverIsDestination =
                    destinationRegistered && (!sourceRegistered || event.destinationPort < event.sourcePort)
                self.init(
                    client: serverIsDestination ? source : destination,
                    server: serverIsDestination ? destination : source,
                    port: serverIsDestination ? event.destinationPort : event.sourcePort)
                return
            }
        }
        switch event.direction {
        case .request, .broadcast:
            self.init(client: source, server: destination, port: event.hasPorts ? event.destinationPort : 0)
        case .response, .unsolicited:
            self.init(client: destination, server: source, port: event.hasPorts ? event.sourcePort : 0)
        }
    }

    /// The registered ports of every protocol Palisade decodes (TCP or UDP).
    private static let registry = ProtocolRegistry(ProtocolCatalog.standard)

    @inline(__always) static func isRegistered(_ port: UInt16) -> Bool {
        registry.byPort(port, isTCP: true) != nil || registry.byPort(port, isTCP: false) != nil
    }

    init(client: Endpoint, server: Endpoint, port: UInt16) {
        self.client = client
        self.server = server
        self.port = port
    }

    /// The pair of a flow: the server on the registered port as for events, else the side that
    /// was asked (the flow's orientation).
    init(_ flow: FlowSummary) {
        let entry = flow.oriented.entry
        let client = entry.client
        let server = entry.server
        if client.port != server.port, Self.isRegistered(client.port),
            !Self.isRegistered(server.port) || client.port < server.port
        {
            self.init(client: .ip(server.address), server: .ip(client.address), port: client.port)
        } else {
            self.init(client: .ip(client.address), server: .ip(server.address), port: server.port)
        }
    }
}

/// What a function is on the packet path: protocol, operation, S7 userdata group and code.
struct FunctionKey: Hashable, Sendable {
    var protocolID: UInt16
    var operation: EventOperation
    var group: Int64
    var code: Int64

    init(protocolID: UInt16, operation: EventOperation, group: Int64, code: Int64) {
        self.protocolID = protocolID
        self.operation = operation
        self.group = group
        self.code = code
    }

    init(_ event: ProtocolEvent) {
        self.init(
            protocolID: event.protocolID.id, operation: event.operation, group: event.functionGroup,
            code: event.function)
    }

    /// The same function without its group (what flows' per-function counts key on).
    var ungrouped: FunctionKey { FunctionKey(protocolID: protocolID, operation: operation, group: -1, code: code) }
}

/// Learns a baseline from the packet path: every event (not only notable ones) and every flow,
/// one learner per worker (a `PacketPathObserver`), merged at the end. It keeps counts, ranges
/// and interval statistics, never the events: memory grows with the plant's variety (pairs,
/// functions, target ranges, all capped), not with its traffic. It learns incrementally —
/// observe more, then `snapshot` again — and `revision` moves only when something new is
/// learned (a pair, a function, a target outside the ranges, a host), so a sensor can tell when
/// the baseline has stopped changing.
public final class BaselineLearner: PacketPathObserver, @unchecked Sendable {
    /// Only traffic in this window (packet time, ns) is learned: a capture's first half, or a
    /// store's period.
    public let since: Int64?
    public let until: Int64?
    /// Requests closer than this to the previous event of the same function belong to the same
    /// exchange (an S7 cycle reading three variables is one exchange).
    public static let burstGap: Int64 = 50_000_000
    /// An exchange is periodic when the coefficient of variation of its intervals is below this,
    /// over at least `minimumSamples` intervals (three: a 5 s poll in a 20 s capture gives four
    /// exchanges; the monitor judges a period only over ten of them, so a short learning cannot
    /// make it jumpy).
    public static let periodicVariation = 0.25
    public static let minimumSamples: UInt64 = 3
    static let pairLimit = 100_000
    static let functionLimit = 256
    static let spaceLimit = 256
    static let rangeLimit = 256
    static let valueLimit = 256
    static let hostLimit = 1_000_000

    private let lock = NSLock()
    private var pairs: [PairKey: PairState] = [:]
    private var hosts: [Endpoint: HostState] = [:]
    private var files: [String] = []
    private var firstTime = Int64.max
    private var lastTime = Int64.min
    private var revisionCounter: UInt64 = 0
    /// What could not be kept at the caps (counted, never unbounded).
    public private(set) var capHits: UInt64 = 0

    public init(since: Int64? = nil, until: Int64? = nil) {
        self.since = since
        self.until = until
    }

    /// Moves whenever something new is learned (not when known things are seen again).
    public var revision: UInt64 { lock.withLock { revisionCounter } }

    /// Routine reads and their timing are what a baseline is mostly made of.
    public var wantsEveryEvent: Bool { true }

    /// Whether anything new was learned since `revision` was read.
    public func changedSince(_ revision: UInt64) -> Bool { self.revision != revision }

    // MARK: the packet path

    public func captureFileStarted(_ path: String) {
        lock.withLock {
            if !files.contains(path) { files.append(path) }
            // Intervals do not run from one file into the next.
            for key in pairs.keys { pairs[key]!.restartTiming() }
        }
    }

    public func observe(_ batch: EventBatch) {
        lock.lock()
        defer { lock.unlock() }
        for event in batch.events { record(event, in: batch, name: nil) }
    }

    /// Learns one event built elsewhere (read back from a store).
    func learn(_ event: ProtocolEvent, in batch: EventBatch, name: String) {
        lock.withLock { record(event, in: batch, name: name) }
    }

    private func record(_ event: ProtocolEvent, in batch: EventBatch, name: String?) {
        let time = event.timestamp
        if let since, time < since { return }
        if let until, time > until { return }
        firstTime = min(firstTime, time)
        lastTime = max(lastTime, time)
        noteHost(Endpoint.source(of: event), time: time)
        if event.hasMACs, !event.isLayer2 {
            noteHost(.mac(event.sourceMAC), time: time)
        }
        // Address resolution is every host's chatter: new hosts are found by the inventory.
        if event.protocolID == .arp { return }
        let key = PairKey(event)
        if pairs[key] == nil {
            guard pairs.count < Self.pairLimit else {
                capHits &+= 1
                return
            }
            pairs[key] = PairState(protocolID: event.protocolID.id, transport: event.isLayer2 ? 0xFF : 0, time: time)
            revisionCounter &+= 1
        }
        if pairs[key]!.record(event, in: batch, name: name) { revisionCounter &+= 1 }
    }

    /// Learns a pair known from elsewhere (a store's communication edge).
    func learnPair(
        _ key: PairKey, protocolID: UInt16, transport: UInt8, flows: UInt64, firstSeen: Int64, lastSeen: Int64,
        operations: [(EventOperation, UInt64)]
    ) {
        lock.lock()
        defer { lock.unlock() }
        let first = max(firstSeen, since ?? .min)
        let last = min(lastSeen, until ?? .max)
        guard first <= last else { return }
        firstTime = min(firstTime, first)
        lastTime = max(lastTime, last)
        noteHost(key.client, time: first)
        noteHost(key.server, time: first)
        if pairs[key] == nil {
            guard pairs.count < Self.pairLimit else {
                capHits &+= 1
                return
            }
            pairs[key] = PairState(protocolID: protocolID, transport: transport, time: first)
            revisionCounter &+= 1
        }
        pairs[key]!.protocolID = protocolID
        pairs[key]!.protocolFromFlow = true
        if transport != 0 { pairs[key]!.transport = transport }
        pairs[key]!.flows &+= flows
        pairs[key]!.firstSeen = min(pairs[key]!.firstSeen, first)
        pairs[key]!.lastSeen = max(pairs[key]!.lastSeen, last)
        for (operation, count) in operations {
            if pairs[key]!.anyFunctionOperations[operation] == nil { revisionCounter &+= 1 }
            pairs[key]!.anyFunctionOperations[operation, default: 0] &+= count
        }
    }

    public func flowEnded(_ flow: FlowSummary) {
        let (entry, _) = flow.oriented
        if let until, entry.firstSeen > until { return }
        if let since, entry.lastSeen < since { return }
        lock.lock()
        defer { lock.unlock() }
        let first = max(entry.firstSeen, since ?? .min)
        let last = min(entry.lastSeen, until ?? .max)
        firstTime = min(firstTime, first)
        lastTime = max(lastTime, last)
        noteHost(.ip(entry.client.address), time: first)
        noteHost(.ip(entry.server.address), time: first)
        if entry.clientMAC != .zero { noteHost(.mac(entry.clientMAC), time: first) }
        if entry.serverMAC != .zero { noteHost(.mac(entry.serverMAC), time: first) }
        let key = PairKey(flow)
        if pairs[key] == nil {
            guard pairs.count < Self.pairLimit else {
                capHits &+= 1
                return
            }
            pairs[key] = PairState(protocolID: flow.application.id, transport: entry.key.ipProtocol, time: first)
            revisionCounter &+= 1
        }
        pairs[key]!.record(flow: flow, first: first, last: last)
    }

    private func noteHost(_ host: Endpoint, time: Int64) {
        if hosts[host] == nil {
            guard hosts.count < Self.hostLimit else {
                capHits &+= 1
                return
            }
            hosts[host] = HostState(firstSeen: time)
            revisionCounter &+= 1
        }
    }

    // MARK: merging and snapshots

    /// Folds another worker's learner into this one.
    public func merge(_ other: BaselineLearner) {
        let (otherPairs, otherHosts, otherFiles, otherFirst, otherLast, otherCaps) = other.lock.withLock {
            (other.pairs, other.hosts, other.files, other.firstTime, other.lastTime, other.capHits)
        }
        lock.withLock {
            for (key, state) in otherPairs {
                if pairs[key] == nil {
                    pairs[key] = state
                    revisionCounter &+= 1
                } else if pairs[key]!.merge(state) {
                    revisionCounter &+= 1
                }
            }
            for (host, state) in otherHosts where hosts[host] == nil {
                hosts[host] = state
                revisionCounter &+= 1
            }
            for file in otherFiles where !files.contains(file) { files.append(file) }
            firstTime = min(firstTime, otherFirst)
            lastTime = max(lastTime, otherLast)
            capHits &+= otherCaps
        }
    }

    /// The baseline learned so far. Assets come from `inventory` (identity and role), restricted
    /// to the hosts seen in the learning window; `generated` defaults to the end of the traffic.
    public func snapshot(inventory: Inventory? = nil, generated: Int64? = nil, store: String? = nil) -> Baseline {
        lock.lock()
        defer { lock.unlock() }
        var header = BaselineHeader(captures: files, store: store)
        if firstTime <= lastTime {
            header.start = firstTime
            header.end = lastTime
        }
        header.generated = generated ?? (firstTime <= lastTime ? lastTime : 0)
        var baseline = Baseline(header: header)
        for asset in inventory?.assets ?? [] {
            let known =
                asset.ips.contains { hosts[.ip($0)] != nil } || asset.macs.contains { hosts[.mac($0)] != nil }
            guard known else { continue }
            baseline.assets.append(Self.baselineAsset(asset))
        }
        for (key, state) in pairs {
            baseline.pairs.append(state.baselinePair(key))
        }
        baseline.normalize()
        return baseline
    }

    static func baselineAsset(_ asset: Asset) -> BaselineAsset {
        var identity = BaselineIdentity()
        identity.vendor = asset.identity.vendor
        identity.product = asset.identity.product
        identity.model = asset.identity.model
        identity.orderNumber = asset.identity.orderNumber
        identity.firmware = asset.identity.firmware
        identity.hardware = asset.identity.hardware
        identity.serial = asset.identity.serial
        identity.stationName = asset.identity.stationName
        identity.modules = asset.identity.modules.sorted()
        return BaselineAsset(
            id: asset.id, addresses: asset.ips.map(\.description), macs: asset.macs.map(\.description),
            role: asset.role.rawValue, identity: identity, macVendor: asset.macVendor,
            firstSeen: asset.firstSeen == .max ? 0 : asset.firstSeen,
            lastSeen: asset.lastSeen == .min ? 0 : asset.lastSeen, packets: asset.packetsSent &+ asset.packetsReceived)
    }
}

struct HostState: Sendable {
    var firstSeen: Int64
}

/// One pair as learned.
struct PairState: Sendable {
    /// The flow's application protocol, or the first event's until a flow says.
    var protocolID: UInt16
    var protocolFromFlow = false
    /// IP protocol number (6 TCP, 17 UDP), 0xFF for layer-2 events, 0 unknown.
    var transport: UInt8
    var flows: UInt64 = 0
    var firstSeen: Int64
    var lastSeen: Int64
    var functions: [FunctionKey: FunctionState] = [:]
    var functionsCapped = false
    /// Operations known only as counts (a store's edges), with their counts: any function doing
    /// them is expected.
    var anyFunctionOperations: [EventOperation: UInt64] = [:]

    init(protocolID: UInt16, transport: UInt8, time: Int64) {
        self.protocolID = protocolID
        self.transport = transport
        firstSeen = time
        lastSeen = time
    }

    /// Counts one event; true when it taught something new.
    mutating func record(_ event: ProtocolEvent, in batch: EventBatch, name: String?) -> Bool {
        let time = event.timestamp
        firstSeen = min(firstSeen, time)
        lastSeen = max(lastSeen, time)
        let key = FunctionKey(event)
        var isNew = false
        if functions[key] == nil {
            guard functions.count < BaselineLearner.functionLimit else {
                functionsCapped = true
                return false
            }
            functions[key] = FunctionState(name: event.functionName, time: time)
            functions[key]!.dynamicName = name
            isNew = true
        }
        if functions[key]!.record(event, in: batch) { isNew = true }
        return isNew
    }

    mutating func record(flow: FlowSummary, first: Int64, last: Int64) {
        if !protocolFromFlow, flow.application != .unknown {
            protocolID = flow.application.id
            protocolFromFlow = true
        }
        if transport == 0 { transport = flow.entry.key.ipProtocol }
        if !flow.isContinuation { flows &+= 1 }
        firstSeen = min(firstSeen, first)
        lastSeen = max(lastSeen, last)
    }

    mutating func restartTiming() {
        for key in functions.keys { functions[key]!.timing.restart() }
    }

    mutating func merge(_ other: PairState) -> Bool {
        if !protocolFromFlow, other.protocolFromFlow {
            protocolID = other.protocolID
            protocolFromFlow = true
        }
        if transport == 0 { transport = other.transport }
        flows &+= other.flows
        var changed = false
        for (operation, count) in other.anyFunctionOperations {
            if anyFunctionOperations[operation] == nil { changed = true }
            anyFunctionOperations[operation, default: 0] &+= count
        }
        firstSeen = min(firstSeen, other.firstSeen)
        lastSeen = max(lastSeen, other.lastSeen)
        for (key, state) in other.functions {
            if functions[key] == nil {
                functions[key] = state
                changed = true
            } else if functions[key]!.merge(state) {
                changed = true
            }
        }
        return changed
    }

    func baselinePair(_ key: PairKey) -> BaselinePair {
        let protocolName = ApplicationProtocol.withID(protocolID)?.name ?? "unknown"
        let transportName =
            switch transport {
            case 6: "tcp"
            case 17: "udp"
            case 0xFF: "ethernet"
            default: "ip"
            }
        var pair = BaselinePair(
            client: key.client.description, server: key.server.description, protocolName: protocolName,
            transport: transportName, port: key.port, flows: flows, firstSeen: firstSeen, lastSeen: lastSeen)
        for (functionKey, state) in functions {
            pair.functions.append(state.baselineFunction(functionKey))
        }
        // The store keeps notable events in full, so their functions are named; the others are
        // only counted per operation, and any function doing them is expected.
        let named = Set(functions.keys.map(\.operation))
        for (operation, count) in anyFunctionOperations where !operation.isNotable || !named.contains(operation) {
            pair.functions.append(
                BaselineFunction(
                    protocolName: protocolName, code: -1, name: BaselineFunction.anyName, operation: operation.name,
                    count: count, firstSeen: firstSeen, lastSeen: lastSeen))
        }
        return pair
    }
}

/// One function on one pair as learned.
struct FunctionState: Sendable {
    var name: StaticString
    /// The name when the event came from text (a store), not from a decoder.
    var dynamicName: String?
    var count: UInt64 = 0
    var firstSeen: Int64
    var lastSeen: Int64
    var subfunctions = RangeList()
    var spaces: [SpaceKey: SpaceState] = [:]
    var spacesCapped = false
    var timing = TimingState()

    init(name: StaticString, time: Int64) {
        self.name = name
        firstSeen = time
        lastSeen = time
    }

    mutating func record(_ event: ProtocolEvent, in batch: EventBatch) -> Bool {
        let time = event.timestamp
        count &+= 1
        firstSeen = min(firstSeen, time)
        lastSeen = max(lastSeen, time)
        timing.add(time)
        var isNew = false
        if event.subfunction >= 0, !subfunctions.contains(event.subfunction) {
            subfunctions.insert(event.subfunction...event.subfunction)
            isNew = true
        }
        guard let placement = TargetSpaces.placement(of: event) else { return isNew }
        if spaces[placement.space] == nil {
            guard spaces.count < BaselineLearner.spaceLimit else {
                spacesCapped = true
                return isNew
            }
            spaces[placement.space] = SpaceState()
            isNew = true
        }
        if spaces[placement.space]!.record(placement, in: batch) { isNew = true }
        return isNew
    }

    mutating func merge(_ other: FunctionState) -> Bool {
        count &+= other.count
        firstSeen = min(firstSeen, other.firstSeen)
        lastSeen = max(lastSeen, other.lastSeen)
        timing.merge(other.timing)
        var changed = false
        for range in other.subfunctions.ranges where subfunctions.insert(range) { changed = true }
        spacesCapped = spacesCapped || other.spacesCapped
        for (key, state) in other.spaces {
            if spaces[key] == nil {
                spaces[key] = state
                changed = true
            } else if spaces[key]!.merge(state) {
                changed = true
            }
        }
        return changed
    }

    func baselineFunction(_ key: FunctionKey) -> BaselineFunction {
        var function = BaselineFunction(
            protocolName: ApplicationProtocol.withID(key.protocolID)?.name ?? "unknown", group: key.group,
            code: key.code, name: dynamicName ?? name.description, operation: key.operation.name, count: count,
            firstSeen: firstSeen,
            lastSeen: lastSeen, subfunctions: subfunctions)
        var targets: [BaselineTarget] = []
        for (space, state) in spaces {
            var ranges = state.ranges
            ranges.cap(at: BaselineDocument.rangeLimit)
            var values = state.values.sorted()
            var capped = state.valuesCapped
            if values.count > BaselineDocument.valueLimit {
                values.removeLast(values.count - BaselineDocument.valueLimit)
                capped = true
            }
            targets.append(
                BaselineTarget(
                    kind: space.kind, space: TargetSpaces.coordinates(space), ranges: ranges, values: values,
                    valuesCapped: capped))
        }
        targets.sort { $0.sortKey < $1.sortKey }
        if spacesCapped || targets.count > BaselineDocument.targetLimit {
            function.targetsCapped = true
            targets.removeLast(max(0, targets.count - BaselineDocument.targetLimit))
        }
        function.targets = targets
        function.timing = timing.periodic
        return function
    }
}

/// The numbers or texts a function touched in one target space.
struct SpaceState: Sendable {
    var ranges = RangeList()
    var valueHashes: Set<UInt64> = []
    var values: [String] = []
    var valuesCapped = false

    mutating func record(_ placement: TargetPlacement, in batch: EventBatch) -> Bool {
        if !placement.text.isEmpty {
            let hash = batch.withBytes(placement.text) { TextHash.hash($0) }
            guard !valueHashes.contains(hash) else { return false }
            guard values.count < BaselineLearner.valueLimit else {
                valuesCapped = true
                return false
            }
            valueHashes.insert(hash)
            values.append(batch.string(placement.text))
            return true
        }
        guard let range = placement.range else { return false }
        guard ranges.insert(range) else { return false }
        if ranges.count > BaselineLearner.rangeLimit { ranges.cap(at: BaselineLearner.rangeLimit) }
        return true
    }

    mutating func merge(_ other: SpaceState) -> Bool {
        var changed = false
        for range in other.ranges.ranges where ranges.insert(range) { changed = true }
        ranges.cap(at: BaselineLearner.rangeLimit)
        for (hash, value) in zip(other.values.map(TextHash.hash), other.values) where !valueHashes.contains(hash) {
            guard values.count < BaselineLearner.valueLimit else {
                valuesCapped = true
                break
            }
            valueHashes.insert(hash)
            values.append(value)
            changed = true
        }
        valuesCapped = valuesCapped || other.valuesCapped
        return changed
    }
}

/// Intervals between the starts of a function's exchanges (Welford's running mean and variance).
struct TimingState: Sendable {
    var lastEvent = Int64.min
    var burstStart = Int64.min
    var bursts: UInt64 = 0
    var events: UInt64 = 0
    var samples: UInt64 = 0
    var mean = 0.0
    var m2 = 0.0

    mutating func add(_ time: Int64) {
        events &+= 1
        if lastEvent != .min, time >= lastEvent, time - lastEvent <= BaselineLearner.burstGap {
            lastEvent = time
            return
        }
        if lastEvent != .min, time < lastEvent { return }  // out of order: part of the current exchange
        bursts &+= 1
        if burstStart != .min {
            let interval = Double(time - burstStart)
            samples &+= 1
            let delta = interval - mean
            mean += delta / Double(samples)
            m2 += delta * (interval - mean)
        }
        burstStart = time
        lastEvent = time
    }

    /// Forgets the last exchange (a new capture file: no interval across the gap).
    mutating func restart() {
        lastEvent = .min
        burstStart = .min
    }

    /// Chan et al.'s parallel combination of two workers' statistics of the same function.
    mutating func merge(_ other: TimingState) {
        events &+= other.events
        bursts &+= other.bursts
        guard other.samples > 0 else { return }
        guard samples > 0 else {
            samples = other.samples
            mean = other.mean
            m2 = other.m2
            return
        }
        let total = Double(samples + other.samples)
        let delta = other.mean - mean
        m2 += other.m2 + delta * delta * Double(samples) * Double(other.samples) / total
        mean += delta * Double(other.samples) / total
        samples &+= other.samples
    }

    /// The timing when the exchange is periodic (enough intervals, small variation).
    var periodic: BaselineTiming? {
        guard samples >= BaselineLearner.minimumSamples, mean > 0 else { return nil }
        let deviation = (m2 / Double(samples)).squareRoot()
        guard deviation / mean < BaselineLearner.periodicVariation else { return nil }
        let perExchange = bursts > 0 ? Double(events) / Double(bursts) : 1
        return BaselineTiming(
            periodMilliseconds: Int64((mean / 1e6).rounded()), jitterMilliseconds: Int64((deviation / 1e6).rounded()),
            samples: samples, eventsPerExchangeTenths: max(1, Int64((perExchange * 10).rounded())))
    }
}
