import BinaryParsing
import EventModel

/// EtherNet/IP (ODVA CIP Vol. 2) and the CIP messages it carries (CIP Vol. 1).
///
/// TCP 44818 carries encapsulation PDUs (explicit messaging); UDP 44818 carries the same
/// encapsulation (ListIdentity and friends, often broadcast); UDP 2222 carries class 0/1 implicit
/// I/O as bare Common Packet Format items.
public enum EtherNetIPProtocol {
    public static let tcpPort: UInt16 = 44818
    public static let udpPort: UInt16 = 44818
    public static let implicitIOPort: UInt16 = 2222

    public static let registration = ProtocolRegistration(
        .enip, tcpPorts: [tcpPort], udpPorts: [udpPort, implicitIOPort], probeOnAnyPort: true, probe: probe,
        stream: { EtherNetIPStreamDecoder() },
        datagram: { EtherNetIPDatagramDecoder() })

    /// Encapsulation header heuristic (CIP Vol. 2 §2-3.1) for flows on other ports: a command
    /// that exists, zero options, and a length that agrees with the bytes seen.
    @Sendable public static func probe(_ bytes: ByteView, _ isTCP: Bool) -> ProbeResult {
        guard bytes.count >= EncapsulationHeader.size else { return .needMoreBytes }
        guard let header = EncapsulationHeader(bytes), EncapsulationCommand.isKnown(header.command),
            header.options == 0
        else { return .noMatch }
        if isTCP {
            // Several PDUs may follow, or the PDU may continue in the next segment.
            return Int(header.length) <= EtherNetIPLimits.maximumEncapsulationData ? .match : .noMatch
        }
        return EncapsulationHeader.size + Int(header.length) == bytes.count ? .match : .noMatch
    }
}

/// Named caps: every buffer, table and recursion of this decoder is bounded by one of these.
enum EtherNetIPLimits {
    /// The encapsulation length field is 16 bits (CIP Vol. 2 §2-3.1); ODVA caps it at 65511.
    static let maximumEncapsulationData = 65_511
    /// Per-direction reassembly buffer: one partial PDU plus one segment.
    static let streamBufferCapacity = 2 * (EncapsulationHeader.size + 65_535)
    /// Requests awaiting a response on one connection.
    static let pendingRequests = 256
    /// Longest tag name carried from a request to its reply (longer dotted paths are not carried).
    static let tagBytes = 255
    /// Ring of tag names of requests awaiting replies, per connection.
    static let tagRingBytes = 8192
    /// Embedded request summaries kept for Multiple Service Packet responses.
    static let pendingEmbedded = 2048
    /// Common Packet Format items in one PDU (real traffic uses 2–4).
    static let cpfItems = 16
    /// Services inside one Multiple Service Packet.
    static let multipleServices = 512
    /// CIP events from one encapsulated message (all nesting levels together).
    static let eventsPerMessage = 1024
    /// Nesting of Multiple Service Packet / Unconnected Send inside each other.
    static let nestingDepth = 4
    /// EPATH segments in one path.
    static let pathSegments = 64
    /// Items in a ListIdentity / ListServices / ListInterfaces reply.
    static let listItems = 32
}

/// Anomaly kinds of this decoder (stable names, declared once).
public enum EtherNetIPAnomaly {
    /// A UDP datagram whose encapsulation length disagrees with its size.
    public static let lengthMismatch = AnomalyKind("enip.length_mismatch")
    /// An encapsulation length beyond 65511 (CIP Vol. 2 §2-3.1).
    public static let lengthOutOfRange = AnomalyKind("enip.length_out_of_range")
    /// The per-direction reassembly buffer cap was reached; buffered bytes were dropped.
    public static let bufferOverflow = AnomalyKind("enip.buffer_overflow")
    /// The pending-request table was full; the oldest request was forgotten.
    public static let pendingOverflow = AnomalyKind("enip.pending_overflow")
    /// A command code CIP Vol. 2 does not define.
    public static let unknownCommand = AnomalyKind("enip.unknown_command")
    /// The Common Packet Format item list ran past the PDU or exceeded its cap.
    public static let cpfMalformed = AnomalyKind("enip.cpf_malformed")
    /// A CIP message too short for its header.
    public static let cipTruncated = AnomalyKind("enip.cip_truncated")
    /// A request path whose size or segments do not parse.
    public static let pathMalformed = AnomalyKind("enip.path_malformed")
    /// Multiple Service Packet / Unconnected Send nested deeper than the cap.
    public static let nestingTooDeep = AnomalyKind("enip.nesting_too_deep")
    /// A Multiple Service Packet whose count or offsets do not fit its data.
    public static let multipleServiceMalformed = AnomalyKind("enip.multiple_service_malformed")
    /// One message would yield more CIP events than `EtherNetIPLimits.eventsPerMessage`.
    public static let tooManyServices = AnomalyKind("enip.too_many_services")
    /// An Unconnected Send whose embedded message does not fit.
    public static let unconnectedSendMalformed = AnomalyKind("enip.unconnected_send_malformed")
    /// An identity item or Identity object reply shorter than its fields.
    public static let identityTruncated = AnomalyKind("enip.identity_truncated")
    /// Implicit I/O datagram that is not a valid CPF item list.
    public static let ioMalformed = AnomalyKind("enip.io_malformed")
    /// Bytes were lost in a TCP direction; framing restarts at the next plausible header.
    public static let resynchronised = AnomalyKind("enip.resynchronised")
}
