import EventModel

/// **malformed-pdu** — a host sends PDUs its protocol's decoder finds malformed.
///
/// Fires on events with an `anomaly` (truncated or oversized PDUs, invalid headers, values out of
/// the specification's range, function mismatches) of the industrial protocols, counted **per
/// source and protocol** and raised at **3 within 60 s**, one alert per source and protocol with
/// the count of every such PDU. Fuzzers and exploit scripts send malformed PDUs by the dozen (the
/// corpus' `DNP3-Malformed`: 89 from one master in 36 s; `modbus_fuzz-72`: 6 from the fuzzer and 3
/// from the server it confused, in 24 s); a single odd PDU (a stack's quirk, a capture that lost a
/// segment: the peers' `mixed` has one from the EtherNet/IP server) stays below the threshold, and
/// the peers' normal captures have none. Direction does not lower the severity: a capture that
/// starts mid-conversation makes the decoders take the client for the server (as in
/// `modbus_fuzz-72`). Severity **medium**.
public struct MalformedPDURule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "malformed-pdu", title: "Malformed industrial PDUs", severity: .medium, techniques: ["T0814", "T0866"],
        rationale:
            "PDUs that break their protocol's rules come from fuzzers and exploits: controllers have crashed or stopped on malformed packets (CVE-rich parsers in PLC firmware).",
        protocols: [
            .modbus, .s7comm, .s7commPlus, .cotp, .enip, .cip, .dnp3, .iec104, .bacnet, .opcua, .mqtt, .profinetDCP,
            .profinetCM, .omronFINS, .melsec, .codesys,
        ], trigger: .rate(threshold: 3, windowSeconds: 60, per: .source))

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.anomaly != nil, !event.isLayer2 else { return nil }
        return RuleHit(detail: Int64(event.protocolID.id))
    }

    public func summary(_ occurrence: Occurrence) -> String {
        // No count here: a rate trigger's alert merges several time buckets; `Alert.count` has the total.
        "\(occurrence.source) sent malformed \(occurrence.protocolName) PDUs (first: \(occurrence.functionName.isEmpty ? "no function" : occurrence.functionName))"
    }
}
