import BinaryParsing
import PacketLayers

/// What a PDU did to its target (the `operation` key of `palisade.event/1`).
public enum Operation: UInt8, Sendable, CaseIterable {
    case none, read, write, control, program, firmware, diagnostic, discovery, session, data, other

    /// Whether an event doing this is kept one by one (it changes or probes a device) rather than
    /// counted; see `ProtocolEvent.isNotable`.
    @inlinable @inline(__always) public var isNotable: Bool {
        switch self {
        case .write, .control, .program, .firmware, .diagnostic, .discovery: true
        case .none, .read, .session, .data, .other: false
        }
    }

    public var name: String {
        switch self {
        case .none: ""
        case .read: "read"
        case .write: "write"
        case .control: "control"
        case .program: "program"
        case .firmware: "firmware"
        case .diagnostic: "diagnostic"
        case .discovery: "discovery"
        case .session: "session"
        case .data: "data"
        case .other: "other"
        }
    }
}

/// Events of one flow counted by operation: how the flow record and the communication map know
/// what a conversation did without keeping every event.
/// Kept per side: what the client asked for (requests, publishes) and what the server sent.
public struct OperationTally: Sendable, Equatable {
    /// Lanes 0–15: events from the client, by operation; lanes 16–31: from the server.
    public var counts = SIMD32<UInt32>()
    public init() {}
    @inlinable public mutating func add(_ operation: Operation, fromClient: Bool, isRequest: Bool = false) {
        let side = fromClient ? 0 : 16
        // Through a pointer: SIMD's subscript with a variable lane compiles to a slow
        // insert/extract sequence, and this runs for every event.
        withUnsafeMutableBytes(of: &counts) { lanes in
            let base = lanes.baseAddress!.assumingMemoryBound(to: UInt32.self)
            base[(Int(operation.rawValue) & 15) | side] &+= 1
            if isRequest { base[Self.requestLane | side] &+= 1 }
        }
    }
    /// Lane 15 of each side counts requests: with symmetric ports (BACnet 47808 ↔ 47808) the side
    /// that asks is the client, whoever spoke first.
    @usableFromInline static let requestLane = 15
    public var requestsByClient: UInt32 { counts[Self.requestLane] }
    public var requestsByServer: UInt32 { counts[Self.requestLane | 16] }
    /// The same tally seen from the other side (client and server swapped).
    public var swapped: OperationTally {
        var result = OperationTally()
        result.counts = SIMD32(lowHalf: counts.highHalf, highHalf: counts.lowHalf)
        return result
    }
    /// By OR-folding halves: SIMD's `==` compiles to a lane-by-lane loop that spills the whole
    /// vector to the stack on every lane, and this runs for every packet with events.
    @inlinable public var isEmpty: Bool {
        let sixteen = counts.lowHalf | counts.highHalf
        let eight = sixteen.lowHalf | sixteen.highHalf
        let four = eight.lowHalf | eight.highHalf
        let two = four.lowHalf | four.highHalf
        return two.x | two.y == 0
    }
    public subscript(operation: Operation) -> UInt32 { byClient(operation) &+ byServer(operation) }
    public func byClient(_ operation: Operation) -> UInt32 { counts[Int(operation.rawValue) & 15] }
    public func byServer(_ operation: Operation) -> UInt32 { counts[(Int(operation.rawValue) & 15) | 16] }
    @inlinable public mutating func merge(_ other: OperationTally) { counts &+= other.counts }
    /// The operations seen at least once, in declaration order.
    public var seen: [Operation] { Operation.allCases.filter { self[$0] > 0 } }
}

/// The `direction` key.
public enum EventDirection: UInt8, Sendable {
    case request, response, unsolicited, broadcast
    public var name: String {
        switch self {
        case .request: "request"
        case .response: "response"
        case .unsolicited: "unsolicited"
        case .broadcast: "broadcast"
        }
    }
}

