import EventModel

/// **s7-program-download** — blocks are downloaded into an S7 PLC (or made permanent there).
///
/// An S7comm download runs in both directions: the programming device sends *Request download*
/// (job 0x1A), then the PLC itself asks for the block with *Download block* (0x1B) and closes with
/// *Download ended* (0x1C), both answered by the programming device, which then activates the
/// block with the PI service `_INSE` (job 0x28). The rule counts what the programming device sends:
/// the 0x1A and `_INSE` requests and its answers to 0x1B/0x1C (which carry the block), so the alert
/// runs from the programming device to the PLC. All of that is high. The PI services `_MODU` (copy
/// RAM to ROM: the downloaded program survives a power cycle) and `_GARB` (compress memory, run
/// around downloads) are medium. A rejected download still fires (the attempt is the finding).
///
/// Uploads (0x1D–0x1F), block deletion (`_DELE`) and start/stop (`P_PROGRAM`, 0x29) have their own
/// rules. One alert per programming device and PLC; the count is the number of PDUs.
public struct S7ProgramDownloadRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "s7-program-download", title: "S7 program download", severity: .high,
        techniques: ["T0843", "T0889"],
        rationale:
            "Downloading blocks replaces the logic or data a PLC runs on; it is how Stuxnet-like attacks change a process, and engineers do it rarely and at planned times.",
        protocols: [.s7comm])

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.functionGroup < 0 else { return nil }
        switch (event.function, event.direction) {
        case (0x1A, .request), (0x1B, .response), (0x1C, .response):
            return RuleHit(value: event.function)
        case (0x28, .request) where event.operation == .program:
            if batch.targetText(of: event, is: "_INSE") { return RuleHit(value: event.function) }
            if batch.targetText(of: event, is: "_MODU") || batch.targetText(of: event, is: "_GARB") {
                return RuleHit(value: event.function, severity: .medium)
            }
            return nil
        default:
            return nil
        }
    }

    public func summary(_ occurrence: Occurrence) -> String {
        "\(occurrence.source) downloaded program blocks to S7 PLC \(occurrence.destination), starting with \(occurrence.functionName)\(occurrence.targetClause)"
    }
}
