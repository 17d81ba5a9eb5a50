import EventModel

/// **exception-flood** — a server refuses a burst of one client's requests.
///
/// Counts error responses (Modbus exceptions, S7 error classes, CIP general status ≠ 0, DNP3/IEC
/// 104 negative confirmations, BACnet Error/Reject/Abort, OPC UA bad status) of the industrial
/// protocols on one server–client pair and fires at **30 within 10 s**. A scanner trying function
/// codes, register ranges, unit ids, CIP classes or tag names gets a refusal for nearly every
/// guess, dozens per second; a polling master with one misconfigured item gets one refusal per
/// poll cycle (the corpus' captures: at most 12 per 10 s outside attacks, 23 in an EtherNet/IP
/// attack capture). BACnet's *unknown-object* (31) and *unknown-property* (32) errors are not
/// counted: BACnet clients learn which optional properties and objects a device has by reading
/// them (before Property_List, 135-2010, there was no other way), so a workstation's discovery
/// gets hundreds (the corpus' `bacnet-properties`: 333 within 10 s). The error response travels
/// from the server: the alert's source is the server, its second asset the client, and the summary
/// says who was refused. Severity medium.
public struct ExceptionFloodRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "exception-flood", title: "Flood of refused industrial requests", severity: .medium,
        techniques: ["T0888", "T0814"],
        rationale:
            "A burst of refused requests is a client guessing what a device accepts (function codes, addresses, objects, passwords); it can also overload the device.",
        protocols: [.modbus, .s7comm, .s7commPlus, .enip, .cip, .dnp3, .iec104, .bacnet, .opcua, .omronFINS, .melsec],
        trigger: .rate(threshold: 30, windowSeconds: 10, per: .pair))

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.result.status == .error, event.direction == .response else { return nil }
        if event.protocolID == .bacnet, event.result.code == 31 || event.result.code == 32 { return nil }
        return RuleHit(detail: Int64(event.protocolID.id))
    }

    public func summary(_ occurrence: Occurrence) -> String {
        // No count here: a rate trigger's alert merges several time buckets; `Alert.count` has the total.
        "\(occurrence.source) refused a burst of \(occurrence.protocolName) requests from \(occurrence.destination)"
    }
}
