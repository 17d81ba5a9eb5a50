import BinaryParsing
import EventModel

/// TeamViewer's own transport ("CMD" packets) on TCP and UDP 5938. Not publicly specified; what is
/// used here is what the open classifiers and scanners agree on:
/// - a TCP packet starts with the magic 0x17 0x24 (current clients) or 0x11 0x30 (older framing)
///   and a command byte (nDPI `protocols/teamviewer.c`, bettercap's TeamViewer parser);
/// - after 0x17 0x24 and the command come a little-endian 16-bit body length and the body: the
///   37-byte CMD_IDENTIFY hello `17 24 0A 20 00` + 32 bytes that scanners send and servers echo
///   (libprotoident `lpi_teamviewer.cc` matches exactly 37-byte first payloads `17 24 0A 20`);
/// - over UDP the magic sits at offset 11 (after a counter at offset 0), command at 13 (nDPI).
public enum TeamViewerProtocol {
    /// TCP and UDP 5938, and on any TCP port a first payload that is a well-formed 0x1724 packet.
    public static let registration = ProtocolRegistration(
        .teamviewer, tcpPorts: [5938], udpPorts: [5938], probeOnAnyPort: true, probe: probe,
        stream: { TeamViewerStreamDecoder() }, datagram: { TeamViewerDatagramDecoder() })

    /// Magic 0x17 0x24, a known command, and a body length that the payload confirms (the packet
    /// ends with the payload or is followed by another magic). UDP is identified by port only.
    @Sendable public static func probe(_ bytes: ByteView, _ isTCP: Bool) -> ProbeResult {
        guard isTCP else { return .noMatch }
        guard bytes.count >= 5 else { return bytes.count >= 1 && bytes[0] != 0x17 ? .noMatch : .needMoreBytes }
        guard bytes[0] == 0x17, bytes[1] == 0x24, TeamViewerCommand.isKnown(bytes[2]) else { return .noMatch }
        let end = 5 + Int(bytes.uncheckedUInt16(at: 3).byteSwapped)
        if end == bytes.count { return .match }
        if end < bytes.count { return startsPacket(bytes.dropFirst(end)) ? .match : .noMatch }
        return .noMatch
    }

    /// 0x17 0x24 or 0x11 0x30 followed by a known command byte.
    static func startsPacket(_ bytes: ByteView) -> Bool {
        guard bytes.count >= 3 else { return false }
        let magic = bytes.uncheckedUInt16(at: 0)
        return (magic == 0x1724 || magic == 0x1130) && TeamViewerCommand.isKnown(bytes[2])
    }
}

/// TeamViewer command codes as bettercap's TeamViewer parser names them (10 CMD_IDENTIFY … 113).
enum TeamViewerCommand {
    static let identify: UInt8 = 10

    static func isKnown(_ code: UInt8) -> Bool {
        switch code {
        case 10, 11, 13...63, 70...72, 90...113: true
        default: false
        }
    }
}

/// Anomaly kinds of the TeamViewer recogniser.
public enum TeamViewerAnomaly {
    /// A flow on TeamViewer's port whose payload never carried a TeamViewer packet.
    public static let notRecognised = AnomalyKind("teamviewer.not_recognised")
}
