import BinaryParsing
import EventModel
import FlowTracking
import PacketCapture
import PacketLayers

/// Counters of one run (one worker, or all merged): what `palisade analyze` reports.
public struct CaptureStatistics: Sendable {
    public var packets: UInt64 = 0
    /// Bytes on the wire (original lengths).
    public var bytes: UInt64 = 0
    public var capturedBytes: UInt64 = 0
    public var firstTimestamp: Int64 = .max
    public var lastTimestamp: Int64 = .min
    /// Packets per link type (raw LINKTYPE_ value).
    public var linkTypes: [UInt32: UInt64] = [:]
    public var flows: UInt64 = 0
    public var flowsByTransport: [String: UInt64] = [:]
    public var protocolPackets = [UInt64](repeating: 0, count: ApplicationProtocol.idLimit)
    public var protocolBytes = [UInt64](repeating: 0, count: ApplicationProtocol.idLimit)
    public var protocolFlows = [UInt64](repeating: 0, count: ApplicationProtocol.idLimit)
    /// PROFINET real-time frames per frame id (cyclic data, alarms, PTCP).
    public var profinetFrames: [UInt16: UInt64] = [:]
    public var events: UInt64 = 0
    public var eventsByProtocol = [UInt64](repeating: 0, count: ApplicationProtocol.idLimit)
    public var anomalies = AnomalyCounter()
    /// Bytes per host, from flow records (client and server sides both count the flow's bytes).
    public var hostBytes: [IPAddress: UInt64] = [:]
    public var hostPackets: [IPAddress: UInt64] = [:]
    /// Caps hit and reassembly work.
    public var flowEvictions: UInt64 = 0
    public var flowTimeouts: UInt64 = 0
    public var reassembly = ReassemblyBudget()
    public var fragmentsReassembled: UInt64 = 0
    public var fragmentTimeouts: UInt64 = 0
    public var fragmentCapHits: UInt64 = 0

    public init() {}

    public mutating func merge(_ other: CaptureStatistics) {
        packets += other.packets
        bytes += other.bytes
        capturedBytes += other.capturedBytes
        firstTimestamp = min(firstTimestamp, other.firstTimestamp)
        lastTimestamp = max(lastTimestamp, other.lastTimestamp)
        for (type, count) in other.linkTypes { linkTypes[type, default: 0] += count }
        flows += other.flows
        for (name, count) in other.flowsByTransport { flowsByTransport[name, default: 0] += count }
        for index in 0..<ApplicationProtocol.idLimit {
            protocolPackets[index] += other.protocolPackets[index]
            protocolBytes[index] += other.protocolBytes[index]
            protocolFlows[index] += other.protocolFlows[index]
            eventsByProtocol[index] += other.eventsByProtocol[index]
        }
        events += other.events
        for (frameID, count) in other.profinetFrames { profinetFrames[frameID, default: 0] += count }
        anomalies.merge(other.anomalies)
        // Grown once: growing the host tables step by step was most of a merge.
        hostBytes.reserveCapacity(hostBytes.count + other.hostBytes.count)
        for (host, count) in other.hostBytes { hostBytes[host, default: 0] += count }
        hostPackets.reserveCapacity(hostPackets.count + other.hostPackets.count)
        for (host, count) in other.hostPackets { hostPackets[host, default: 0] += count }
        flowEvictions += other.flowEvictions
        flowTimeouts += other.flowTimeouts
        reassembly.merge(other.reassembly)
        fragmentsReassembled += other.fragmentsReassembled
        fragmentTimeouts += other.fragmentTimeouts
        fragmentCapHits += other.fragmentCapHits
    }

    /// Protocol name → packets, for protocols with traffic.
    public var packetsByProtocol: [String: UInt64] {
        var result: [String: UInt64] = [:]
        for protocolID in ApplicationProtocol.all where protocolPackets[Int(protocolID.id)] > 0 {
            result[protocolID.name] = protocolPackets[Int(protocolID.id)]
        }
        return result
    }

    /// Caps that were reached (each is a named limit; a non-zero value means data was dropped or cut).
    public var capsHit: [String: UInt64] {
        var result: [String: UInt64] = [:]
        func add(_ name: String, _ value: UInt64) { if value > 0 { result[name] = value } }
        add("flow_table_full_evictions", flowEvictions)
        add("tcp_reassembly_per_direction_cap", reassembly.perDirectionCapHits)
        add("tcp_reassembly_total_cap", reassembly.totalCapHits)
        add("ip_fragment_cap", fragmentCapHits)
        add("ip_fragment_timeouts", fragmentTimeouts)
        return result
    }
}

extension ReassemblyBudget {
    mutating func merge(_ other: ReassemblyBudget) {
        perDirectionCapHits += other.perDirectionCapHits
        totalCapHits += other.totalCapHits
        retransmissions += other.retransmissions
        overlaps += other.overlaps
        conflictingOverlaps += other.conflictingOverlaps
        outOfOrderSegments += other.outOfOrderSegments
        gaps += other.gaps
        gapBytes += other.gapBytes
        midStreamStarts += other.midStreamStarts
    }
}
