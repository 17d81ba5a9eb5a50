import BACnet
import BinaryParsing
import EventModel
import PacketLayers
import Testing

/// Annotated PDUs through one datagram decoder (ASHRAE 135 Annex J, §6, §20, §21).
@Suite struct BACnetPDUTests {
    /// ReadProperty of the device object's object-name, and its ComplexACK with the name.
    static let readObjectName = bvlc(
        0x0A,
        [
            0x01, 0x04,  // NPDU: version 1, control: expecting reply
            0x00,  // APDU: Confirmed-Request, not segmented
            0x05,  // max segments unspecified, max APDU 1476
            0x01,  // invoke id 1
            0x0C,  // service choice 12 readProperty
            0x0C, 0x02, 0x00, 0x08, 0x02,  // [0] object identifier: device (8), instance 2050
            0x19, 0x4D,  // [1] property identifier 77 object-name
        ])
    static let objectNameACK = bvlc(
        0x0A,
        [
            0x01, 0x00,  // NPDU: version 1, normal priority
            0x30,  // APDU: Complex-ACK, not segmented
            0x01,  // invoke id 1
            0x0C,  // service ack choice 12 readProperty
            0x0C, 0x02, 0x00, 0x08, 0x02,  // [0] device 2050
            0x19, 0x4D,  // [1] object-name
            0x3E,  // [3] opening: property value
            0x75, 0x11, 0x00,  // application tag 7 character string, length 17, encoding 0 (UTF-8)
        ] + Array("AHU-1-Controller".utf8) + [
            0x3F  // [3] closing
        ])

    @Test func readPropertyPairsWithItsACK() {
        let events = decode([
            Datagram(bytes: Self.readObjectName),
            Datagram(bytes: Self.objectNameACK, fromClient: false),
        ])
        #expect(events.count == 2)
        #expect(events[0].function == 12 && events[0].name == "readProperty")
        #expect(events[0].direction == .request && events[0].operation == .read)
        #expect(events[0].target == [8, 2050, 77, -1])
        #expect(events[0].result == "")
        #expect(events[1].function == 12 && events[1].direction == .response && events[1].result == "ok")
        #expect(events[1].target == [8, 2050, 77, -1])
        #expect(events[1].identity == ["name": "AHU-1-Controller"])
        #expect(events.allSatisfy { $0.anomaly == "" })
    }

