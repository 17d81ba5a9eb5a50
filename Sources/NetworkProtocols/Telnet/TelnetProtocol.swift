import BinaryParsing
import EventModel

/// Telnet (RFC 854, option negotiation RFC 855), identified on TCP 23.
public enum TelnetProtocol {
    public static let registration = ProtocolRegistration(.telnet, tcpPorts: [23], stream: { TelnetStreamDecoder() })
}
