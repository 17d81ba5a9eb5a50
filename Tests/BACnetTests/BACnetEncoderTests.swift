import BACnet
import CorpusTestSupport
import Foundation
import Testing

@Suite struct BACnetEncoderTests {
    typealias Encoder = BACnetEncoder
    static let device = Encoder.ObjectIdentifier.device(1201)
    static let temperature = Encoder.ObjectIdentifier(type: Encoder.ObjectType.analogInput, instance: 3)
    static let fanStatus = Encoder.ObjectIdentifier(type: Encoder.ObjectType.binaryInput, instance: 2)
    static let setpoint = Encoder.ObjectIdentifier(type: Encoder.ObjectType.analogValue, instance: 1)

    /// One simulated workstation ↔ controller session; `true` = from the workstation (the client).
    static let session: [(fromClient: Bool, broadcast: Bool, bytes: [UInt8])] = [
        (true, true, Encoder.whoIs()),
        (false, true, Encoder.iAm(deviceInstance: 1201, vendorID: 5)),
        (true, true, Encoder.whoIs(range: 1200...1299, globalBroadcast: true)),
        (
            true, false,
            Encoder.readProperty(invokeID: 1, object: device, property: Encoder.PropertyIdentifier.objectName)
        ),
        (
            false, false,
            Encoder.readPropertyAck(
                invokeID: 1, object: device, property: Encoder.PropertyIdentifier.objectName,
                value: .characterString("AHU-3 Controller"))
        ),
        (
            true, false,
            Encoder.readProperty(invokeID: 2, object: device, property: Encoder.PropertyIdentifier.vendorName)
        ),
        (
            false, false,
            Encoder.readPropertyAck(
                invokeID: 2, object: device, property: Encoder.PropertyIdentifier.vendorName,
                value: .characterString("Johnson Controls"))
        ),
        (
            true, false,
            Encoder.readProperty(invokeID: 3, object: device, property: Encoder.PropertyIdentifier.modelName)
        ),
        (
            false, false,
            Encoder.readPropertyAck(
                invokeID: 3, object: device, property: Encoder.PropertyIdentifier.modelName,
                value: .characterString("FEC2611"))
        ),
        (
            true, false,
            Encoder.readProperty(invokeID: 4, object: device, property: Encoder.PropertyIdentifier.firmwareRevision)
        ),
        (
            false, false,
            Encoder.readPropertyAck(
                invokeID: 4, object: device, property: Encoder.PropertyIdentifier.firmwareRevision,
                value: .characterString("10.1.0"))
        ),
        (
            true, false,
            Encoder.readProperty(
                invokeID: 5, object: device, property: Encoder.PropertyIdentifier.applicationSoftwareVersion)
        ),
        (
            false, false,
            Encoder.readPropertyAck(
                invokeID: 5, object: device, property: Encoder.PropertyIdentifier.applicationSoftwareVersion,
                value: .characterString("AHU v2.4"))
        ),
        (
            true, false,
            Encoder.readProperty(invokeID: 6, object: temperature, property: Encoder.PropertyIdentifier.presentValue)
        ),
        (
            false, false,
            Encoder.readPropertyAck(
                invokeID: 6, object: temperature, property: Encoder.PropertyIdentifier.presentValue,
                value: .real(21.5))
        ),
        (
            true, false,
            Encoder.writeProperty(
                invokeID: 7, object: setpoint, property: Encoder.PropertyIdentifier.presentValue, value: .real(22),
                priority: 8)
        ),
        (false, false, Encoder.simpleAck(invokeID: 7, service: Encoder.Service.writeProperty)),
        (
            true, false,
            Encoder.deviceCommunicationControl(invokeID: 8, durationMinutes: 60, enableDisable: 1, password: "admin")
        ),
        (
            false, false,
            Encoder.error(
                invokeID: 8, service: Encoder.Service.deviceCommunicationControl,
                errorClass: Encoder.ErrorClass.security, errorCode: Encoder.ErrorCode.passwordFailure)
        ),
        (true, false, Encoder.reinitializeDevice(invokeID: 9, state: 1, password: "admin")),
        (false, false, Encoder.simpleAck(invokeID: 9, service: Encoder.Service.reinitializeDevice)),
        (
            true, false,
            Encoder.readProperty(invokeID: 10, object: fanStatus, property: Encoder.PropertyIdentifier.presentValue)
        ),
        (
            false, false,
            Encoder.readPropertyAck(
                invokeID: 10, object: fanStatus, property: Encoder.PropertyIdentifier.presentValue,
                value: .enumerated(1))  // active
        ),
    ]

