import EventModel

/// **logix-program-upload** — signs of a Studio 5000 upload of a Logix controller's project.
///
/// From the QuickDraw capture EIP-SoftwareUpload: Studio 5000 lists the program structure (service
/// 0x4B on Program 0x68, Routine 0x6D, the program-content class 0x6A, …) and then reads each
/// object's content with the class service 0x4F (rung comments, module configuration come back).
/// The decoder names 0x4F on those classes `Logix_Program_Transfer` with operation `program`; this
/// rule fires on those requests: high, one alert per client and controller. The listing (0x4B)
/// alone does not fire (tag browsers list programs too), nor do tag reads.
///
/// What is not seen: uploads through other paths (a CompactFlash card, a gateway), and whether
/// the whole project was read (the count says how many objects were).
public struct LogixProgramUploadRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "logix-program-upload", title: "Logix program upload signs", severity: .high,
        techniques: ["T0845"],
        rationale:
            "Reading the content of a Logix controller's programs and routines copies its project: what an attacker studies before changing the process.",
        protocols: [.cip])

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.direction == .request, event.function == 0x4F, event.operation == .program,
            event.target.kind == .cipPath, LogixProgramClass.contains(event.target.first)
        else { return nil }
        return RuleHit()
    }

    public func summary(_ occurrence: Occurrence) -> String {
        "\(occurrence.source) read program content out of Logix controller \(occurrence.destination) (\(occurrence.count) objects)"
    }
}
