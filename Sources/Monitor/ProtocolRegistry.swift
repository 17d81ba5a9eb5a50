import BinaryParsing
import EventModel

/// Maps flows and frames to application protocols: by port first (as tshark does), then by content
/// heuristics for services on non-standard ports. Built once from `ProtocolRegistration`s; lookups
/// are array indexing, with no hashing or allocation.
public final class ProtocolRegistry: @unchecked Sendable {
    public let registrations: [ProtocolRegistration]
    /// Port → registration index + 1 (0 = none).
    private var tcpPortTable = [UInt8](repeating: 0, count: 65_536)
    private var udpPortTable = [UInt8](repeating: 0, count: 65_536)
    private var etherTypeMap: [UInt16: Int] = [:]
    private let anyPortProbes: [Int]

    public init(_ registrations: [ProtocolRegistration]) {
        precondition(registrations.count < 255, "registry holds at most 254 protocols")
        self.registrations = registrations
        var probes: [Int] = []
        for (index, registration) in registrations.enumerated() {
            for port in registration.tcpPorts where tcpPortTable[Int(port)] == 0 {
                tcpPortTable[Int(port)] = UInt8(index + 1)
            }
            for port in registration.udpPorts where udpPortTable[Int(port)] == 0 {
                udpPortTable[Int(port)] = UInt8(index + 1)
            }
            for type in registration.etherTypes where etherTypeMap[type] == nil { etherTypeMap[type] = index }
            if registration.probeOnAnyPort && registration.probe != nil { probes.append(index) }
        }
        anyPortProbes = probes
    }

    /// The registration claiming `port` on TCP (`isTCP`) or UDP.
    @inline(__always)
    public func byPort(_ port: UInt16, isTCP: Bool) -> Int? {
        let value = isTCP ? tcpPortTable[Int(port)] : udpPortTable[Int(port)]
        return value == 0 ? nil : Int(value) - 1
    }

    public func byEtherType(_ type: UInt16) -> Int? { etherTypeMap[type] }

    public enum Identification {
        case identified(index: Int, serverPort: UInt16?)
        case undecided
        case unknown
    }

    /// Identifies a flow from its first payload. Port rules: the lower of two registered ports wins
    /// (the well-known one); a registration with a probe must confirm its port unless the probe says
    /// it needs more bytes. `attempt` counts payload packets seen so far; heuristics give up after a few.
    public func identify(
        sourcePort: UInt16, destinationPort: UInt16, isTCP: Bool, payload: ByteView, attempt: Int
    ) -> Identification {
        let lowerPort = min(sourcePort, destinationPort)
        let higherPort = max(sourcePort, destinationPort)
        if let index = byPort(lowerPort, isTCP: isTCP) { return .identified(index: index, serverPort: lowerPort) }
        if let index = byPort(higherPort, isTCP: isTCP) { return .identified(index: index, serverPort: higherPort) }
        var undecided = false
        for index in anyPortProbes {
            guard let probe = registrations[index].probe else { continue }
            switch probe(payload, isTCP) {
            case .match: return .identified(index: index, serverPort: nil)
            case .needMoreBytes: undecided = true
            case .noMatch: break
            }
        }
        return undecided && attempt < 4 ? .undecided : .unknown
    }
}
