import EventModel
import Monitor

/// **cleartext-credentials** — a login crosses the network in clear text.
///
/// - **FTP**: the `USER` command (the decoder keeps the user name as an `account` fact and never
///   reads `PASS`); the password follows in clear on the same connection. Anonymous logins
///   (`anonymous`, `ftp`) carry no secret and are **low**.
/// - **HTTP Basic**: a request whose `Authorization: Basic` header the HTTP decoder turned into an
///   `account` fact (the user name; it never decodes the password). Base64 is not encryption.
/// - **Telnet**: the decoder keeps no keystrokes (they hold the password), so the rule looks at the
///   flow: an established Telnet session that carried data (the decoder's session event) with at
///   least 4 packets from the client and 3 from the server. Packet sizes cannot tell a typed
///   keystroke from an acknowledgment (both are padded to 60 bytes), so the rule does not claim a
///   login was typed: it says the session's login, which Telnet servers on OT devices ask first,
///   crosses in clear.
///
/// SNMP communities are passwords themselves: `snmp-community-in-clear` and
/// `snmp-default-community` report them. One alert per client, server and protocol, repeats
/// counted. The evidence keeps the events, whose `account` fact names the user (never a password:
/// the decoders do not read it). Severity medium: anyone on the path can reuse the login (T0859
/// Valid Accounts).
public struct CleartextCredentialsRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "cleartext-credentials", title: "Login sent in clear text", severity: .medium, techniques: ["T0859"],
        rationale:
            "Logins sent in clear text can be read by anyone on the network path and reused against the device (valid accounts are how most ICS intrusions move).",
        protocols: [.ftp, .http])

    public init() {}

    public var looksAtFlows: Bool { true }

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.identityCount > 0, event.direction != .response else { return nil }
        guard let account = RuleMatching.fact(.account, of: event, in: batch) else { return nil }
        let detail = Int64(event.protocolID.id)
        switch event.protocolID {
        case .ftp:
            let anonymous =
                RuleMatching.text(account.value, in: batch, equalsIgnoringCase: "anonymous")
                || RuleMatching.text(account.value, in: batch, equalsIgnoringCase: "ftp")
            return RuleHit(detail: detail, severity: anonymous ? .low : nil)
        case .http:
            return RuleHit(detail: detail)
        default:
            return nil
        }
    }

    public func match(flow: FlowSummary) -> RuleHit? {
        // Data went both ways (the decoder's session event counts it): the server has sent its
        // login prompt and the client its answer, whatever it typed.
        guard flow.application == .telnet, !flow.isContinuation, !flow.operations.isEmpty else { return nil }
        let entry = flow.oriented.entry
        guard entry.clientPackets >= 4, entry.serverPackets >= 3 else { return nil }
        return RuleHit(detail: Int64(ApplicationProtocol.telnet.id))
    }

    public func summary(_ occurrence: Occurrence) -> String {
        switch occurrence.protocolName {
        case "telnet":
            "\(occurrence.source) logged in to \(occurrence.destination) over Telnet: user name and password in clear"
        case "ftp":
            "\(occurrence.source) logged in to the FTP server \(occurrence.destination) in clear"
        case "http":
            "\(occurrence.source) sent HTTP Basic credentials in clear to \(occurrence.destination)"
        default:
            "\(occurrence.source) sent \(occurrence.protocolName) credentials in clear to \(occurrence.destination)"
        }
    }
}
