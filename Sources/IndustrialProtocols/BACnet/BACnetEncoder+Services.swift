import BinaryParsing

/// The services the simulator sends (§16 remote device management, §15 object access), each as a
/// whole BACnet/IP message.
extension BACnetEncoder {
    /// §21 BACnetConfirmedServiceChoice / BACnetUnconfirmedServiceChoice values used here.
    public enum Service {
        public static let readProperty: UInt8 = 12
        public static let writeProperty: UInt8 = 15
        public static let deviceCommunicationControl: UInt8 = 17
        public static let reinitializeDevice: UInt8 = 20
        public static let iAm: UInt8 = 0
        public static let whoIs: UInt8 = 8
    }

    /// §21 error classes and codes used in Error PDUs.
    public enum ErrorClass {
        public static let device: UInt32 = 0
        public static let object: UInt32 = 1
        public static let property: UInt32 = 2
        public static let security: UInt32 = 4
        public static let services: UInt32 = 5
    }

    public enum ErrorCode {
        public static let passwordFailure: UInt32 = 26
        public static let serviceRequestDenied: UInt32 = 29
        public static let unknownObject: UInt32 = 31
        public static let unknownProperty: UInt32 = 32
        public static let valueOutOfRange: UInt32 = 37
        public static let writeAccessDenied: UInt32 = 40
    }

    /// §16.10 Who-Is, optionally limited to a device instance range; broadcast (BVLC Original-Broadcast),
    /// or also routed to every network with `globalBroadcast`.
    public static func whoIs(
        range: ClosedRange<UInt32>? = nil, broadcast: Bool = true, globalBroadcast: Bool = false
    ) -> [UInt8] {
        var apdu = ByteWriter()
        apdu.append(0x10)  // Unconfirmed-Request
        apdu.append(Service.whoIs)
        if let range {
            appendContext(0, unsigned: range.lowerBound, to: &apdu)
            appendContext(1, unsigned: range.upperBound, to: &apdu)
        }
        return message(apdu.bytes, broadcast: broadcast, globalBroadcast: globalBroadcast)
    }

    /// §16.10.2 I-Am: device identifier, max APDU length accepted (octets), segmentation, vendor id.
    public static func iAm(
        deviceInstance: UInt32, maxAPDULength: UInt32 = 1476, segmentation: UInt8 = Segmentation.noSegmentation,
        vendorID: UInt16, broadcast: Bool = true
    ) -> [UInt8] {
        var apdu = ByteWriter()
        apdu.append(0x10)
        apdu.append(Service.iAm)
        append(.objectIdentifier(.device(deviceInstance)), to: &apdu)
        append(.unsigned(maxAPDULength), to: &apdu)
        append(.enumerated(UInt32(segmentation)), to: &apdu)
        append(.unsigned(UInt32(vendorID)), to: &apdu)
        return message(apdu.bytes, broadcast: broadcast)
    }

    /// §15.5 ReadProperty request: [0] object, [1] property, [2] array index.
    public static func readProperty(
        invokeID: UInt8, object: ObjectIdentifier, property: UInt32, arrayIndex: UInt32? = nil,
        maxAPDU: UInt8 = MaxAPDU.octets1476
    ) -> [UInt8] {
        var apdu = confirmedHeader(invokeID: invokeID, service: Service.readProperty, maxAPDU: maxAPDU)
        appendPropertyReference(object: object, property: property, arrayIndex: arrayIndex, to: &apdu)
        return message(apdu.bytes, expectingReply: true)
    }

    /// §15.5.1.3 ReadProperty-ACK (Complex-ACK): the reference, then [3] { value }.
    public static func readPropertyAck(
        invokeID: UInt8, object: ObjectIdentifier, property: UInt32, arrayIndex: UInt32? = nil, value: Value
    ) -> [UInt8] {
        var apdu = ByteWriter()
        apdu.append(0x30)  // Complex-ACK, not segmented
        apdu.append(invokeID)
        apdu.append(Service.readProperty)
        appendPropertyReference(object: object, property: property, arrayIndex: arrayIndex, to: &apdu)
        appendOpening(3, to: &apdu)
        append(value, to: &apdu)
        appendClosing(3, to: &apdu)
        return message(apdu.bytes)
    }

