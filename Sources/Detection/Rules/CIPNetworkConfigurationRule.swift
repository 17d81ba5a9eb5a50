import EventModel

/// **cip-network-configuration-change** — a client changes a CIP device's IP configuration or its
/// Ethernet link settings.
///
/// Fires on Set_Attributes_All (0x02), Set_Attribute_List (0x04) and Set_Attribute_Single (0x10)
/// requests to the TCP/IP Interface object (class 0xF5: configuration method, IP address, mask,
/// gateway, host name; CIP Vol. 2 §5-4) and to the Ethernet Link object (class 0xF6: speed, duplex,
/// administrative state, which can switch the port off; §5-5). High: a device that moves to
/// another address or loses its link drops out of every connection that keeps the process
/// running. Reads of these objects (inventory tools do them) do not fire. One alert per client,
/// device and class.
///
/// The corpus capture EIP-IPAddressChangeAttempt does not contain such a request: the address
/// there is handed out by a BOOTP server (the Rockwell BOOTP/DHCP tool), which is DHCP's business.
public struct CIPNetworkConfigurationRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "cip-network-configuration-change", title: "CIP IP address or Ethernet link change",
        severity: .high, techniques: ["T0855", "T0814"],
        rationale:
            "Changing a controller's IP settings or switching its Ethernet link off cuts it off from its HMIs, its peers and its I/O.",
        protocols: [.cip])

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.direction == .request, event.target.kind == .cipPath,
            event.target.first == 0xF5 || event.target.first == 0xF6
        else { return nil }
        switch event.function {
        case 0x02, 0x04, 0x10: return RuleHit(detail: event.target.first)
        default: return nil
        }
    }

    public func summary(_ occurrence: Occurrence) -> String {
        let object = occurrence.target.hasPrefix("class 0xF6") ? "Ethernet link settings" : "IP configuration"
        return
            "\(occurrence.source) changed the \(object) of \(occurrence.destination) (\(occurrence.functionName), \(occurrence.target))"
    }
}
