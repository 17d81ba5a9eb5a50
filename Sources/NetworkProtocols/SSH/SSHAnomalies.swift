import BinaryParsing

/// Anomaly kinds of the SSH decoder. Each is declared once (identity is the literal).
public enum SSHAnomaly {
    /// An identification line over 255 bytes (RFC 4253 §4.2), or more than
    /// `SSHStreamDecoder.maximumPreambleLines` lines before it: the direction is no longer decoded.
    public static let bannerTooLong = AnomalyKind("ssh.banner_too_long")
    /// An identification string without `SSH-protoversion-softwareversion` (RFC 4253 §4.2).
    public static let malformedBanner = AnomalyKind("ssh.malformed_banner")
    /// A binary packet whose length fields are impossible (RFC 4253 §6: padding of at least four
    /// bytes inside the packet; packets above `SSHStreamDecoder.maximumPacketLength`): the
    /// direction is no longer decoded.
    public static let invalidPacketLength = AnomalyKind("ssh.invalid_packet_length")
    /// A KEXINIT whose name-lists run past the packet (RFC 4253 §7.1).
    public static let malformedKeyExchangeInit = AnomalyKind("ssh.malformed_kexinit")
    /// SSH protocol 1.x (only SSH-2 binary packets are decoded).
    public static let protocolVersion1 = AnomalyKind("ssh.protocol_version_1")
    /// TCP bytes were lost before the keys changed: the direction is no longer decoded.
    public static let streamGap = AnomalyKind("ssh.stream_gap")
}