    /// §15.9 WriteProperty request: the reference, [3] { value }, [4] priority (1-16).
    public static func writeProperty(
        invokeID: UInt8, object: ObjectIdentifier, property: UInt32, arrayIndex: UInt32? = nil, value: Value,
        priority: UInt8? = nil, maxAPDU: UInt8 = MaxAPDU.octets1476
    ) -> [UInt8] {
        var apdu = confirmedHeader(invokeID: invokeID, service: Service.writeProperty, maxAPDU: maxAPDU)
        appendPropertyReference(object: object, property: property, arrayIndex: arrayIndex, to: &apdu)
        appendOpening(3, to: &apdu)
        append(value, to: &apdu)
        appendClosing(3, to: &apdu)
        if let priority { appendContext(4, unsigned: UInt32(priority), to: &apdu) }
        return message(apdu.bytes, expectingReply: true)
    }

    /// §20.1.4 Simple-ACK (WriteProperty, DeviceCommunicationControl, ReinitializeDevice …).
    public static func simpleAck(invokeID: UInt8, service: UInt8) -> [UInt8] {
        message([0x20, invokeID, service])
    }

    /// §16.1 DeviceCommunicationControl: [0] time duration (minutes), [1] enable-disable (0 enable,
    /// 1 disable, 2 disable-initiation), [2] password.
    public static func deviceCommunicationControl(
        invokeID: UInt8, durationMinutes: UInt16? = nil, enableDisable: UInt8, password: String? = nil,
        maxAPDU: UInt8 = MaxAPDU.octets1476
    ) -> [UInt8] {
        var apdu = confirmedHeader(invokeID: invokeID, service: Service.deviceCommunicationControl, maxAPDU: maxAPDU)
        if let durationMinutes { appendContext(0, unsigned: UInt32(durationMinutes), to: &apdu) }
        appendContext(1, unsigned: UInt32(enableDisable), to: &apdu)
        if let password { appendContext(2, characterString: password, to: &apdu) }
        return message(apdu.bytes, expectingReply: true)
    }

    /// §16.4 ReinitializeDevice: [0] reinitialized state (0 coldstart, 1 warmstart, 2 start-backup, …),
    /// [1] password.
    public static func reinitializeDevice(
        invokeID: UInt8, state: UInt8, password: String? = nil, maxAPDU: UInt8 = MaxAPDU.octets1476
    ) -> [UInt8] {
        var apdu = confirmedHeader(invokeID: invokeID, service: Service.reinitializeDevice, maxAPDU: maxAPDU)
        appendContext(0, unsigned: UInt32(state), to: &apdu)
        if let password { appendContext(1, characterString: password, to: &apdu) }
        return message(apdu.bytes, expectingReply: true)
    }

    /// §20.1.7 Error PDU: error class and error code, both application-tagged enumerations.
    public static func error(invokeID: UInt8, service: UInt8, errorClass: UInt32, errorCode: UInt32) -> [UInt8] {
        var apdu = ByteWriter()
        apdu.append(0x50)
        apdu.append(invokeID)
        apdu.append(service)
        append(.enumerated(errorClass), to: &apdu)
        append(.enumerated(errorCode), to: &apdu)
        return message(apdu.bytes)
    }

    /// §20.1.2 Confirmed-Request header: type 0 unsegmented, max segments unspecified, max APDU code,
    /// invoke id, service choice.
    static func confirmedHeader(invokeID: UInt8, service: UInt8, maxAPDU: UInt8) -> ByteWriter {
        var apdu = ByteWriter()
        apdu.append(0x00)
        apdu.append(maxAPDU & 0x0F)
        apdu.append(invokeID)
        apdu.append(service)
        return apdu
    }

    static func appendPropertyReference(
        object: ObjectIdentifier, property: UInt32, arrayIndex: UInt32?, to writer: inout ByteWriter
    ) {
        appendContext(0, object: object, to: &writer)
        appendContext(1, unsigned: property, to: &writer)
        if let arrayIndex { appendContext(2, unsigned: arrayIndex, to: &writer) }
    }
}
