import EventModel

/// The conduits of a policy by (client zone, server zone), compiled for the detection path:
/// protocols as a bit set over `ApplicationProtocol` ids, ports sorted, operations as a bit set.
/// Lookups compare integers and allocate nothing.
public struct ConduitTable: Sendable {
    public struct Entry: Sendable {
        /// Index of the conduit in the policy.
        public var conduit: Int
        var anyProtocol: Bool
        var protocolsLow: UInt64 = 0
        var protocolsHigh: UInt64 = 0
        /// Sorted; empty: any port.
        var ports: [UInt16]
        /// Bit `Operation.rawValue` set for each allowed category.
        var operations: UInt16

        func allows(protocol application: ApplicationProtocol) -> Bool {
            if anyProtocol { return true }
            let id = Int(application.id)
            guard id < 128 else { return false }
            return id < 64 ? protocolsLow & (1 << UInt64(id)) != 0 : protocolsHigh & (1 << UInt64(id - 64)) != 0
        }

        func allows(port: UInt16) -> Bool {
            if ports.isEmpty { return true }
            var lower = 0
            var upper = ports.count
            while lower < upper {
                let middle = (lower + upper) / 2
                if ports[middle] < port { lower = middle + 1 } else { upper = middle }
            }
            return lower < ports.count && ports[lower] == port
        }

        func allows(operation: Operation) -> Bool { operations & (1 << UInt16(operation.rawValue & 15)) != 0 }
    }

    private let byPair: [Int64: [Entry]]

    /// Sub-protocols whose events travel inside a conduit's protocol (`cip` inside `enip`).
    static let carried: [String: [ApplicationProtocol]] = [
        "enip": [.cip], "s7comm": [.cotp], "s7comm-plus": [.cotp],
    ]

    public init(policy conduits: [Conduit], map: ZoneMap) {
        var numbers: [String: Int32] = [:]
        for (number, name) in map.names.enumerated() { numbers[name] = Int32(number) }
        var table: [Int64: [Entry]] = [:]
        for (index, conduit) in conduits.enumerated() {
            guard let from = numbers[conduit.from], let to = numbers[conduit.to] else { continue }
            var entry = Entry(
                conduit: index, anyProtocol: conduit.protocols.isEmpty, ports: Array(Set(conduit.ports)).sorted(),
                operations: 0)
            for name in conduit.protocols {
                guard let known = ApplicationProtocol.named(name) else { continue }
                for application in [known] + (Self.carried[name] ?? []) where application.id < 128 {
                    if application.id < 64 {
                        entry.protocolsLow |= 1 << UInt64(application.id)
                    } else {
                        entry.protocolsHigh |= 1 << UInt64(application.id - 64)
                    }
                }
            }
            for operation in conduit.operations ?? Operation.allCases {
                entry.operations |= 1 << UInt16(operation.rawValue & 15)
            }
            // Reads that carry no category still need the conduit: `none` rides along with any.
            entry.operations |= 1 << UInt16(Operation.none.rawValue)
            table[Self.key(from, to), default: []].append(entry)
        }
        byPair = table
    }

    @inline(__always) static func key(_ from: Int32, _ to: Int32) -> Int64 { Int64(from) << 32 | Int64(to) }

    /// Whether any conduit leads from zone `from` to zone `to`.
    public func hasConduit(from: Int32, to: Int32) -> Bool { byPair[Self.key(from, to)] != nil }

    /// The first conduit from `from` to `to` that allows `application` on `port`. A flow that
    /// carried no PDU the decoders could read (`undecoded`) is judged by its port alone: a
    /// connection that was opened and closed on an allowed port is not another service.
    public func conduit(from: Int32, to: Int32, application: ApplicationProtocol, port: UInt16, undecoded: Bool) -> Int?
    {
        guard let entries = byPair[Self.key(from, to)] else { return nil }
        // `while`: an unoptimised `for` allocates its iterator, and this runs for every flow.
        var index = 0
        while index < entries.count {
            let entry = entries[index]
            if entry.allows(port: port) && (entry.allows(protocol: application) || (undecoded && !entry.ports.isEmpty))
            {
                return entry.conduit
            }
            index += 1
        }
        return nil
    }

    /// What the conduits from `from` to `to` say of `operation` over `application` on `port`:
    /// `nil` when none of them carries that service (the flow rules report it), else whether
    /// one of those that do allows the operation.
    public func allows(operation: Operation, from: Int32, to: Int32, application: ApplicationProtocol, port: UInt16)
        -> Bool?
    {
        guard let entries = byPair[Self.key(from, to)] else { return nil }
        var carriesService = false
        var index = 0
        while index < entries.count {
            let entry = entries[index]
            if entry.allows(port: port) && entry.allows(protocol: application) {
                if entry.allows(operation: operation) { return true }
                carriesService = true
            }
            index += 1
        }
        return carriesService ? false : nil
    }
}