    static func hex(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            bytes.append(UInt8(text[index..<next], radix: 16)!)
            index = next
        }
        return bytes
    }

    /// The APDU of a message from `npdu(apdu:)` without routing (BVLC 4 + NPDU 2 octets).
    static func apdu(_ message: [UInt8]) -> [UInt8] { Array(message.dropFirst(6)) }

    @Test func matchesCorpusMessages() {
        // bacnet/bacnet_test.pcap frames 3, 4 and 14 (whole UDP payloads).
        let deviceAll = Encoder.ObjectIdentifier.device(4_194_303)
        #expect(
            Encoder.readProperty(invokeID: 1, object: deviceAll, property: Encoder.PropertyIdentifier.objectIdentifier)
                == Self.hex("810a001101040005010c0c023fffff194b"))
        #expect(
            Encoder.readPropertyAck(
                invokeID: 1, object: deviceAll, property: Encoder.PropertyIdentifier.objectIdentifier,
                value: .objectIdentifier(.device(500))) == Self.hex("810a0017010030010c0c023fffff194b3ec4020001f43f"))
        #expect(
            Encoder.readPropertyAck(
                invokeID: 1, object: deviceAll, property: Encoder.PropertyIdentifier.objectName,
                value: .ucs2String("KBRNAE"))
                == Self.hex("810a0021010030010c0c023fffff194d3e750d04004b00420052004e004100453f"))
        // bacnet/bacnet_example.pcap frame 10: present-value REAL 60.092586.
        #expect(
            Encoder.readPropertyAck(
                invokeID: 5, object: Encoder.ObjectIdentifier(type: Encoder.ObjectType.analogInput, instance: 1),
                property: Encoder.PropertyIdentifier.presentValue, value: .real(Float(bitPattern: 0x4270_5ECF)))
                == Self.hex("810a0017010030050c0c0000000119553e4442705ecf3f"))
        // bacnet/bacnet_example.pcap frame 109: I-Am device 136, max APDU 1024, no segmentation, vendor 134
        // (sent with Original-Unicast to the subnet broadcast address).
        #expect(
            Encoder.iAm(deviceInstance: 136, maxAPDULength: 1024, vendorID: 134, broadcast: false)
                == Self.hex("810a001401001000c40200008822040091032186"))
        // bacnet/bacnet-stack-services.pcap frame 10: Who-Is 61-61, global broadcast.
        #expect(
            Encoder.whoIs(range: 61...61, broadcast: false, globalBroadcast: true)
                == Self.hex("810a00100120ffff00ff1008093d193d"))
        // Routed requests (their NPDUs name DNET 13): compare the APDUs.
        // bacnet-stack-services.pcap frame 66 DeviceCommunicationControl, 34 ReinitializeDevice, 41 Error.
        #expect(
            Self.apdu(
                Encoder.deviceCommunicationControl(
                    invokeID: 1, enableDisable: 0, password: "filister", maxAPDU: Encoder.MaxAPDU.octets480))
                == Self.hex("0003011119002d090066696c6973746572"))
        #expect(
            Self.apdu(
                Encoder.reinitializeDevice(
                    invokeID: 1, state: 0, password: "wireshark", maxAPDU: Encoder.MaxAPDU.octets480))
                == Self.hex("0003011409001d0a0077697265736861726b"))
        #expect(
            Self.apdu(
                Encoder.error(
                    invokeID: 1, service: Encoder.Service.readProperty, errorClass: Encoder.ErrorClass.property,
                    errorCode: Encoder.ErrorCode.unknownProperty)) == Self.hex("50010c91029120"))
        // bacnet_services.pcap frames 3-4: WriteProperty AO 101 present-value 50.0 priority 10 (its first
        // octet also says segmented-response-accepted, which this encoder never claims), Simple-ACK.
        let write = Encoder.writeProperty(
            invokeID: 2, object: Encoder.ObjectIdentifier(type: Encoder.ObjectType.analogOutput, instance: 101),
            property: Encoder.PropertyIdentifier.presentValue, value: .real(50), priority: 10,
            maxAPDU: Encoder.MaxAPDU.octets480)
        #expect(Array(Self.apdu(write).dropFirst()) == Self.hex("03020f0c0040006519553e44424800003f490a"))
        #expect(Self.apdu(Encoder.simpleAck(invokeID: 2, service: 15)) == Self.hex("20020f"))
    }

    @Test func longStringsUseTheExtendedLength() {
        let name = String(repeating: "x", count: 300)
        let ack = Encoder.readPropertyAck(
            invokeID: 1, object: Self.device, property: Encoder.PropertyIdentifier.description,
            value: .characterString(name))
        // [3] opening, then application tag 7 with length 5 → extended: 254, two octets (301 = 300 + charset).
        let apdu = Self.apdu(ack)
        let opening = apdu.firstIndex(of: 0x3E)!
        #expect(Array(apdu[(opening + 1)...(opening + 5)]) == [0x75, 0xFE, 0x01, 0x2D, 0x00])
        #expect(Int(ack[2]) << 8 | Int(ack[3]) == ack.count)
    }

    @Test func roundTripThroughTheDecoder() {
        let events = decode(
            Self.session.map { Datagram(bytes: $0.bytes, fromClient: $0.fromClient, broadcast: $0.broadcast) })
        #expect(events.count == Self.session.count)
        #expect(events.allSatisfy { $0.anomaly.isEmpty })
        #expect(
            events.map(\.name) == [
                "who-Is", "i-Am", "who-Is", "readProperty", "readProperty", "readProperty", "readProperty",
                "readProperty", "readProperty", "readProperty", "readProperty", "readProperty", "readProperty",
                "readProperty", "readProperty", "writeProperty", "writeProperty", "deviceCommunicationControl",
                "deviceCommunicationControl", "reinitializeDevice", "reinitializeDevice", "readProperty",
                "readProperty",
            ])
        #expect(events[0].direction == .broadcast && events[0].operation == .discovery)
        #expect(events[1].target == [8, 1201, -1, -1])
        #expect(
            events[1].identity == ["device_id": "1201", "vendor_id": "5", "vendor": "Johnson Controls, Inc."])
        #expect(events[3].target == [8, 1201, 77, -1])
        #expect(events[3].operation == .read)
        #expect(events[4].result == "ok")
        #expect(events[4].identity == ["name": "AHU-3 Controller"])
        #expect(events[6].identity == ["vendor": "Johnson Controls"])
        #expect(events[8].identity == ["model": "FEC2611"])
        #expect(events[10].identity == ["firmware": "10.1.0"])
        #expect(events[12].identity == ["application_name": "AHU v2.4"])
        #expect(events[14].target == [0, 3, 85, -1])
        #expect(events[15].target == [2, 1, 85, -1])
        #expect(events[15].operation == .write)
        #expect(events[16].result == "ok" && events[16].target == [2, 1, 85, -1])
        #expect(events[17].operation == .control && events[17].function == 17)
        #expect(events[18].result == "26 password-failure")
        #expect(events[19].function == 20 && events[19].operation == .control)
        #expect(events[20].result == "ok")
        #expect(events[22].target == [3, 2, 85, -1])
    }

    @Test func tsharkDecodesTheSessionCleanly() throws {
        guard TSharkCheck.isAvailable else {
            print("skipped: /usr/bin/tshark is missing")
            return
        }
        var capture = TestCapture()
        for message in Self.session {
            capture.addUDP(
                source: message.fromClient ? [10, 0, 0, 20] : [10, 0, 0, 30], sourcePort: Encoder.port,
                destination: message.broadcast
                    ? [255, 255, 255, 255] : (message.fromClient ? [10, 0, 0, 30] : [10, 0, 0, 20]),
                destinationPort: Encoder.port, payload: message.bytes)
        }
        let path = try TSharkCheck.write(capture, name: "bacnet")
        defer { TSharkCheck.remove(path) }
        #expect(try TSharkCheck.problems(path) == [])
        let rows = try TSharkCheck.fields(
            path,
            ["bacapp.type", "bacapp.confirmed_service", "bacapp.unconfirmed_service", "bacapp.string_character_set"])
        #expect(rows.count == Self.session.count)
        #expect(
            rows.map { $0[0] } == [
                "1", "1", "1", "0", "3", "0", "3", "0", "3", "0", "3", "0", "3", "0", "3", "0", "2", "0", "5", "0", "2",
                "0", "3",
            ])
        #expect(rows[4][3] == "0")  // UTF-8
    }
}
