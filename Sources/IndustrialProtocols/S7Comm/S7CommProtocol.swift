import BinaryParsing
import EventModel

/// How the pipeline finds and decodes S7comm: TCP port 102 (ISO-TSAP, RFC 1006), confirmed by a
/// TPKT/COTP content check, one `S7StreamDecoder` per connection.
public enum S7CommProtocol {
    public static let registration = ProtocolRegistration(
        .s7comm, tcpPorts: [102], probeOnAnyPort: false, probe: probe,
        stream: { S7StreamDecoder() })

    /// TPKT (RFC 1006 §6) carrying a COTP TPDU (ISO 8073 §13): version 3, reserved 0, a length
    /// that holds the COTP header, and a known TPDU code.
    @Sendable public static func probe(_ bytes: ByteView, _ isTCP: Bool) -> ProbeResult {
        guard bytes.count >= 7 else { return .needMoreBytes }
        guard bytes[0] == 3, bytes[1] == 0, let length = bytes.getUInt16(at: 2), length >= 7 else { return .noMatch }
        let cotpLength = Int(bytes[4])
        guard cotpLength + 5 <= Int(length) else { return .noMatch }
        return COTPType.isKnown(bytes[5]) ? .match : .noMatch
    }
}
