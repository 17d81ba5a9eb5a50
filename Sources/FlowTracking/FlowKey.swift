import PacketLayers

/// A bidirectional flow: the 5-tuple plus VLAN tags, with the endpoints in a canonical order so that
/// both directions of a conversation give the same key (and the same hash).
public struct FlowKey: Hashable, Sendable {
    /// The lower (address, port) endpoint.
    public var addressA: IPAddress
    public var addressB: IPAddress
    public var portA: UInt16
    public var portB: UInt16
    public var ipProtocol: UInt8
    public var vlan: UInt32

    @inlinable
    public init(addressA: IPAddress, portA: UInt16, addressB: IPAddress, portB: UInt16, ipProtocol: UInt8, vlan: UInt32)
    {
        self.addressA = addressA
        self.addressB = addressB
        self.portA = portA
        self.portB = portB
        self.ipProtocol = ipProtocol
        self.vlan = vlan
    }

    /// The key of a decoded packet and whether the packet travels from endpoint A to B.
    @inlinable
    public static func of(_ packet: DecodedPacket) -> (key: FlowKey, fromA: Bool) {
        of(
            source: packet.source, sourcePort: packet.sourcePort, destination: packet.destination,
            destinationPort: packet.destinationPort, ipProtocol: packet.ipProtocol, vlan: packet.vlanKey)
    }

    /// The key from the header fields (the packet path passes fields, not the whole packet struct).
    @inlinable
    public static func of(
        source: IPAddress, sourcePort: UInt16, destination: IPAddress, destinationPort: UInt16, ipProtocol: UInt8,
        vlan: UInt32
    ) -> (key: FlowKey, fromA: Bool) {
        let sourceFirst =
            source.high != destination.high
            ? source.high < destination.high
            : (source.low != destination.low ? source.low < destination.low : sourcePort <= destinationPort)
        if sourceFirst {
            return (
                FlowKey(
                    addressA: source, portA: sourcePort, addressB: destination, portB: destinationPort,
                    ipProtocol: ipProtocol, vlan: vlan), true
            )
        }
        return (
            FlowKey(
                addressA: destination, portA: destinationPort, addressB: source, portB: sourcePort,
                ipProtocol: ipProtocol, vlan: vlan), false
        )
    }

    /// A fast, symmetric 64-bit hash (the key is already canonical). Not SipHash, and not keyed:
    /// the open-addressing table keeps its load at most one half, but a sender that crafts colliding
    /// keys could still lengthen probe chains (a keyed hash is a known follow-up).
    @inlinable
    public var fastHash: UInt64 {
        @inline(__always) get {
            // A static step rather than a nested function capturing `hash`: unoptimized (debug)
            // builds box a captured variable on the heap, once per packet.
            // Independent multiplies, combined and then mixed once (the high half folded into
            // the low bits the table indexes with): six dependent mixes were a 30-cycle chain.
            var hash =
                (addressA.high &* 0x9E37_79B9_7F4A_7C15) ^ (addressA.low &* 0xC2B2_AE3D_27D4_EB4F)
                ^ (addressB.high &* 0x1656_67B1_9E37_79F9) ^ (addressB.low &* 0xD6E8_FEB8_6659_FD93)
                ^ ((UInt64(portA) << 32 | UInt64(portB) << 16 | UInt64(ipProtocol)) &* 0xFF51_AFD7_ED55_8CCD)
                ^ (UInt64(vlan) &* 0xC4CE_B9FE_1A85_EC53)
            hash ^= hash >> 32
            hash &*= 0xBF58_476D_1CE4_E5B9
            return hash ^ hash >> 31
        }
    }

    @inlinable @inline(__always)
    static func mix(_ hash: UInt64, _ value: UInt64) -> UInt64 {
        let mixed = (hash ^ value) &* 0xBF58_476D_1CE4_E5B9
        return mixed ^ mixed >> 31
    }

    /// A hash of the address pair alone (symmetric): used to shard packets across workers so that
    /// every fragment of a datagram and every flow of a host pair land on the same worker.
    /// The four address words and the VLAN are multiplied independently and combined, then mixed
    /// once: a chain of dependent mixes per word cost more than the rest of sharding a packet.
    @inlinable
    public static func shardHash(_ first: IPAddress, _ second: IPAddress, vlan: UInt32) -> UInt64 {
        let low = first < second ? first : second
        let high = first < second ? second : first
        var hash =
            (low.high &* 0x9E37_79B9_7F4A_7C15) ^ (low.low &* 0xC2B2_AE3D_27D4_EB4F)
            ^ (high.high &* 0x1656_67B1_9E37_79F9) ^ (high.low &* 0xD6E8_FEB8_6659_FD93)
            ^ (UInt64(vlan) &* 0xFF51_AFD7_ED55_8CCD)
        hash ^= hash >> 32
        hash &*= 0x9E37_79B9_7F4A_7C15
        return hash ^ hash >> 29
    }
}