/// A string stored in an `EventBatch`'s arena: events stay plain values, text is copied once.
public struct TextRef: Hashable, Sendable {
    public var offset: UInt32
    public var length: UInt32
    public static let none = TextRef(offset: 0, length: 0)
    public var isEmpty: Bool { length == 0 }
}

/// What a PDU touched. `kind` says how to read the numbers (documented in docs/events.md).
public struct EventTarget: Sendable {
    public enum Kind: UInt8, Sendable {
        case none
        /// Modbus: numbers = (table as the Modicon prefix: 0 coils, 1 discrete inputs, 3 input registers,
        /// 4 holding registers; start address; count; unit id).
        case modbusRange
        /// S7: (area, db, byte address, length in items); text may hold the item spec.
        case s7Address
        /// S7 block: (block type, number, -, -).
        case s7Block
        /// S7 SZL: (id, index, -, -).
        case s7SZL
        /// CIP path: (class, instance, attribute, -1 when absent); text = symbolic tag when present.
        case cipPath
        /// DNP3: (group, variation, start index, stop index).
        case dnp3Object
        /// IEC 104: (common address, IOA, -, -).
        case iec104Object
        /// BACnet: (object type, instance, property, array index or -1).
        case bacnetObject
        /// OPC UA: text = node id.
        case opcuaNode
        /// MQTT: text = topic.
        case mqttTopic
        /// Free text target (file names, program names, URIs).
        case text
    }

    public var kind: Kind = .none
    public var first: Int64 = -1
    public var second: Int64 = -1
    public var third: Int64 = -1
    public var fourth: Int64 = -1
    public var text = TextRef.none

    public init() {}
    public init(kind: Kind, _ first: Int64 = -1, _ second: Int64 = -1, _ third: Int64 = -1, _ fourth: Int64 = -1) {
        self.kind = kind
        self.first = first
        self.second = second
        self.third = third
        self.fourth = fourth
    }
}

/// `result`: absent for requests, `ok`, or an error code with its name.
public struct EventResult: Sendable {
    public enum Status: UInt8, Sendable { case absent, ok, error }
    public var status: Status = .absent
    public var code: Int64 = 0
    public var name: StaticString = ""
    public init() {}
    public static let absent = EventResult()
    public static let ok: EventResult = {
        var result = EventResult()
        result.status = .ok
        return result
    }()
    public static func error(_ code: Int64, _ name: StaticString) -> EventResult {
        var result = EventResult()
        result.status = .error
        result.code = code
        result.name = name
        return result
    }
}

/// A device fact seen in a PDU (for the `identity` object).
public enum IdentityKey: UInt8, Sendable, CaseIterable {
    case vendor, vendorID, product, productCode, model, orderNumber, firmware, hardware, serial, name, stationName,
        deviceType, moduleName, plantID, copyright, applicationName, url, other
    /// An address the subject holds (DHCP assignment, DNS answer, ARP sender): value is the address text.
    case ipAddress, macAddress
    /// Windows/NetBIOS/DNS domain the subject belongs to.
    case domain
    /// Software the subject runs as it announces it (HTTP Server, SSH software version, SMB native OS/LM).
    case software
    case userAgent, operatingSystem
    /// Client fingerprints: TLS JA3/JA4, SSH HASSH (client) and HASSH-server.
    case ja3, ja4, hassh, hasshServer
    case certificateSubject, certificateIssuer
    /// DHCP vendor class (option 60), DHCPv6 vendor class.
    case vendorClass
    /// A credential-like token seen in clear (SNMP community, FTP/Telnet user name): never the password.
    case account
    /// The device's address in its protocol (BACnet device instance).
    case deviceID
    public var name: String {
        switch self {
        case .vendor: "vendor"
        case .vendorID: "vendor_id"
        case .product: "product"
        case .productCode: "product_code"
        case .model: "model"
        case .orderNumber: "order_number"
        case .firmware: "firmware"
        case .hardware: "hardware"
        case .serial: "serial"
        case .name: "name"
        case .stationName: "station_name"
        case .deviceType: "device_type"
        case .moduleName: "module_name"
        case .plantID: "plant_id"
        case .copyright: "copyright"
        case .applicationName: "application_name"
        case .url: "url"
        case .other: "other"
        case .ipAddress: "ip"
        case .macAddress: "mac"
        case .domain: "domain"
        case .software: "software"
        case .userAgent: "user_agent"
        case .operatingSystem: "os"
        case .ja3: "ja3"
        case .ja4: "ja4"
        case .hassh: "hassh"
        case .hasshServer: "hassh_server"
        case .certificateSubject: "certificate_subject"
        case .certificateIssuer: "certificate_issuer"
        case .vendorClass: "vendor_class"
        case .account: "account"
        case .deviceID: "device_id"
        }
    }
}

