import BinaryParsing
import EventModel

/// SMB 1, 2 and 3 over TCP: direct hosting on 445 (MS-SMB2 §2.1) and the NetBIOS session service
/// on 139 (RFC 1002 §4.3). Both carry the same messages and report them as `smb` events.
public enum SMBProtocol {
    public static let registration = ProtocolRegistration(
        .smb, tcpPorts: [445], stream: { SMBStreamDecoder(netBIOS: false) })

    public static let netBIOSSession = ProtocolRegistration(
        .netbiosSession, tcpPorts: [139], stream: { SMBStreamDecoder(netBIOS: true) })
}
