import BinaryParsing
import PacketLayers

/// Builds EtherNet/IP encapsulation messages and the CIP requests they carry (ODVA Vol. 2 §2-3,
/// Vol. 1 §2-4 and §3-5.5.2) for the traffic simulator and tests. Integers are little-endian
/// except the socket address of a ListIdentity item.
public enum EtherNetIPEncoder {
    /// The identity a ListIdentity reply carries (Identity object attributes 1–7).
    public struct Identity: Sendable {
        public var vendorID: UInt16
        public var deviceType: UInt16
        public var productCode: UInt16
        public var revisionMajor: UInt8
        public var revisionMinor: UInt8
        public var serialNumber: UInt32
        public var productName: String

        public init(
            vendorID: UInt16, deviceType: UInt16, productCode: UInt16, revisionMajor: UInt8, revisionMinor: UInt8,
            serialNumber: UInt32, productName: String
        ) {
            self.vendorID = vendorID
            self.deviceType = deviceType
            self.productCode = productCode
            self.revisionMajor = revisionMajor
            self.revisionMinor = revisionMinor
            self.serialNumber = serialNumber
            self.productName = productName
        }
    }

    /// The 24-byte encapsulation header (command, length, session handle, status, sender
    /// context, options) followed by `data`.
    public static func encapsulation(command: UInt16, session: UInt32, context: UInt64 = 0, data: [UInt8])
        -> [UInt8]
    {
        var writer = ByteWriter(capacity: 24 + data.count)
        writer.append(littleEndian: command)
        writer.append(littleEndian: UInt16(data.count))
        writer.append(littleEndian: session)
        writer.append(littleEndian: UInt32(0))  // status
        writer.append(littleEndian: context)
        writer.append(littleEndian: UInt32(0))  // options
        writer.append(data)
        return writer.bytes
    }

    /// RegisterSession (0x65), request and reply: protocol version 1, options 0.
    public static func registerSession(session: UInt32, context: UInt64 = 0) -> [UInt8] {
        encapsulation(command: 0x0065, session: session, context: context, data: [1, 0, 0, 0])
    }

    /// ListIdentity request (0x63): no data.
    public static func listIdentityRequest(context: UInt64 = 0) -> [UInt8] {
        encapsulation(command: 0x0063, session: 0, context: context, data: [])
    }

    /// ListIdentity reply: one CIP Identity item (type 0x0C) with the device's socket address.
    public static func listIdentityResponse(context: UInt64 = 0, address: IPAddress, identity: Identity) -> [UInt8] {
        var item = ByteWriter(capacity: 64)
        item.append(littleEndian: UInt16(1))  // encapsulation protocol version
        item.append(bigEndian: UInt16(2))  // sin_family AF_INET
        item.append(bigEndian: UInt16(44818))
        item.append(bigEndian: address.ipv4Value)
        item.append(repeating: 0, count: 8)  // sin_zero
        item.append(littleEndian: identity.vendorID)
        item.append(littleEndian: identity.deviceType)
        item.append(littleEndian: identity.productCode)
        item.append(identity.revisionMajor)
        item.append(identity.revisionMinor)
        item.append(littleEndian: UInt16(0x0030))  // status: configured, run mode bits as devices send
        item.append(littleEndian: identity.serialNumber)
        let name = Array(identity.productName.utf8.prefix(255))
        item.append(UInt8(name.count))
        item.append(name)
        item.append(0x03)  // state: operational
        var data = ByteWriter(capacity: 6 + item.count)
        data.append(littleEndian: UInt16(1))  // item count
        data.append(littleEndian: UInt16(0x000C))
        data.append(littleEndian: UInt16(item.count))
        data.append(item.bytes)
        return encapsulation(command: 0x0063, session: 0, context: context, data: data.bytes)
    }

