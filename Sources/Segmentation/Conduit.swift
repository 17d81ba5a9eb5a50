import EventModel

/// An IEC 62443 conduit: traffic that may pass from a client zone to a server zone, limited to
/// protocols, server ports and operation categories. Anything crossing zones that no conduit
/// allows is a violation.
public struct Conduit: Sendable, Equatable {
    public var name: String
    /// The client's zone (the side that asks).
    public var from: String
    /// The server's zone.
    public var to: String
    /// Palisade protocol names as events print them (`modbus`, `s7comm`, `enip`); empty: any.
    public var protocols: [String]
    /// Server ports; empty: any.
    public var ports: [UInt16]
    /// Operation categories allowed; nil: all.
    public var operations: [Operation]?
    /// Why the conduit exists (who asked, when, what it serves).
    public var justification: String?

    public init(
        name: String, from: String, to: String, protocols: [String] = [], ports: [UInt16] = [],
        operations: [Operation]? = nil, justification: String? = nil
    ) {
        self.name = name
        self.from = from
        self.to = to
        self.protocols = protocols
        self.ports = ports
        self.operations = operations
        self.justification = justification
    }

    /// The categories a conduit may name: what `ProtocolEvent.operation` says of a PDU.
    public static let operationNames: [String: Operation] = Dictionary(
        uniqueKeysWithValues: Operation.allCases.filter { $0 != .none }.map { ($0.name, $0) })
}
