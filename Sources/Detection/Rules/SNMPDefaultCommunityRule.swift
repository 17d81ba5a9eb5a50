import EventModel

/// **snmp-default-community** — an SNMP v1/v2c request or trap uses the community `public` or
/// `private`.
///
/// Switches, serial gateways, UPSs and many PLC communication modules ship with these communities;
/// `private` usually allows SET (change IP, VLAN, port state; reboot). A request with a default
/// community that the agent answers shows the device still has it (the response is not needed to
/// fire: the request alone proves a client relies on it). Counted on requests and traps
/// (responses repeat the client's community), one alert per manager and agent; other communities
/// fire `snmp-community-in-clear`. The defaults are no secret, so the evidence keeps the events.
/// Severity medium; T0812 Default Credentials and T0859 Valid Accounts.
public struct SNMPDefaultCommunityRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "snmp-default-community", title: "SNMP default community", severity: .medium,
        techniques: ["T0812", "T0859"],
        rationale:
            "Default SNMP communities are public knowledge: anyone on the network can read the device's configuration and, with 'private', change it.",
        protocols: [.snmp])

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.direction != .response, event.identityCount > 0,
            let account = RuleMatching.fact(.account, of: event, in: batch),
            RuleMatching.text(event.target.text, in: batch, hasPrefix: "community "),
            Self.isDefault(account.value, in: batch)
        else { return nil }
        return RuleHit()
    }

    static func isDefault(_ community: TextRef, in batch: EventBatch) -> Bool {
        RuleMatching.text(community, in: batch, equalsIgnoringCase: "public")
            || RuleMatching.text(community, in: batch, equalsIgnoringCase: "private")
    }
}
