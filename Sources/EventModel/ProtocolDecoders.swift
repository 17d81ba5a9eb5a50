import BinaryParsing
import PacketLayers

/// A decoder for one flow of a stream protocol (TCP). One instance per flow; it receives each
/// direction's bytes in order and keeps what it must buffer itself (a PDU split across segments).
public protocol StreamDecoder: AnyObject {
    /// The next in-order bytes of one direction (borrowed for the call).
    func receive(_ bytes: ByteView, context: PacketContext, events: EventBatch)
    /// Bytes were lost in one direction: drop partial PDUs and resynchronise.
    func gap(_ length: Int, context: PacketContext, events: EventBatch)
    /// The flow ended: report what is still pending (unanswered requests, truncated PDUs).
    func finish(events: EventBatch)
    /// Whether `bytes` start one of this protocol's messages: lets the core resume decoding right
    /// after lost segments instead of waiting for them.
    func startsMessage(_ bytes: ByteView) -> Bool
}

/// A decoder for one flow of a datagram protocol (UDP). One instance per flow, for pairing.
public protocol DatagramDecoder: AnyObject {
    func receive(_ datagram: ByteView, context: PacketContext, events: EventBatch)
    func finish(events: EventBatch)
}

/// A decoder for frames identified by EtherType (PROFINET, LLDP, GOOSE …). Stateless per frame;
/// one instance per worker.
public protocol FrameDecoder: AnyObject {
    func receive(_ payload: ByteView, packet: DecodedPacket, context: PacketContext, events: EventBatch)
}

extension StreamDecoder {
    public func finish(events: EventBatch) {}
    public func startsMessage(_ bytes: ByteView) -> Bool { false }
}

extension DatagramDecoder {
    public func finish(events: EventBatch) {}
}

/// What a content heuristic thinks of a flow's first payload.
public enum ProbeResult: Sendable {
    case match
    case noMatch
    /// Too few bytes to tell yet.
    case needMoreBytes
}

/// How the registry recognises a protocol and builds its decoders. Decoders of later issues plug in
/// by adding a registration to `ProtocolCatalog`; the core does not change.
public struct ProtocolRegistration: Sendable {
    public var protocolID: ApplicationProtocol
    public var tcpPorts: [UInt16] = []
    public var udpPorts: [UInt16] = []
    public var etherTypes: [UInt16] = []
    /// Content heuristic for flows on other ports; `nil` = identified by port only.
    public var probe: (@Sendable (ByteView, _ isTCP: Bool) -> ProbeResult)?
    /// Whether the heuristic may claim flows on any port (false: only confirms the port match).
    public var probeOnAnyPort = false
    public var makeStreamDecoder: (@Sendable () -> any StreamDecoder)?
    public var makeDatagramDecoder: (@Sendable () -> any DatagramDecoder)?
    public var makeFrameDecoder: (@Sendable () -> any FrameDecoder)?

    public init(
        _ protocolID: ApplicationProtocol, tcpPorts: [UInt16] = [], udpPorts: [UInt16] = [],
        etherTypes: [UInt16] = [], probeOnAnyPort: Bool = false,
        probe: (@Sendable (ByteView, Bool) -> ProbeResult)? = nil,
        stream: (@Sendable () -> any StreamDecoder)? = nil,
        datagram: (@Sendable () -> any DatagramDecoder)? = nil,
        frame: (@Sendable () -> any FrameDecoder)? = nil
    ) {
        self.protocolID = protocolID
        self.tcpPorts = tcpPorts
        self.udpPorts = udpPorts
        self.etherTypes = etherTypes
        self.probeOnAnyPort = probeOnAnyPort
        self.probe = probe
        self.makeStreamDecoder = stream
        self.makeDatagramDecoder = datagram
        self.makeFrameDecoder = frame
    }
}
