import BinaryParsing
import EventModel

/// DHCP (RFC 2131/2132) and DHCPv6 (RFC 8415): registrations. Both feed device identity (host
/// names, vendor classes, client identifiers) to the asset inventory.
public enum DHCPProtocol {
    /// UDP 67 (server) and 68 (client), identified by port.
    public static let registration = ProtocolRegistration(
        .dhcp, udpPorts: [67, 68], datagram: { DHCPDatagramDecoder() })

    /// UDP 546 (client) and 547 (server, relay agent), identified by port.
    public static let registrationV6 = ProtocolRegistration(
        .dhcpv6, udpPorts: [546, 547], datagram: { DHCPv6DatagramDecoder() })
}

/// Anomaly kinds of DHCP and DHCPv6; each name is stable (rules and JSON key on it).
enum DHCPAnomaly {
    /// Shorter than the 236-octet BOOTP header (RFC 2131 §2), or a DHCPv6 message shorter than 4.
    static let truncated = AnomalyKind("dhcp.truncated")
    /// No magic cookie 99.130.83.99 after the header: plain BOOTP or garbage (RFC 2131 §3).
    static let missingMagicCookie = AnomalyKind("dhcp.missing_magic_cookie")
    /// An option whose length runs past the end of its area (RFC 2132 §2).
    static let optionOverrun = AnomalyKind("dhcp.option_overrun")
    /// More options than `DHCPOptions.maximumOptions` in one message.
    static let tooManyOptions = AnomalyKind("dhcp.too_many_options")
    /// op is neither BOOTREQUEST (1) nor BOOTREPLY (2).
    static let invalidOp = AnomalyKind("dhcp.invalid_op")
    /// No option 53 (DHCP message type) although the magic cookie is there.
    static let missingMessageType = AnomalyKind("dhcp.missing_message_type")
    /// Relay-forward/relay-reply nesting deeper than `DHCPv6Message.maximumRelayDepth` (RFC 8415 §19).
    static let relayDepth = AnomalyKind("dhcp.v6_relay_depth")
}
