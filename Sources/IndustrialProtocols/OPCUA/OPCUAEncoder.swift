import BinaryParsing

/// Builds OPC UA binary messages (OPC 10000-6 §5.2 encoding, §6.7 Secure Conversation, §7.1 UA TCP)
/// for the traffic simulator, on a channel with SecurityPolicy None: each function returns one whole
/// single-chunk message for a TCP segment to port 4840. The caller supplies channel, token, sequence
/// numbers and request ids in an `Envelope`. Services are in `OPCUAEncoder+Services.swift`.
public enum OPCUAEncoder {
    public static let port: UInt16 = 4840
    public static let securityPolicyNone = "http://opcfoundation.org/UA/SecurityPolicy#None"

    /// A NodeId (§5.2.2.9), written in its most compact encoding.
    public enum NodeID: Sendable, Equatable {
        case numeric(namespace: UInt16, id: UInt32)
        case string(namespace: UInt16, String)

        /// `i=<id>` in namespace 0.
        public static func standard(_ id: UInt32) -> NodeID { .numeric(namespace: 0, id: id) }
        public static let null = NodeID.numeric(namespace: 0, id: 0)
    }

    /// A Variant (§5.2.2.16) holding one scalar of a built-in type.
    public enum Variant: Sendable, Equatable {
        case boolean(Bool)
        case int32(Int32)
        case uint32(UInt32)
        case float(Float)
        case double(Double)
        case string(String)
    }

    /// The per-message values a real stack keeps per channel and per request.
    public struct Envelope: Sendable, Equatable {
        /// SecureChannelId: 0 in the client's first OpenSecureChannel, then the server's choice.
        public var channelID: UInt32
        public var tokenID: UInt32
        public var sequenceNumber: UInt32
        public var requestID: UInt32
        /// RequestHandle of the request header, echoed by the response header.
        public var requestHandle: UInt32
        /// Timestamp of the request or response header: 100 ns ticks since 1601-01-01 UTC.
        public var timestamp: Int64
        /// The session's AuthenticationToken (from CreateSessionResponse); null before a session exists.
        public var authenticationToken: NodeID
        /// TimeoutHint of request headers, milliseconds.
        public var timeoutHint: UInt32

        public init(
            channelID: UInt32, tokenID: UInt32, sequenceNumber: UInt32, requestID: UInt32, requestHandle: UInt32? = nil,
            timestamp: Int64 = 0, authenticationToken: NodeID = .null, timeoutHint: UInt32 = 10_000
        ) {
            self.channelID = channelID
            self.tokenID = tokenID
            self.sequenceNumber = sequenceNumber
            self.requestID = requestID
            self.requestHandle = requestHandle ?? requestID
            self.timestamp = timestamp
            self.authenticationToken = authenticationToken
            self.timeoutHint = timeoutHint
        }
    }

    /// Binary encoding ids of the services (NodeIds.csv `*_Encoding_DefaultBinary`).
    public enum ServiceID {
        public static let getEndpointsRequest: UInt32 = 428
        public static let getEndpointsResponse: UInt32 = 431
        public static let openSecureChannelRequest: UInt32 = 446
        public static let openSecureChannelResponse: UInt32 = 449
        public static let closeSecureChannelRequest: UInt32 = 452
        public static let createSessionRequest: UInt32 = 461
        public static let createSessionResponse: UInt32 = 464
        public static let activateSessionRequest: UInt32 = 467
        public static let activateSessionResponse: UInt32 = 470
        public static let closeSessionRequest: UInt32 = 473
        public static let closeSessionResponse: UInt32 = 476
        public static let browseRequest: UInt32 = 527
        public static let readRequest: UInt32 = 631
        public static let readResponse: UInt32 = 634
        public static let writeRequest: UInt32 = 673
        public static let writeResponse: UInt32 = 676
        public static let callRequest: UInt32 = 712
        public static let callResponse: UInt32 = 715
    }

    // MARK: UA TCP (§7.1.2)

    /// HEL: protocol version 0, buffer sizes, max message size and chunk count (0 = no limit), endpoint URL.
    public static func hello(
        endpointURL: String, receiveBufferSize: UInt32 = 65_536, sendBufferSize: UInt32 = 65_536,
        maxMessageSize: UInt32 = 0, maxChunkCount: UInt32 = 0
    ) -> [UInt8] {
        var body = Writer()
        body.uint32(0)
        body.uint32(receiveBufferSize)
        body.uint32(sendBufferSize)
        body.uint32(maxMessageSize)
        body.uint32(maxChunkCount)
        body.string(endpointURL)
        return frame("HEL", body)
    }

