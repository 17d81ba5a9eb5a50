import EventModel

/// **profinet-dcp-set** — a host renames a PROFINET device, changes its IP address or resets it to
/// factory settings with DCP.
///
/// Fires on DCP *Set* requests (service 4, unicast layer-2 frames) that carry:
/// - an IP parameter block (the decoder's target `ip …`): the device moves to another address —
///   high, detail 1;
/// - a NameOfStation block: the IO controller finds its devices by name, so a renamed device drops
///   out of the cyclic exchange — high, detail 2;
/// - a reset-to-factory control block (operation `control`): name, address and parameters are
///   wiped — high, detail 3.
///
/// A Set that only flashes the device's LED (signal; operation `diagnostic`, as TIA Portal's "flash
/// LED" sends) and Identify/Get/Hello do not fire. Engineering tools (TIA Portal, PRONETA) do this
/// at commissioning; in production it cuts a device off its controller (the QuickDraw-style
/// attack in the corpus capture pn_dcp_ChangeIPUsingDCP). One alert per source MAC, device and kind.
public struct ProfinetDCPSetRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "profinet-dcp-set", title: "PROFINET DCP Set of name, IP address or factory reset",
        severity: .high, techniques: ["T0855", "T0813"],
        rationale:
            "A PROFINET IO device that gets a new name or address, or is reset, is no longer found by its IO controller: its inputs and outputs stop.",
        protocols: [.profinetDCP])

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.function == 4, event.direction == .request else { return nil }
        switch event.operation {
        case .control: return RuleHit(detail: 3)
        case .write:
            guard event.target.kind == .text else { return nil }
            return RuleHit(detail: batch.targetText(of: event, hasPrefix: "ip ") ? 1 : 2)
        default: return nil
        }
    }

    public func summary(_ occurrence: Occurrence) -> String {
        let change =
            occurrence.operation == "control"
            ? "reset to factory settings"
            : occurrence.target.hasPrefix("ip ")
                ? "set its IP address to \(occurrence.target.dropFirst(3))" : "renamed it to \"\(occurrence.target)\""
        return "\(occurrence.source) sent a PROFINET DCP Set to \(occurrence.destination): \(change)"
    }
}
