import PacketLayers

/// Frames with their own EtherType (ARP, LLDP, PROFINET DCP), untagged.
public enum TimedFrameBuilder {
    public static func layer2(
        from source: MACAddress, to destination: MACAddress, vlan: UInt16? = nil, etherType: UInt16, payload: [UInt8],
        at time: Int64
    ) -> TimedFrame {
        TimedFrame(
            time: time,
            bytes: EthernetFrame.build(
                destination: destination, source: source, vlan: vlan, etherType: etherType, payload: payload))
    }
}