    /// ACK: the server's revised sizes.
    public static func acknowledge(
        receiveBufferSize: UInt32 = 65_536, sendBufferSize: UInt32 = 65_536, maxMessageSize: UInt32 = 0,
        maxChunkCount: UInt32 = 0
    ) -> [UInt8] {
        var body = Writer()
        body.uint32(0)
        body.uint32(receiveBufferSize)
        body.uint32(sendBufferSize)
        body.uint32(maxMessageSize)
        body.uint32(maxChunkCount)
        return frame("ACK", body)
    }

    // MARK: Secure Conversation (§6.7)

    /// OPN with OpenSecureChannelRequest (OPC 10000-4 §5.5.2): Issue, security mode None, empty nonce.
    public static func openSecureChannelRequest(_ envelope: Envelope, requestedLifetime: UInt32 = 3_600_000)
        -> [UInt8]
    {
        var body = Writer()
        body.requestHeader(envelope)
        body.uint32(0)  // ClientProtocolVersion
        body.uint32(0)  // RequestType: Issue
        body.uint32(1)  // SecurityMode: None
        body.byteString([])  // ClientNonce
        body.uint32(requestedLifetime)
        return openMessage(envelope, type: ServiceID.openSecureChannelRequest, body)
    }

    /// OPN with OpenSecureChannelResponse: the channel's security token (`envelope.channelID`,
    /// `envelope.tokenID`, created at `createdAt`, valid `revisedLifetime` ms) and an empty nonce.
    public static func openSecureChannelResponse(
        _ envelope: Envelope, createdAt: Int64, revisedLifetime: UInt32 = 3_600_000
    )
        -> [UInt8]
    {
        var body = Writer()
        body.responseHeader(envelope, serviceResult: 0)
        body.uint32(0)  // ServerProtocolVersion
        body.uint32(envelope.channelID)
        body.uint32(envelope.tokenID)
        body.int64(createdAt)
        body.uint32(revisedLifetime)
        body.byteString([])  // ServerNonce
        return openMessage(envelope, type: ServiceID.openSecureChannelResponse, body)
    }

    /// CLO with CloseSecureChannelRequest (a request header only); the server answers by closing.
    public static func closeSecureChannelRequest(_ envelope: Envelope) -> [UInt8] {
        var body = Writer()
        body.requestHeader(envelope)
        return message("CLO", envelope, type: ServiceID.closeSecureChannelRequest, body)
    }

    /// Message header (type, final chunk 'F', size) + `body`.
    static func frame(_ type: String, _ body: Writer) -> [UInt8] {
        var writer = ByteWriter(capacity: 8 + body.count)
        writer.append(utf8: type)
        writer.append(UInt8(ascii: "F"))
        writer.append(littleEndian: UInt32(8 + body.count))
        writer.append(body.bytes)
        return writer.bytes
    }

    /// OPN: asymmetric security header (channel id, policy None, no certificates), sequence header, body.
    static func openMessage(_ envelope: Envelope, type: UInt32, _ body: Writer) -> [UInt8] {
        var writer = Writer()
        writer.uint32(envelope.channelID)
        writer.string(securityPolicyNone)
        writer.byteString(nil)  // SenderCertificate
        writer.byteString(nil)  // ReceiverCertificateThumbprint
        writer.uint32(envelope.sequenceNumber)
        writer.uint32(envelope.requestID)
        writer.nodeID(.standard(type))
        writer.append(body)
        return frame("OPN", writer)
    }

    /// MSG / CLO: symmetric security header (channel, token), sequence header, type id, body.
    static func message(_ messageType: String, _ envelope: Envelope, type: UInt32, _ body: Writer) -> [UInt8] {
        var writer = Writer()
        writer.uint32(envelope.channelID)
        writer.uint32(envelope.tokenID)
        writer.uint32(envelope.sequenceNumber)
        writer.uint32(envelope.requestID)
        writer.nodeID(.standard(type))
        writer.append(body)
        return frame(messageType, writer)
    }

