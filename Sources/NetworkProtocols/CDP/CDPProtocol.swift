import BinaryParsing
import EventModel
import PacketLayers

/// Cisco Discovery Protocol v1/v2 over 802.3 LLC/SNAP (OUI 00-00-0C, protocol id 0x2000): the core's
/// layer decoder reports the SNAP protocol id as the EtherType and hands the bytes after the SNAP header.
public enum CDPProtocol {
    public static let snapProtocolID: UInt16 = 0x2000
    public static let registration = ProtocolRegistration(
        .cdp, etherTypes: [snapProtocolID], frame: { CDPFrameDecoder() })
}
