import BinaryParsing
import EventModel

/// DNS (RFC 1035) and its local-network relatives that share the message format: mDNS (RFC 6762),
/// LLMNR (RFC 4795) and NetBIOS Name Service (RFC 1002 §4.2). All are identified by port.
public enum DNSProtocol {
    /// UDP and TCP 53; over TCP each message has a two-octet length prefix (RFC 1035 §4.2.2).
    public static let registration = ProtocolRegistration(
        .dns, tcpPorts: [53], udpPorts: [53],
        stream: { DNSStreamDecoder() }, datagram: { DNSDatagramDecoder(flavor: .dns) })

    /// Multicast DNS, UDP 5353.
    public static let mdns = ProtocolRegistration(
        .mdns, udpPorts: [5353], datagram: { DNSDatagramDecoder(flavor: .mdns) })

    /// Link-Local Multicast Name Resolution, UDP 5355.
    public static let llmnr = ProtocolRegistration(
        .llmnr, udpPorts: [5355], datagram: { DNSDatagramDecoder(flavor: .llmnr) })

    /// NetBIOS Name Service, UDP 137.
    public static let nbns = ProtocolRegistration(
        .nbns, udpPorts: [137], datagram: { DNSDatagramDecoder(flavor: .nbns) })
}

/// Anomaly kinds of the DNS family; names are stable.
enum DNSAnomaly {
    /// Shorter than the 12-octet header (RFC 1035 §4.1.1).
    static let truncated = AnomalyKind("dns.truncated")
    /// A name, question or record runs past the end of the message.
    static let recordOverrun = AnomalyKind("dns.record_overrun")
    /// A compression pointer chain longer than `DNSName.maximumPointers`, or pointing forward.
    static let pointerLoop = AnomalyKind("dns.pointer_loop")
    /// A label longer than 63 octets, or a reserved label type (0x40, 0x80).
    static let badLabel = AnomalyKind("dns.bad_label")
    /// A name longer than 255 octets (RFC 1035 §2.3.4).
    static let nameTooLong = AnomalyKind("dns.name_too_long")
    /// More records than `DNSMessageDecoder.maximumRecords` in one message: the rest are skipped.
    static let tooManyRecords = AnomalyKind("dns.too_many_records")
    /// A partial TCP message longer than `DNSStreamDecoder.maximumBuffered` (cannot happen with a
    /// two-octet length; kept as the named cap of the per-direction buffer).
    static let bufferOverflow = AnomalyKind("dns.buffer_overflow")
    /// A TCP length prefix of zero (RFC 1035 §4.2.2), which frames nothing.
    static let emptyTCPMessage = AnomalyKind("dns.empty_tcp_message")
}
