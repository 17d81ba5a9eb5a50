import EventModel

/// **logix-program-download** — signs of a Studio 5000 (RSLogix 5000) download into a Logix
/// controller.
///
/// Rockwell does not publish the download protocol; what a passive monitor sees of it, from the
/// QuickDraw capture EIP-ControlProtocolChangeAttempt (a project change downloaded to a
/// ControlLogix), is CIP requests on the Logix program structure — Program (0x68), Map (0x69), the
/// unnamed program-content class 0x6A, Routine (0x6D) and Task (0x70):
/// - *Create* (0x08) and *Delete* (0x09) of those objects: the project's programs, routines and
///   tasks are rebuilt in the controller;
/// - the class services 0x50 and 0x51 on them, which carry the routines' content (the decoder names
///   them `Logix_Program_Transfer`).
///
/// Fires on those requests: high, one alert per client and controller, the count being the
/// number of PDUs. Around them a download also stops the controller (Stop on class 0x8E) and
/// starts it again, which cip-device-state-change reports, and creates tags and data types (Create
/// on Symbol 0x6B and Template 0x6C) — left out here, as online edits create tags too.
///
/// What is not seen: a download over an encrypted (CIP Security) or a non-EtherNet/IP path; the
/// exact service names; whether the download completed (a refused request fires all the same).
public struct LogixProgramDownloadRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "logix-program-download", title: "Logix program download signs", severity: .high,
        techniques: ["T0843", "T0889"],
        rationale:
            "Creating programs, routines and tasks in a Logix controller and writing their content is what a project download does: it replaces the logic that runs the process.",
        protocols: [.cip])

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.direction == .request, event.target.kind == .cipPath,
            LogixProgramClass.contains(event.target.first)
        else { return nil }
        switch event.function {
        case 0x08, 0x09, 0x50, 0x51: return RuleHit(value: event.function)
        default: return nil
        }
    }

    public func summary(_ occurrence: Occurrence) -> String {
        "\(occurrence.source) changed the program structure of Logix controller \(occurrence.destination) (\(occurrence.functionName) on \(occurrence.target)): a program download"
    }
}
