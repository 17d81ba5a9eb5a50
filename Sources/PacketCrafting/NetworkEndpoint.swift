import PacketLayers

/// A host's link and network address, as frames carry them.
public struct NetworkEndpoint: Hashable, Sendable {
    public var mac: MACAddress
    public var ip: IPAddress

    public init(mac: MACAddress, ip: IPAddress) {
        self.mac = mac
        self.ip = ip
    }
}

/// A frame and the capture time it is due at, in microseconds since the Unix epoch.
public struct TimedFrame: Sendable {
    public var time: Int64
    public var bytes: [UInt8]

    public init(time: Int64, bytes: [UInt8]) {
        self.time = time
        self.bytes = bytes
    }
}
