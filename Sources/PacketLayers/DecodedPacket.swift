import BinaryParsing

/// The layers of one packet, decoded in place. One instance is reused for every packet (gopacket's
/// `DecodingLayerParser` idea): `LayerDecoder.decode` resets it and fills what it finds, and every
/// view points into the packet's own bytes.
public struct DecodedPacket: @unchecked Sendable {
    public enum Network: UInt8, Sendable { case none, ipv4, ipv6, arp }
    public enum Transport: UInt8, Sendable { case none, tcp, udp, icmp, icmpv6, other }

    public var frame = ByteView.empty

    // Link layer
    public var hasLinkAddresses = false
    public var sourceMAC = MACAddress.zero
    public var destinationMAC = MACAddress.zero
    /// Outer and inner 802.1Q tag (VLAN id); 0 when absent.
    public var outerVLAN: UInt16 = 0
    public var innerVLAN: UInt16 = 0
    public var vlanCount = 0
    /// The EtherType of what follows the link layer (after VLAN tags and LLC/SNAP).
    public var etherType: UInt16 = 0
    /// 802.3 frames with LLC: DSAP/SSAP (e.g. 0x42 spanning tree, 0x82 BACnet, 0xFE OSI/IEC 61850).
    public var isLLC = false
    public var llcDSAP: UInt8 = 0
    public var llcSSAP: UInt8 = 0
    /// Bytes after the link layer (for layer-2 protocols such as LLDP, PROFINET, GOOSE).
    public var linkPayload = ByteView.empty
    /// How many tunnel layers (GRE, ERSPAN, VXLAN) were removed to reach the inner packet.
    public var tunnelDepth = 0

    // Network layer
    public var network = Network.none
    public var source = IPAddress.unspecified
    public var destination = IPAddress.unspecified
    public var ipProtocol: UInt8 = 0
    public var timeToLive: UInt8 = 0
    public var ipIdentification: UInt32 = 0
    public var isFragment = false
    public var fragmentOffset = 0
    public var moreFragments = false
    /// Offset of the IP header in `frame` (for fragment reassembly).
    public var networkHeader = ByteView.empty
    /// The IP payload, bounded by the IP length field (Ethernet padding excluded).
    public var networkPayload = ByteView.empty

    // ARP (sender/target protocol addresses go to `source`/`destination`)
    public var arpOperation: UInt16 = 0
    public var arpSenderMAC = MACAddress.zero
    public var arpTargetMAC = MACAddress.zero

    // Transport layer
    public var transport = Transport.none
    public var sourcePort: UInt16 = 0
    public var destinationPort: UInt16 = 0
    public var tcpFlags: UInt8 = 0
    public var tcpSequence: UInt32 = 0
    public var tcpAcknowledgement: UInt32 = 0
    public var tcpWindow: UInt16 = 0
    public var tcpMaximumSegmentSize: UInt16 = 0
    public var tcpWindowScale: UInt8 = 0
    public var tcpSACKPermitted = false
    public var icmpType: UInt8 = 0
    public var icmpCode: UInt8 = 0
    /// The application payload (TCP/UDP data).
    public var payload = ByteView.empty

    /// The first anomaly met while decoding, if any (the decoder stops at it or steps over it).
    public var anomaly: Anomaly?

    public init() {}

    @inlinable public var hasPorts: Bool { transport == .tcp || transport == .udp }

    /// 802.1Q tags as one key for flows: outer << 12 | inner.
    @inlinable public var vlanKey: UInt32 { UInt32(outerVLAN) << 12 | UInt32(innerVLAN) }

    @inlinable
    public mutating func reset(_ bytes: ByteView) {
        self = DecodedPacket()
        frame = bytes
    }
}

public enum TCPFlags {
    public static let fin: UInt8 = 0x01
    public static let syn: UInt8 = 0x02
    public static let rst: UInt8 = 0x04
    public static let psh: UInt8 = 0x08
    public static let ack: UInt8 = 0x10
    public static let urg: UInt8 = 0x20
}

public enum EtherType {
    public static let ipv4: UInt16 = 0x0800
    public static let arp: UInt16 = 0x0806
    public static let vlan: UInt16 = 0x8100
    public static let qinq: UInt16 = 0x88A8
    public static let qinqLegacy: UInt16 = 0x9100
    public static let ipv6: UInt16 = 0x86DD
    public static let lldp: UInt16 = 0x88CC
    public static let profinet: UInt16 = 0x8892
    public static let goose: UInt16 = 0x88B8
    public static let sampledValues: UInt16 = 0x88BA
    public static let erspanTypeII: UInt16 = 0x88BE
    public static let erspanTypeIII: UInt16 = 0x22EB
    public static let transparentEthernet: UInt16 = 0x6558
    public static let ethercat: UInt16 = 0x88A4
    public static let ptp: UInt16 = 0x88F7
}
