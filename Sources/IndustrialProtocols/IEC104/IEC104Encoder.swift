import BinaryParsing

/// Builds IEC 60870-5-104 APDUs (§5: APCI with I, S and U formats) and the ASDUs of IEC
/// 60870-5-101 §7 they carry (1-octet cause of transmission + originator, 2-octet common
/// address, 3-octet information object addresses) for the traffic simulator and tests.
public enum IEC104Encoder {
    /// U-format control octets (§5.3).
    public enum UFunction: UInt8, Sendable {
        case startDataTransferActivation = 0x07
        case startDataTransferConfirmation = 0x0B
        case stopDataTransferActivation = 0x13
        case stopDataTransferConfirmation = 0x23
        case testFrameActivation = 0x43
        case testFrameConfirmation = 0x83
    }

    /// Causes of transmission (IEC 60870-5-101 §7.2.3).
    public enum Cause: UInt8, Sendable {
        case periodic = 1
        case spontaneous = 3
        case activation = 6
        case activationConfirmation = 7
        case activationTermination = 10
        case interrogatedByStation = 20
    }

    /// One information object: its address and element bytes.
    public struct InformationObject: Sendable {
        public var address: UInt32
        public var element: [UInt8]
        public init(address: UInt32, element: [UInt8]) {
            self.address = address
            self.element = element
        }
    }

    public static func unnumbered(_ function: UFunction) -> [UInt8] { [0x68, 0x04, function.rawValue, 0, 0, 0] }

    /// S format: acknowledges receive sequence number `receive`.
    public static func supervisory(receive: UInt16) -> [UInt8] {
        var writer = ByteWriter(capacity: 6)
        writer.append([0x68, 0x04, 0x01, 0x00])
        writer.append(littleEndian: receive << 1)
        return writer.bytes
    }

    /// I format: send and receive sequence numbers, then the ASDU.
    public static func information(send: UInt16, receive: UInt16, asdu: [UInt8]) -> [UInt8] {
        var writer = ByteWriter(capacity: 6 + asdu.count)
        writer.append(0x68)
        writer.append(UInt8(4 + asdu.count))
        writer.append(littleEndian: send << 1)
        writer.append(littleEndian: receive << 1)
        writer.append(asdu)
        return writer.bytes
    }

    /// An ASDU with one address per object (SQ = 0).
    public static func asdu(
        typeID: UInt8, cause: Cause, negative: Bool = false, originator: UInt8 = 0, commonAddress: UInt16,
        objects: [InformationObject]
    ) -> [UInt8] {
        var writer = ByteWriter(capacity: 6 + objects.count * 8)
        writer.append(typeID)
        writer.append(UInt8(objects.count & 0x7F))
        writer.append(cause.rawValue | (negative ? 0x40 : 0))
        writer.append(originator)
        writer.append(littleEndian: commonAddress)
        for object in objects {
            writer.append(UInt8(object.address & 0xFF))
            writer.append(UInt8((object.address >> 8) & 0xFF))
            writer.append(UInt8((object.address >> 16) & 0xFF))
            writer.append(object.element)
        }
        return writer.bytes
    }

    /// C_IC_NA_1 (100) station interrogation: IOA 0, QOI 20.
    public static func interrogation(cause: Cause, commonAddress: UInt16) -> [UInt8] {
        asdu(
            typeID: 100, cause: cause, commonAddress: commonAddress,
            objects: [InformationObject(address: 0, element: [20])])
    }

    /// M_ME_NC_1 (13) element: IEEE 754 float and quality descriptor (good).
    public static func shortFloat(_ value: Float) -> [UInt8] {
        var writer = ByteWriter(capacity: 5)
        writer.append(littleEndian: value.bitPattern)
        writer.append(0x00)
        return writer.bytes
    }

    /// M_SP_NA_1 (1) element: single-point information with quality (good).
    public static func singlePoint(_ on: Bool) -> [UInt8] { [on ? 0x01 : 0x00] }

    /// C_SC_NA_1 (45) element: single command state, select/execute = execute, no qualifier.
    public static func singleCommand(_ on: Bool) -> [UInt8] { [on ? 0x01 : 0x00] }

    /// C_SE_NC_1 (50) element: float setpoint and qualifier of set-point command (execute).
    public static func setpointFloat(_ value: Float) -> [UInt8] { shortFloat(value) }
}
