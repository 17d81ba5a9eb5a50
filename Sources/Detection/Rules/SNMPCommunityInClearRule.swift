import EventModel

/// **snmp-community-in-clear** — an SNMP v1/v2c manager sends a (non-default) community string.
///
/// The community is the agent's password, and v1/v2c send it in clear in every request and trap:
/// anyone on the path can read it and reuse it, with SET rights if it is the write community.
/// Counted on requests and traps (responses repeat the manager's community), one alert per manager
/// and agent, repeats counted. The defaults `public` and `private` fire `snmp-default-community`
/// instead; v3 (USM) is not counted (its user name is not the secret). The alert **withholds the
/// events' text** (`withholdsEventText`): it names hosts, frames and times, never the community,
/// so that neither the alert store nor the SIEM learns it. Severity medium, T0859 Valid Accounts.
public struct SNMPCommunityInClearRule: ThreatRule {
    public let descriptor: RuleDescriptor = {
        var descriptor = RuleDescriptor(
            id: "snmp-community-in-clear", title: "SNMP community sent in clear text", severity: .medium,
            techniques: ["T0859"],
            rationale:
                "An SNMP v1/v2c community is a password sent in clear with every request; whoever reads it can query, and with the write community reconfigure, the device.",
            protocols: [.snmp])
        descriptor.withholdsEventText = true
        return descriptor
    }()

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.direction != .response, event.identityCount > 0,
            let account = RuleMatching.fact(.account, of: event, in: batch),
            RuleMatching.text(event.target.text, in: batch, hasPrefix: "community "),
            !SNMPDefaultCommunityRule.isDefault(account.value, in: batch)
        else { return nil }
        return RuleHit()
    }

    public func summary(_ occurrence: Occurrence) -> String {
        "\(occurrence.source) sent an SNMP community (the agent's password) in clear to \(occurrence.destination)"
    }
}
