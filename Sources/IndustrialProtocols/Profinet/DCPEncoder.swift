import BinaryParsing
import PacketLayers

/// Builds PROFINET DCP PDUs (IEC 61158-6-10 §4.3) for the traffic simulator: the bytes after the
/// Ethernet header (EtherType `etherType`), starting with the frame id. The framing pads short frames.
public enum DCPEncoder {
    public static let etherType: UInt16 = 0x8892
    /// 01:0e:cf:00:00:00, where an Identify All request goes.
    public static let identifyMulticast = MACAddress(rawValue: 0x010e_cf00_0000)

    /// Frame ids of the DCP PDUs (acyclic real-time range).
    public enum FrameID {
        public static let hello: UInt16 = 0xFEFC
        public static let getSet: UInt16 = 0xFEFD
        public static let identifyRequest: UInt16 = 0xFEFE
        public static let identifyResponse: UInt16 = 0xFEFF
    }

    /// DeviceRoleDetails bits.
    public enum DeviceRole {
        public static let ioDevice: UInt8 = 0x01
        public static let ioController: UInt8 = 0x02
        public static let ioMultidevice: UInt8 = 0x04
        public static let supervisor: UInt8 = 0x08
    }

    /// What an Identify response tells about a device.
    public struct DeviceIdentity: Sendable, Equatable {
        public var nameOfStation: String
        /// DeviceVendorValue (TypeOfStation), e.g. "S7-1500".
        public var deviceVendor: String
        public var vendorID: UInt16
        public var deviceID: UInt16
        public var role: UInt8
        public var ipAddress: IPAddress
        public var subnetMask: IPAddress
        public var gateway: IPAddress
        /// BlockInfo of the IP block: 0 not set, 1 set, 2 set by DHCP.
        public var ipBlockInfo: UInt16

        public init(
            nameOfStation: String, deviceVendor: String, vendorID: UInt16, deviceID: UInt16,
            role: UInt8 = DeviceRole.ioDevice, ipAddress: IPAddress, subnetMask: IPAddress,
            gateway: IPAddress = IPAddress(ipv4: 0), ipBlockInfo: UInt16 = 1
        ) {
            self.nameOfStation = nameOfStation
            self.deviceVendor = deviceVendor
            self.vendorID = vendorID
            self.deviceID = deviceID
            self.role = role
            self.ipAddress = ipAddress
            self.subnetMask = subnetMask
            self.gateway = gateway
            self.ipBlockInfo = ipBlockInfo
        }
    }

    /// The DeviceOptions list a Siemens device reports (pn_dcp_identify.pcap frame 2): option/suboption pairs.
    public static let standardDeviceOptions: [(option: UInt8, suboption: UInt8)] = [
        (1, 1), (1, 2), (2, 1), (2, 2), (2, 3), (2, 4), (2, 5), (3, 61), (5, 1), (5, 2), (5, 3), (5, 4), (255, 255),
    ]

    /// Identify request with the All selector, to `identifyMulticast`. `responseDelay` is the factor
    /// devices spread their answers with (1 = none).
    public static func identifyAllRequest(xid: UInt32, responseDelay: UInt16 = 1) -> [UInt8] {
        var blocks = ByteWriter()
        appendBlock(option: 0xFF, suboption: 0xFF, [], to: &blocks)
        return pdu(frameID: FrameID.identifyRequest, service: 5, type: 0, xid: xid, reserved: responseDelay, blocks)
    }