    /// SendRRData (0x6F): interface handle, timeout, a null address item and an unconnected data
    /// item holding `cip`.
    public static func sendRRData(session: UInt32, context: UInt64 = 0, cip: [UInt8]) -> [UInt8] {
        var data = ByteWriter(capacity: 16 + cip.count)
        data.append(littleEndian: UInt32(0))  // interface handle: CIP
        data.append(littleEndian: UInt16(10))  // timeout, seconds
        data.append(littleEndian: UInt16(2))  // item count
        data.append(littleEndian: UInt16(0x0000))  // null address item
        data.append(littleEndian: UInt16(0))
        data.append(littleEndian: UInt16(0x00B2))  // unconnected data item
        data.append(littleEndian: UInt16(cip.count))
        data.append(cip)
        return encapsulation(command: 0x006F, session: session, context: context, data: data.bytes)
    }

    /// A CIP request: service, path size in words, path (padded to words), request data.
    public static func request(service: UInt8, path: [UInt8], data: [UInt8] = []) -> [UInt8] {
        var padded = path
        if padded.count % 2 == 1 { padded.append(0) }
        return [service, UInt8(padded.count / 2)] + padded + data
    }

    /// A CIP reply: service with the reply bit, reserved, general status, no additional status.
    public static func reply(service: UInt8, status: UInt8 = 0, data: [UInt8] = []) -> [UInt8] {
        [service | 0x80, 0, status, 0] + data
    }

    /// A logical path to class/instance (8-bit segments).
    public static func logicalPath(classID: UInt8, instance: UInt8) -> [UInt8] { [0x20, classID, 0x24, instance] }

    /// An ANSI extended symbolic segment (0x91) naming a tag, padded to an even length.
    public static func symbolicPath(_ tag: String) -> [UInt8] {
        let name = Array(tag.utf8.prefix(255))
        var path: [UInt8] = [0x91, UInt8(name.count)] + name
        if path.count % 2 == 1 { path.append(0) }
        return path
    }

    /// Connection Manager Unconnected Send (0x52) carrying `message` to backplane port 1, `slot`.
    public static func unconnectedSend(message: [UInt8], slot: UInt8 = 0) -> [UInt8] {
        var data = ByteWriter(capacity: 12 + message.count)
        data.append(0x0A)  // priority / time tick
        data.append(0x0E)  // timeout ticks
        data.append(littleEndian: UInt16(message.count))
        data.append(message)
        if message.count % 2 == 1 { data.append(0) }
        data.append(1)  // route path size, words
        data.append(0)  // reserved
        data.append([0x01, slot])  // port 1 (backplane), link address = slot
        return request(service: 0x52, path: logicalPath(classID: 0x06, instance: 0x01), data: data.bytes)
    }

    /// Read Tag (0x4C) request: one element.
    public static func readTagRequest(tag: String, elements: UInt16 = 1) -> [UInt8] {
        var data = ByteWriter(capacity: 2)
        data.append(littleEndian: elements)
        return request(service: 0x4C, path: symbolicPath(tag), data: data.bytes)
    }

    /// Read Tag reply with a DINT (0xC4) value.
    public static func readTagReply(value: Int32) -> [UInt8] {
        var data = ByteWriter(capacity: 6)
        data.append(littleEndian: UInt16(0x00C4))
        data.append(littleEndian: value)
        return reply(service: 0x4C, data: data.bytes)
    }

    /// Write Tag (0x4D) request of one DINT.
    public static func writeTagRequest(tag: String, value: Int32) -> [UInt8] {
        var data = ByteWriter(capacity: 8)
        data.append(littleEndian: UInt16(0x00C4))
        data.append(littleEndian: UInt16(1))
        data.append(littleEndian: value)
        return request(service: 0x4D, path: symbolicPath(tag), data: data.bytes)
    }

    /// Identity object Reset (0x05) on instance 1; `type` 0 emulates a power cycle.
    public static func resetRequest(type: UInt8 = 0) -> [UInt8] {
        request(service: 0x05, path: logicalPath(classID: 0x01, instance: 0x01), data: [type])
    }
}
