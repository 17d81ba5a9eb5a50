import BinaryParsing
import EventModel

/// IEC 60870-5-104 (telecontrol over TCP/IP): registration and content probe.
public enum IEC104Protocol {
    /// TCP 2404 (the port IEC 60870-5-104 assigns), and by content on other ports.
    public static let registration = ProtocolRegistration(
        .iec104, tcpPorts: [2404], probeOnAnyPort: true, probe: probe,
        stream: { IEC104StreamDecoder() })

    /// Recognises a flow whose first payload is a run of well-formed APDUs (0x68, length 4…253, a
    /// control field valid for its format) that ends exactly at the end of the payload; a payload
    /// holding two or more such APDUs also matches when the last one continues in a later segment.
    @Sendable public static func probe(_ bytes: ByteView, _ isTCP: Bool) -> ProbeResult {
        guard isTCP else { return .noMatch }
        guard bytes.count >= APCI.headerLength else { return .needMoreBytes }
        var offset = 0
        var seen = 0
        while offset < bytes.count, seen < probeAPDULimit {
            guard let start = bytes.getUInt8(at: offset), start == APCI.startByte else { return .noMatch }
            guard let length = bytes.getUInt8(at: offset + 1), let control = bytes.getUInt8(at: offset + 2) else {
                return seen >= 2 ? .match : .noMatch
            }
            guard APCI.minimumLength...APCI.maximumLength ~= Int(length) else { return .noMatch }
            switch APCI.Format(control: control) {
            case .information: guard length >= 6 else { return .noMatch }  // an ASDU header at least
            case .supervisory: guard length == 4, control == 0x01 else { return .noMatch }
            case .unnumbered:
                guard length == 4, UFunction(control: control).isValid, bytes.getUInt8(at: offset + 3) == 0
                else { return .noMatch }
            }
            offset += 2 + Int(length)
            seen += 1
        }
        return offset == bytes.count || seen >= 2 ? .match : .noMatch
    }

    /// APDUs the probe checks before deciding.
    static let probeAPDULimit = 8
}
