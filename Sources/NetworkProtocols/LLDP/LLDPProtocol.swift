import BinaryParsing
import EventModel
import PacketLayers

/// Link Layer Discovery Protocol (IEEE 802.1AB), EtherType 0x88CC.
public enum LLDPProtocol {
    public static let registration = ProtocolRegistration(
        .lldp, etherTypes: [EtherType.lldp], frame: { LLDPFrameDecoder() })
}
