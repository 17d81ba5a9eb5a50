import BinaryParsing
import EventModel
import PacketLayers

/// Address Resolution Protocol (RFC 826) on EtherType 0x0806, and Reverse ARP (RFC 903) on 0x8035,
/// which uses the same packet layout. One decoder per worker: it keeps the IP → MAC claims it has seen
/// to notice two stations claiming one address.
public enum ARPProtocol {
    /// RFC 903 Reverse ARP.
    public static let reverseARPEtherType: UInt16 = 0x8035

    public static let registration = ProtocolRegistration(
        .arp, etherTypes: [EtherType.arp, reverseARPEtherType], frame: { ARPFrameDecoder() })
}