    @Test func iAmCarriesTheVendor() {
        let iAm = bvlc(
            0x0B,
            [  // Original-Broadcast-NPDU
                0x01, 0x20, 0xFF, 0xFF, 0x00, 0xFF,  // NPDU: DNET 65535 (global broadcast), DLEN 0, hop count 255
                0x10, 0x00,  // Unconfirmed-Request, service 0 i-Am
                0xC4, 0x02, 0x00, 0x08, 0x02,  // application object identifier: device 2050
                0x22, 0x05, 0xC4,  // application unsigned: max APDU 1476
                0x91, 0x00,  // application enumerated: segmented-both
                0x22, 0x00, 0xDE,  // application unsigned: vendor identifier 222
            ])
        let events = decode([Datagram(bytes: iAm, broadcast: true)])
        #expect(events.count == 1)
        #expect(events[0].function == 0 && events[0].name == "i-Am")
        #expect(events[0].direction == .broadcast && events[0].operation == .discovery)
        #expect(events[0].target == [8, 2050, -1, -1])
        #expect(
            events[0].identity == [
                "device_id": "2050", "vendor_id": "222", "vendor": "WAGO Kontakttechnik GmbH & Co. KG",
            ])
    }

    @Test func writeAndItsSimpleACK() {
        let write = bvlc(
            0x0A,
            [
                0x01, 0x04,  // NPDU
                0x00, 0x05, 0x07, 0x0F,  // Confirmed-Request, invoke id 7, writeProperty
                0x0C, 0x00, 0x80, 0x00, 0x01,  // [0] analog-value (2), instance 1
                0x19, 0x55,  // [1] present-value (85)
                0x3E, 0x44, 0x42, 0x0C, 0x00, 0x00, 0x3F,  // [3] value: real 35.0
                0x49, 0x08,  // [4] priority 8
            ])
        let ack = bvlc(
            0x0A,
            [
                0x01, 0x00,  // NPDU
                0x20, 0x07, 0x0F,  // Simple-ACK, invoke id 7, writeProperty
            ])
        let events = decode([Datagram(bytes: write), Datagram(bytes: ack, fromClient: false)])
        #expect(events.map(\.function) == [15, 15])
        #expect(events.map(\.operation) == [.write, .write])
        #expect(events[0].target == [2, 1, 85, -1])
        #expect(events[1].target == [2, 1, 85, -1])  // from the paired request
        #expect(events[1].result == "ok" && events[1].direction == .response)
    }

    @Test func deviceControlAndItsError() {
        let control = bvlc(
            0x0A,
            [
                0x01, 0x04,  // NPDU
                0x00, 0x05, 0x84, 0x11,  // Confirmed-Request, invoke id 132, deviceCommunicationControl
                0x19, 0x01,  // [1] enable-disable: disable
            ])
        let error = bvlc(
            0x0A,
            [
                0x01, 0x00,  // NPDU
                0x50, 0x84, 0x11,  // Error, invoke id 132, deviceCommunicationControl
                0x91, 0x05,  // error class: security (5)
                0x91, 0x1A,  // error code: password-failure (26)
            ])
        let reinitialize = bvlc(
            0x0A,
            [
                0x01, 0x04,  // NPDU
                0x00, 0x05, 0x85, 0x14,  // Confirmed-Request, invoke id 133, reinitializeDevice
                0x09, 0x01,  // [0] reinitialized state: warmstart
            ])
        let events = decode([
            Datagram(bytes: control), Datagram(bytes: error, fromClient: false), Datagram(bytes: reinitialize),
        ])
        #expect(events.map(\.function) == [17, 17, 20])
        #expect(events.map(\.operation) == [.control, .control, .control])
        #expect(events[1].result == "26 password-failure")
    }

    @Test func rejectAndAbortHaveNoService() {
        let reject = bvlc(0x0A, [0x01, 0x00, 0x60, 0x03, 0x09])  // Reject, invoke id 3, unrecognized-service
        let abort = bvlc(0x0A, [0x01, 0x00, 0x71, 0x04, 0x04])  // Abort (server), invoke id 4, segmentation-not-supported
        let segmentACK = bvlc(0x0A, [0x01, 0x00, 0x40, 0x05, 0x01, 0x04])  // SegmentACK, invoke 5, sequence 1, window 4
        let events = decode([
            Datagram(bytes: reject, fromClient: false), Datagram(bytes: abort, fromClient: false),
            Datagram(bytes: segmentACK),
        ])
        #expect(events.map(\.function) == [-1, -1, -1])
        #expect(events[0].result == "9 unrecognized-service")
        #expect(events[1].result == "4 segmentation-not-supported")
        #expect(events.allSatisfy { $0.anomaly == "" })
    }

    @Test func networkAndBVLCMessagesHaveNoService() {
        let whoIsRouter = bvlc(0x0B, [0x01, 0x80, 0x00])  // NPDU: network layer message Who-Is-Router-To-Network
        let register = [0x81, 0x05, 0x00, 0x06, 0x00, 0x3C] as [UInt8]  // Register-Foreign-Device, TTL 60 s
        let result = [0x81, 0x00, 0x00, 0x06, 0x00, 0x30] as [UInt8]  // BVLC-Result: Register-Foreign-Device NAK
        let events = decode([
            Datagram(bytes: whoIsRouter, broadcast: true), Datagram(bytes: register),
            Datagram(bytes: result, fromClient: false),
        ])
        #expect(events.map(\.function) == [-1, -1, -1])
        #expect(events.map(\.name) == ["Who-Is-Router-To-Network", "Register-Foreign-Device", "BVLC-Result"])
        #expect(events[0].direction == .broadcast && events[0].operation == .discovery)
        #expect(events[2].result == "48 Register-Foreign-Device NAK")
    }

    @Test func forwardedAndRoutedNPDU() {
        let forwarded = bvlc(
            0x04,
            [
                0x0A, 0x4D, 0x01, 0x0A, 0xBA, 0xC0,  // original source 10.77.1.10:47808
                0x01, 0x08,  // NPDU: source specifier present
                0x00, 0x05, 0x02, 0x01, 0x01,  // SNET 5, SLEN 2, SADR 02 01
                0x10, 0x08,  // Unconfirmed-Request who-Is
                0x09, 0x00, 0x19, 0x0A,  // [0] low limit 0, [1] high limit 10
            ])
        let routed = bvlc(
            0x0A,
            [
                0x01, 0x24,  // NPDU: destination present, expecting reply
                0x00, 0x07, 0x01, 0x11,  // DNET 7, DLEN 1, DADR 0x11
                0xFE,  // hop count 254
                0x00, 0x05, 0x09, 0x0E,  // Confirmed-Request, invoke id 9, readPropertyMultiple
                0x0C, 0x00, 0x00, 0x00, 0x03,  // [0] analog-input 3
                0x1E, 0x09, 0x55, 0x09, 0x6F, 0x1F,  // [1] { present-value, status-flags }
            ])
        let events = decode([Datagram(bytes: forwarded, broadcast: true), Datagram(bytes: routed)])
        #expect(events.map(\.function) == [8, 14])
        #expect(events[0].direction == .broadcast)
        #expect(events[1].target == [0, 3, 85, -1])
        #expect(events[1].operation == .read)
    }

    @Test func malformedParametersAreFlagged() {
        let truncatedTag = bvlc(0x0A, [0x01, 0x04, 0x00, 0x05, 0x01, 0x0C, 0x0C, 0x02, 0x00])  // objid cut short
        var deep: [UInt8] = [0x01, 0x04, 0x00, 0x05, 0x02, 0x0F, 0x0C, 0x00, 0x80, 0x00, 0x01, 0x19, 0x55]
        deep += Array(repeating: 0x3E, count: 40)  // [3] opened 40 times
        let badVersion = bvlc(0x0A, [0x02, 0x00, 0x10, 0x08])
        let shortBVLC: [UInt8] = [0x81, 0x0A, 0x00, 0x02]
        let longBVLC: [UInt8] = [0x81, 0x0A, 0x00, 0x40, 0x01, 0x00, 0x10, 0x08]
        let events = decode([
            Datagram(bytes: truncatedTag), Datagram(bytes: bvlc(0x0A, deep)),
            Datagram(bytes: badVersion, broadcast: true),
            Datagram(bytes: shortBVLC), Datagram(bytes: longBVLC),
        ])
        #expect(
            events.map(\.anomaly) == [
                "bacnet.malformed_tag", "bacnet.nesting_too_deep", "bacnet.invalid_npdu", "bacnet.invalid_bvlc",
                "bacnet.invalid_bvlc",
            ])
        #expect(events.map(\.function) == [12, 15, 8, -1, 8])
    }

    @Test func pendingRequestsAreCapped() {
        var datagrams: [Datagram] = []
        for invokeID in 0...255 {
            datagrams.append(
                Datagram(
                    bytes: bvlc(
                        0x0A, [0x01, 0x04, 0x00, 0x05, UInt8(invokeID), 0x0C, 0x0C, 0x00, 0x00, 0x00, 0x01, 0x19, 0x55])
                ))
        }
        let events = decode(datagrams)
        #expect(events.filter { $0.anomaly == "bacnet.request_flood" }.count == 1)
        #expect(events.last?.anomaly == "bacnet.request_flood")
    }

    @Test func readPropertyMultipleACKCarriesDeviceIdentity() {
        let ack = bvlc(
            0x0A,
            [
                0x01, 0x00,  // NPDU
                0x30, 0x05, 0x0E,  // Complex-ACK, invoke id 5, readPropertyMultiple
                0x0C, 0x02, 0x00, 0x08, 0x02,  // [0] device 2050
                0x1E,  // [1] opening: list of results
                0x29, 0x4D,  // [2] object-name
                0x4E, 0x75, 0x06, 0x00, 0x41, 0x48, 0x55, 0x2D, 0x31, 0x4F,  // [4] { "AHU-1" (UTF-8) }
                0x29, 0x2C,  // [2] firmware-revision
                0x4E, 0x75, 0x11, 0x04,  // [4] { character string, length 17, UCS-2
                0x00, 0x30, 0x00, 0x33, 0x00, 0x2E, 0x00, 0x31, 0x00, 0x30, 0x00, 0x2E, 0x00, 0x30, 0x00, 0x38,  // "03.10.08"
                0x4F,  // }
                0x29, 0x4B,  // [2] object-identifier
                0x5E, 0x91, 0x02, 0x91, 0x20, 0x5F,  // [5] { error: property (2), unknown-property (32) }
                0x1F,  // [1] closing
            ])
        let events = decode([Datagram(bytes: ack, fromClient: false)])
        #expect(events.count == 1)
        #expect(events[0].function == 14 && events[0].result == "ok")
        #expect(events[0].target == [8, 2050, 77, -1])
        #expect(events[0].identity == ["name": "AHU-1", "firmware": "03.10.08"])
        #expect(events[0].anomaly == "")
    }

    @Test func ethernetFrameDecoder() {
        let frame: [UInt8] = [
            0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,  // destination: broadcast
            0x00, 0x60, 0x2D, 0x00, 0x15, 0xD5,  // source
            0x00, 0x0B,  // 802.3 length 11
            0x82, 0x82, 0x03,  // LLC: DSAP, SSAP 0x82 (BACnet), UI
            0x01, 0x20, 0xFF, 0xFF, 0x00, 0xFF,  // NPDU: global broadcast, hop count 255
            0x10, 0x08,  // Unconfirmed-Request who-Is
        ]
        let batch = EventBatch()
        ByteView.with(frame) { bytes in
            var packet = DecodedPacket()
            LayerDecoder.decode(bytes, linkType: 1, into: &packet)
            var context = PacketContext()
            context.frame = 1
            BACnetEthernetDecoder().receive(packet.linkPayload, packet: packet, context: context, events: batch)
        }
        let events = batch.events.map { DecodedEvent($0, in: batch) }
        #expect(events.map(\.function) == [8])
        #expect(events.first?.direction == .broadcast)
        #expect(batch.events.first?.isLayer2 == true)
    }

    @Test func probeAcceptsOnlyBVLC() {
        func probe(_ bytes: [UInt8]) -> Bool {
            ByteView.with(bytes) {
                if case .match = BACnetProtocol.probe($0, false) { return true }
                return false
            }
        }
        #expect(probe(Self.readObjectName))
        #expect(!probe([0x81, 0x0A, 0x00, 0x20] + Self.readObjectName.dropFirst(4)))  // length disagrees
        #expect(!probe([0x81, 0x0D, 0x00, 0x04]))  // function above 0x0C
        #expect(!probe([0x82, 0x0A, 0x00, 0x04]))  // BACnet/IPv6
        #expect(!probe([0x81]))
    }
}
