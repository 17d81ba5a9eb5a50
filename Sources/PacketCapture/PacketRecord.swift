import BinaryParsing

/// One captured packet, borrowed from the reader's buffer: valid until the next read.
public struct PacketRecord: @unchecked Sendable {
    /// Capture time in nanoseconds since the Unix epoch.
    public var timestamp: Int64
    /// Length of the packet on the wire (may exceed `bytes.count` when the capture truncated it).
    public var originalLength: Int
    public var linkType: LinkType
    /// pcapng interface index (0 for classic pcap and live capture).
    public var interfaceID: Int
    public var bytes: ByteView

    @inlinable
    public init(timestamp: Int64, originalLength: Int, linkType: LinkType, interfaceID: Int = 0, bytes: ByteView) {
        self.timestamp = timestamp
        self.originalLength = originalLength
        self.linkType = linkType
        self.interfaceID = interfaceID
        self.bytes = bytes
    }

    @inlinable public var capturedLength: Int { bytes.count }
}

/// What the next read gives.
public enum CaptureReadResult: @unchecked Sendable {
    case packet(PacketRecord)
    case end
    /// Reading cannot continue; everything before `error.offset` was delivered.
    case failed(CaptureError)
}

/// A source of packets: a file or a live interface. Both feed the same packet path.
public protocol PacketSource: AnyObject {
    /// The next packet; its bytes are valid until the following call.
    func next() -> CaptureReadResult
    /// Anomalies met while reading that did not stop it (e.g. a record longer than the snaplen).
    var anomalies: AnomalyCounter { get }
    /// A display name for errors and reports (the path or the interface).
    var name: String { get }
}
