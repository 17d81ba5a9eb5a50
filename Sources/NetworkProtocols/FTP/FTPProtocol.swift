import BinaryParsing
import EventModel

/// FTP (RFC 959, RFC 2228 security extensions, RFC 2428 IPv6 extensions).
public enum FTPProtocol {
    /// The control connection on TCP 21, decoded.
    public static let registration = ProtocolRegistration(.ftp, tcpPorts: [21], stream: { FTPStreamDecoder() })
    /// Active-mode data connections from TCP 20: identified only (file contents are not decoded).
    public static let dataRegistration = ProtocolRegistration(.ftp, tcpPorts: [20])
}
