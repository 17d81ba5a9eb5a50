import EventModel

/// **cip-device-state-change** — a CIP client resets, starts or stops a device.
///
/// Fires on CIP requests with the common services *Reset* (0x05), *Start* (0x06) and *Stop*
/// (0x07), whatever the object (the Identity object's Reset restarts the device; Stop on a
/// Logix controller's program object halts it). The encapsulation (SendRRData, SendUnitData,
/// inside Unconnected Send or a Multiple Service Packet) does not matter: the decoder reports the
/// embedded service. Reset and Stop are high, Start medium.
public struct CIPControllerStateRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "cip-device-state-change", title: "CIP reset, start or stop", severity: .high,
        techniques: ["T0816", "T0858"],
        rationale:
            "A CIP Reset restarts the device and Stop halts it: the process it controls is lost until it runs again.",
        protocols: [.cip])

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.direction == .request else { return nil }
        switch event.function {
        case 0x05, 0x07: return RuleHit(detail: event.function)
        case 0x06: return RuleHit(detail: event.function, severity: .medium)
        default: return nil
        }
    }
}