    /// The OPC UA binary encoding (§5.2): little-endian numbers, Int32-length-prefixed strings (-1 = null).
    struct Writer {
        var writer = ByteWriter(capacity: 128)
        var bytes: [UInt8] { writer.bytes }
        var count: Int { writer.count }

        mutating func append(_ other: Writer) { writer.append(other.bytes) }
        mutating func byte(_ value: UInt8) { writer.append(value) }
        mutating func boolean(_ value: Bool) { writer.append(value ? 1 : 0) }
        mutating func uint16(_ value: UInt16) { writer.append(littleEndian: value) }
        mutating func uint32(_ value: UInt32) { writer.append(littleEndian: value) }
        mutating func int32(_ value: Int32) { writer.append(littleEndian: value) }
        mutating func int64(_ value: Int64) { writer.append(littleEndian: value) }
        mutating func float(_ value: Float) { writer.append(littleEndian: value.bitPattern) }
        mutating func double(_ value: Double) { writer.append(littleEndian: value.bitPattern) }

        mutating func string(_ text: String?) { byteString(text.map { Array($0.utf8) }) }

        mutating func byteString(_ value: [UInt8]?) {
            guard let value else {
                int32(-1)
                return
            }
            int32(Int32(value.count))
            writer.append(value)
        }

        /// An array of strings; an empty one is written with length 0, as the stacks in the corpus do.
        mutating func strings(_ values: [String]) {
            int32(Int32(values.count))
            for value in values { string(value) }
        }

        mutating func nodeID(_ node: NodeID) {
            switch node {
            case .numeric(let namespace, let id) where namespace == 0 && id <= 0xFF:
                byte(0x00)
                byte(UInt8(id))
            case .numeric(let namespace, let id) where namespace <= 0xFF && id <= 0xFFFF:
                byte(0x01)
                byte(UInt8(namespace))
                uint16(UInt16(id))
            case .numeric(let namespace, let id):
                byte(0x02)
                uint16(namespace)
                uint32(id)
            case .string(let namespace, let text):
                byte(0x03)
                uint16(namespace)
                string(text)
            }
        }

        /// LocalizedText with text only (mask 0x02).
        mutating func localizedText(_ text: String) {
            byte(0x02)
            string(text)
        }

        /// An ExtensionObject with no body (type id null, encoding 0).
        mutating func emptyExtensionObject() {
            nodeID(.null)
            byte(0x00)
        }

        mutating func variant(_ value: Variant) {
            switch value {
            case .boolean(let flag):
                byte(1)
                boolean(flag)
            case .int32(let number):
                byte(6)
                int32(number)
            case .uint32(let number):
                byte(7)
                uint32(number)
            case .float(let number):
                byte(10)
                float(number)
            case .double(let number):
                byte(11)
                double(number)
            case .string(let text):
                byte(12)
                string(text)
            }
        }

        /// DataValue (§5.2.2.17): the value, a status when not Good, a source timestamp when given.
        mutating func dataValue(_ value: Variant, status: UInt32 = 0, sourceTimestamp: Int64? = nil) {
            var mask: UInt8 = 0x01
            if status != 0 { mask |= 0x02 }
            if sourceTimestamp != nil { mask |= 0x04 }
            byte(mask)
            variant(value)
            if status != 0 { uint32(status) }
            if let sourceTimestamp { int64(sourceTimestamp) }
        }

        /// RequestHeader (OPC 10000-4 §7.33): no diagnostics, no audit entry, no additional header.
        mutating func requestHeader(_ envelope: Envelope) {
            nodeID(envelope.authenticationToken)
            int64(envelope.timestamp)
            uint32(envelope.requestHandle)
            uint32(0)  // ReturnDiagnostics
            string(nil)  // AuditEntryId
            uint32(envelope.timeoutHint)
            emptyExtensionObject()
        }

        /// ResponseHeader (OPC 10000-4 §7.34): no diagnostics, empty string table.
        mutating func responseHeader(_ envelope: Envelope, serviceResult: UInt32) {
            int64(envelope.timestamp)
            uint32(envelope.requestHandle)
            uint32(serviceResult)
            byte(0x00)  // ServiceDiagnostics: empty DiagnosticInfo
            strings([])  // StringTable
            emptyExtensionObject()
        }
    }
}
