import EventModel

/// **iec104-command-sweep** — one IEC 104 client sends commands to many information objects of an
/// RTU within seconds (Industroyer's and Industroyer2's wire behaviour).
///
/// Industroyer's 104 module and Industroyer2 connect to a substation RTU, send STARTDT and a
/// general interrogation, then iterate over configured IOA ranges with single and double commands
/// (C_SC_NA_1 45, C_DC_NA_1 46, and the time-tagged 58/59), opening breakers one after the other.
/// STARTDT (a U frame, `session`) and the interrogation (a `read`) are not notable and so not seen
/// by rules; what is, is the burst of control-direction ASDUs. The rule counts **distinct (common
/// address, IOA) pairs** of command ASDUs (types 45–51 and 58–64: single, double, regulating-step
/// and set-point commands, with or without time tag) sent by one client to one server, and fires
/// at **5 within 10 s**. A dispatcher operates breakers one by one, by hand, with select-before-
/// operate (the peers' normal HMI sends none; the peers' rogue sends 3 objects: no sweep);
/// Industroyer2 sends the commands of its configured IOA list back to back, per station, with no
/// operator in the loop, so a list of 5 or more objects is a burst within a second. Automatic switching
/// sequences (load shedding) can reach 5: their master is in the baseline, and its alert is muted
/// per pair. Severity **critical**.
public struct IEC104CommandSweepRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "iec104-command-sweep", title: "IEC 104 command sweep (Industroyer-like)", severity: .critical,
        techniques: ["T0855", "T0806", "T0831"],
        rationale:
            "Switching many information objects of an RTU within seconds is how Industroyer and Industroyer2 opened a grid's breakers; dispatchers operate them one at a time.",
        protocols: [.iec104], trigger: .distinct(threshold: 5, windowSeconds: 10, per: .pair),
        countedNoun: "information objects")

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.direction == .request, event.target.kind == .iec104Object else { return nil }
        switch event.function {
        case 45...51, 58...64:
            return RuleHit(value: event.target.first << 24 | (event.target.second & 0xFF_FFFF))
        default:
            return nil
        }
    }

    public func summary(_ occurrence: Occurrence) -> String {
        let objects = occurrence.distinctValues.prefix(10).map { "CA \($0 >> 24) IOA \($0 & 0xFF_FFFF)" }
        return
            "\(occurrence.source) sent IEC 104 commands to \(occurrence.distinctValues.count) information objects of \(occurrence.destination) (\(objects.joined(separator: ", "))\(occurrence.distinctValues.count > 10 ? ", …" : ""))"
    }
}