    /// Identify response: DeviceOptions (when given), DeviceVendorValue, NameOfStation, DeviceID,
    /// DeviceRole, IP parameter, each with its BlockInfo, padded to even lengths.
    public static func identifyResponse(
        xid: UInt32, identity: DeviceIdentity,
        deviceOptions: [(option: UInt8, suboption: UInt8)] = standardDeviceOptions
    ) -> [UInt8] {
        var blocks = ByteWriter(capacity: 128)
        if !deviceOptions.isEmpty {
            appendBlock(
                option: 2, suboption: 5, [0, 0] + deviceOptions.flatMap { [$0.option, $0.suboption] }, to: &blocks)
        }
        appendBlock(option: 2, suboption: 1, [0, 0] + Array(identity.deviceVendor.utf8.prefix(255)), to: &blocks)
        appendBlock(option: 2, suboption: 2, [0, 0] + Array(identity.nameOfStation.utf8.prefix(240)), to: &blocks)
        appendBlock(
            option: 2, suboption: 3,
            [0, 0] + bigEndian(identity.vendorID) + bigEndian(identity.deviceID), to: &blocks)
        appendBlock(option: 2, suboption: 4, [0, 0, identity.role, 0], to: &blocks)
        appendBlock(
            option: 1, suboption: 2,
            bigEndian(identity.ipBlockInfo) + ipv4(identity.ipAddress) + ipv4(identity.subnetMask)
                + ipv4(identity.gateway), to: &blocks)
        return pdu(frameID: FrameID.identifyResponse, service: 5, type: 1, xid: xid, reserved: 0, blocks)
    }

    /// Set request of the IP parameter (BlockQualifier 1 = permanent, 0 = temporary), unicast to the device.
    public static func setIPRequest(
        xid: UInt32, ipAddress: IPAddress, subnetMask: IPAddress, gateway: IPAddress, permanent: Bool = true
    ) -> [UInt8] {
        var blocks = ByteWriter()
        appendBlock(
            option: 1, suboption: 2,
            [0, permanent ? 1 : 0] + ipv4(ipAddress) + ipv4(subnetMask) + ipv4(gateway), to: &blocks)
        return pdu(frameID: FrameID.getSet, service: 4, type: 0, xid: xid, reserved: 0, blocks)
    }

    /// Set request of the NameOfStation.
    public static func setNameOfStationRequest(xid: UInt32, nameOfStation: String, permanent: Bool = true) -> [UInt8] {
        var blocks = ByteWriter()
        appendBlock(
            option: 2, suboption: 2, [0, permanent ? 1 : 0] + Array(nameOfStation.utf8.prefix(240)), to: &blocks)
        return pdu(frameID: FrameID.getSet, service: 4, type: 0, xid: xid, reserved: 0, blocks)
    }

    /// Set response: the Control/Response block naming the option that was set and its BlockError (0 = ok).
    public static func setResponse(xid: UInt32, option: UInt8, suboption: UInt8, blockError: UInt8 = 0) -> [UInt8] {
        var blocks = ByteWriter()
        appendBlock(option: 5, suboption: 4, [option, suboption, blockError], to: &blocks)
        return pdu(frameID: FrameID.getSet, service: 4, type: 1, xid: xid, reserved: 0, blocks)
    }

    /// FrameID, ServiceID, ServiceType, Xid, ResponseDelay (requests) or reserved, DCPDataLength, blocks.
    static func pdu(frameID: UInt16, service: UInt8, type: UInt8, xid: UInt32, reserved: UInt16, _ blocks: ByteWriter)
        -> [UInt8]
    {
        var writer = ByteWriter(capacity: 12 + blocks.count)
        writer.append(bigEndian: frameID)
        writer.append(service)
        writer.append(type)
        writer.append(bigEndian: xid)
        writer.append(bigEndian: reserved)
        writer.append(bigEndian: UInt16(blocks.count))
        writer.append(blocks.bytes)
        return writer.bytes
    }

    /// Option, suboption, DCPBlockLength (of `data`, BlockInfo included), data, a pad byte to an even length.
    static func appendBlock(option: UInt8, suboption: UInt8, _ data: [UInt8], to writer: inout ByteWriter) {
        writer.append(option)
        writer.append(suboption)
        writer.append(bigEndian: UInt16(data.count))
        writer.append(data)
        if data.count % 2 == 1 { writer.append(0) }
    }

    static func bigEndian(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xff)] }

    static func ipv4(_ address: IPAddress) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: address.ipv4Value >> (24 - 8 * $0)) }
    }
}