/// Whom a fact describes. Most facts describe the PDU's sender (a response from the device, an
/// announcement); some describe the peer (TLS SNI names the server) or a third host (a DNS answer,
/// a DHCP lease for a client MAC, an ARP claim).
public enum FactSubject: Sendable, Equatable {
    case source
    case destination
    case address(IPAddress)
    case mac(MACAddress)
}

public struct IdentityFact: Sendable {
    public var key: IdentityKey
    public var value: TextRef
    public var subject: FactSubject

    public init(key: IdentityKey, value: TextRef, subject: FactSubject = .source) {
        self.key = key
        self.value = value
        self.subject = subject
    }
}

/// One application PDU, as a plain value (no heap allocation to build one). Text lives in the
/// `EventBatch` that holds the event. Published as `palisade.event/1` (see docs/events.md).
public struct ProtocolEvent: Sendable {
    public var frame: UInt64 = 0
    public var timestamp: Int64 = 0
    public var source = IPAddress.unspecified
    public var destination = IPAddress.unspecified
    public var sourcePort: UInt16 = 0
    public var destinationPort: UInt16 = 0
    public var hasPorts = false
    public var isLayer2 = false
    public var sourceMAC = MACAddress.zero
    public var destinationMAC = MACAddress.zero
    public var hasMACs = false
    public var vlan: UInt16 = 0
    public var hasVLAN = false
    public var protocolID = ApplicationProtocol.unknown
    /// The protocol's numeric code, -1 when the PDU has none.
    public var function: Int64 = -1
    /// A second level where the protocol has one (S7 userdata function group), -1 otherwise.
    public var functionGroup: Int64 = -1
    /// A code below the function where the protocol has one (Modbus diagnostics sub-function,
    /// MEI type, UMAS function), -1 otherwise.
    public var subfunction: Int64 = -1
    public var functionName: StaticString = ""
    public var direction = EventDirection.request
    public var operation = Operation.none
    public var target = EventTarget()
    public var result = EventResult()
    /// Identity facts: `identityCount` entries from `identityStart` in the batch.
    public var identityStart: Int32 = 0
    public var identityCount: Int32 = 0
    public var anomaly: Anomaly?
    /// Position of the event within its frame (several PDUs per frame), for stable ordering.
    public var sequence: UInt32 = 0

    /// Inlined into the decoders: called, it zeroed a temporary that the caller then copied
    /// (~250 bytes, twice per PDU) instead of initialising the decoder's own `var event` in place.
    @inlinable @inline(__always)
    public init() {}

    /// Events worth keeping one by one rather than as counts: anything that changes or probes a
    /// device, carries identity, is malformed or was refused (an exception response: unit-id
    /// sweeps and exception floods are seen through them). Successful reads, cyclic data and
    /// session chatter are counted.
    /// Always inlined: called out of line, it was 0.5% of a collecting run's samples.
    @inlinable @inline(__always) public var isNotable: Bool {
        identityCount > 0 || anomaly != nil || operation.isNotable || result.status == .error
    }
}
