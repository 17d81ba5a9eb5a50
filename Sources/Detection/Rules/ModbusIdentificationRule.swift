import EventModel

/// **modbus-device-identification** — a client asks a Modbus server who it is.
///
/// Fires on requests *Read Device Identification* (FC 43, MEI type 14) and *Report Server ID*
/// (FC 17). Engineering tools and asset inventories send them, and so does every scanner's first
/// step (nmap `modbus-discover`, the peers' rogue) to learn vendor, product and firmware before
/// choosing an exploit. The request alone is not harmful: severity **low**, one alert per client
/// and server with a count, and quiet when the baseline shows the client doing discovery on this
/// pair. With a baseline, what remains is identification from a host never seen doing it.
public struct ModbusIdentificationRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "modbus-device-identification", title: "Modbus device identification", severity: .low,
        techniques: ["T0888"],
        rationale:
            "Reading a device's vendor, product and firmware tells an attacker which vulnerabilities and tools apply; legitimate only from engineering and inventory tools.",
        protocols: [.modbus], quietWhenBaselined: true)

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.direction == .request else { return nil }
        switch event.function {
        case 43 where event.subfunction == 14: return RuleHit()
        case 17: return RuleHit()
        default: return nil
        }
    }
}
