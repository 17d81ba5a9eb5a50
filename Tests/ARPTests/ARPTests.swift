import ARP
import BinaryParsing
import CorpusTestSupport
import EventModel
import Foundation
import Monitor
import PacketLayers
import Testing

let plc: [UInt8] = [0x00, 0x1b, 0x1b, 0x34, 0x34, 0xce]  // Siemens OUI
let engineering: [UInt8] = [0x00, 0x0c, 0x29, 0x19, 0x9e, 0x8e]  // VMware OUI
let intruder: [UInt8] = [0xb8, 0x27, 0xeb, 0x77, 0x09, 0x66]  // Raspberry Pi OUI
let zeroMAC: [UInt8] = [0, 0, 0, 0, 0, 0]

@Suite struct ARPPacketTests {
    @Test func requestAsksForTheTargetAndBindsTheSender() {
        let events = decodeARP([
            arpFrame(
                opcode: 1, senderMAC: engineering, senderIP: [10, 0, 0, 1], targetMAC: zeroMAC,
                targetIP: [10, 0, 0, 5])
        ])
        #expect(events.count == 1)
        let event = events[0]
        #expect(event.protocolName == "arp")
        #expect(event.function == 1)
        #expect(event.functionName == "Request")
        #expect(event.direction == "request")
        #expect(event.operation == "discovery")
        #expect(event.resultStatus == .absent)
        #expect(event.targetText == "who-has 10.0.0.5 tell 10.0.0.1")
        #expect(event.related == ["00:0c:29:19:9e:8e ip=10.0.0.1"])
        #expect(event.identity.isEmpty)
        #expect(event.anomaly == nil)
        #expect(event.source == "00:0c:29:19:9e:8e")
        #expect(event.destination == "ff:ff:ff:ff:ff:ff")
        #expect(
            event.jsonLine.contains(
                #""related_identity":[{"subject":"00:0c:29:19:9e:8e","key":"ip","value":"10.0.0.1"}]"#))
    }

    @Test func replyClaimsTheSenderAddress() {
        let events = decodeARP([
            arpFrame(
                ethernetDestination: engineering, opcode: 2, senderMAC: plc, senderIP: [10, 0, 0, 5],
                targetMAC: engineering, targetIP: [10, 0, 0, 1])
        ])
        let event = events[0]
        #expect(event.function == 2)
        #expect(event.functionName == "Reply")
        #expect(event.direction == "response")
        #expect(event.resultStatus == .ok)
        #expect(event.targetText == "10.0.0.5 is-at 00:1b:1b:34:34:ce")
        #expect(event.related == ["00:1b:1b:34:34:ce ip=10.0.0.5"])
        #expect(event.anomaly == nil)
    }

    @Test func probeAnnouncementAndGratuitousReplyAreTold() {
        let events = decodeARP([
            // RFC 5227 §2.1.1 probe: sender IP 0.0.0.0, target MAC zero.
            arpFrame(opcode: 1, senderMAC: plc, senderIP: [0, 0, 0, 0], targetMAC: zeroMAC, targetIP: [10, 0, 0, 5]),
            // RFC 5227 §2.3 announcement: sender IP = target IP, target MAC zero.
            arpFrame(opcode: 1, senderMAC: plc, senderIP: [10, 0, 0, 5], targetMAC: zeroMAC, targetIP: [10, 0, 0, 5]),
            // Gratuitous request with a broadcast target MAC (not an announcement in tshark's terms).
            arpFrame(
                opcode: 1, senderMAC: plc, senderIP: [10, 0, 0, 5], targetMAC: [0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
                targetIP: [10, 0, 0, 5]),
            // Gratuitous reply (failover announcements).
            arpFrame(opcode: 2, senderMAC: plc, senderIP: [10, 0, 0, 5], targetMAC: plc, targetIP: [10, 0, 0, 5]),
        ])
        #expect(
            events.map(\.targetText) == [
                "probe who-has 10.0.0.5",
                "announcement 10.0.0.5 is-at 00:1b:1b:34:34:ce",
                "gratuitous 10.0.0.5 is-at 00:1b:1b:34:34:ce",
                "gratuitous 10.0.0.5 is-at 00:1b:1b:34:34:ce",
            ])
        #expect(events.map(\.direction) == ["request", "broadcast", "broadcast", "broadcast"])
        #expect(events.map(\.functionName) == ["Request", "Request", "Request", "Reply"])
        // A probe claims nothing: no 0.0.0.0 binding.
        #expect(events[0].related.isEmpty)
        #expect(events[1].related == ["00:1b:1b:34:34:ce ip=10.0.0.5"])
        #expect(events.allSatisfy { $0.anomaly == nil })
    }

    @Test func reverseARPOverItsOwnEtherTypeReachesTheDecoder() {
        let server: [UInt8] = [0x08, 0x00, 0x06, 0x93, 0xcf, 0x32]
        let frames = [
            // RFC 903: a diskless station asks for its own IP (target hardware = its own MAC).
            arpFrame(
                etherType: 0x8035, opcode: 3, senderMAC: plc, senderIP: [0, 0, 0, 0], targetMAC: plc,
                targetIP: [0, 0, 0, 0]),
            arpFrame(
                ethernetDestination: plc, etherType: 0x8035, opcode: 4, senderMAC: server, senderIP: [10, 0, 0, 2],
                targetMAC: plc, targetIP: [10, 0, 0, 9]),
        ]
        let events = processFrames(frames).filter { $0.protocolName == "arp" }
        #expect(events.map(\.function) == [3, 4])
        #expect(events.map(\.functionName) == ["Reverse Request", "Reverse Reply"])
        #expect(
            events.map(\.targetText) == [
                "who-is 00:1b:1b:34:34:ce tell 00:1b:1b:34:34:ce", "00:1b:1b:34:34:ce is-at 10.0.0.9",
            ])
        #expect(events[0].related.isEmpty)
        // The reply binds the server and the address it hands out.
        #expect(
            events[1].related == [
                "08:00:06:93:cf:32 ip=10.0.0.2",
                "00:1b:1b:34:34:ce ip=10.0.0.9",
            ])
    }

    @Test func ordinaryARPThroughThePacketProcessorIsOneLayer2Event() {
        let events = processFrames([
            arpFrame(
                opcode: 1, senderMAC: engineering, senderIP: [10, 0, 0, 1], targetMAC: zeroMAC, targetIP: [10, 0, 0, 5])
        ])
        #expect(events.count == 1)
        #expect(events.first?.source == "00:0c:29:19:9e:8e")
        #expect(events.first?.sourcePort == nil)
        #expect(events.first?.jsonLine.contains(#""src":"00:0c:29:19:9e:8e","dst":"ff:ff:ff:ff:ff:ff""#) == true)
    }

    @Test func senderMismatchIsASpoofingSign() {
        let events = decodeARP([
            arpFrame(
                ethernetSource: intruder, ethernetDestination: engineering, opcode: 2, senderMAC: plc,
                senderIP: [10, 0, 0, 5], targetMAC: engineering, targetIP: [10, 0, 0, 1])
        ])
        #expect(events[0].anomaly == "arp.sender_mismatch")
        // The claim is still reported as made: it is what the receiver will cache.
        #expect(events[0].relatedIdentity.first?.subject == "00:1b:1b:34:34:ce")
    }

    @Test func malformedPacketsAreFlagged() {
        let ethernet: [UInt8] = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff] + plc + [0x08, 0x06]
        func body(_ bytes: [UInt8]) -> [UInt8] { ethernet + bytes }
        // Seven bytes: no operation field.
        let short = decodeARP([body([0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00])])
        #expect(short.first?.anomaly == "arp.truncated")
        #expect(short.first?.function == nil)
        // Ethernet hardware with a 4-byte hardware length.
        let badHardware = decodeARP([
            body([0x00, 0x01, 0x08, 0x00, 0x04, 0x04, 0x00, 0x01] + [UInt8](repeating: 1, count: 16))
        ])
        #expect(badHardware.first?.anomaly == "arp.bad_hardware_size")
        #expect(badHardware.first?.function == 1)
        // IPv4 with a 16-byte protocol length.
        let badProtocol = decodeARP([
            body([0x00, 0x01, 0x08, 0x00, 0x06, 0x10, 0x00, 0x02] + [UInt8](repeating: 1, count: 44))
        ])
        #expect(badProtocol.first?.anomaly == "arp.bad_protocol_size")
        // Header fine, addresses cut after the sender MAC (no padding: not an Ethernet minimum frame).
        let cut = decodeARP([body([0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x01] + plc)])
        #expect(cut.first?.anomaly == "arp.truncated")
        // Opcode 0 is reserved.
        let reserved = decodeARP([
            arpFrame(opcode: 0, senderMAC: plc, senderIP: [10, 0, 0, 5], targetMAC: zeroMAC, targetIP: [10, 0, 0, 6])
        ])
        #expect(reserved.first?.anomaly == "arp.unknown_opcode")
        #expect(reserved.first?.functionName == "Unknown")
        // A group MAC claiming an address.
        let group = decodeARP([
            arpFrame(
                ethernetSource: plc, opcode: 2, senderMAC: [0x01, 0x00, 0x5e, 0x00, 0x00, 0x01],
                senderIP: [10, 0, 0, 5],
                targetMAC: engineering, targetIP: [10, 0, 0, 1])
        ])
        #expect(group.first?.anomaly == "arp.sender_mismatch")
        #expect(group.first?.related.isEmpty == true)
    }

    @Test func randomBodiesNeverTrap() {
        var generator = SeededGenerator(state: 0xA4B)
        let batch = EventBatch()
        let decoder = ARPFrameDecoder(bindingCapacity: 16)
        var frames: [[UInt8]] = []
        for _ in 0..<3000 {
            let length = Int.random(in: 0..<80, using: &generator)
            var body = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if length > 6 && Bool.random(using: &generator) { body.replaceSubrange(0..<6, with: [0, 1, 8, 0, 6, 4]) }
            frames.append([0xff, 0xff, 0xff, 0xff, 0xff, 0xff] + plc + [0x08, 0x06] + body)
        }
        let events = decodeARP(frames, decoder: decoder, batch: batch)
        #expect(events.count == 3000)
    }
}

@Suite struct ARPConflictTests {
    func reply(from mac: [UInt8], claiming ip: [UInt8]) -> [UInt8] {
        arpFrame(
            ethernetDestination: engineering, opcode: 2, senderMAC: mac, senderIP: ip, targetMAC: engineering,
            targetIP: [10, 0, 0, 1])
    }

    @Test func secondMACClaimingAnAddressWithinTheWindowIsAConflict() {
        let events = decodeARP(
            [
                reply(from: plc, claiming: [10, 0, 0, 5]),
                reply(from: plc, claiming: [10, 0, 0, 5]),  // the same claim again
                reply(from: intruder, claiming: [10, 0, 0, 5]),  // poisoning
                reply(from: plc, claiming: [10, 0, 0, 5]),  // the owner answers again: flips back
            ], times: [0, 10, 20, 30])
        #expect(events.map(\.anomaly) == [nil, nil, "arp.address_conflict", "arp.address_conflict"])
        #expect(events[2].targetText == "10.0.0.5 is-at b8:27:eb:77:09:66 (was 00:1b:1b:34:34:ce)")
        #expect(events[3].targetText == "10.0.0.5 is-at 00:1b:1b:34:34:ce (was b8:27:eb:77:09:66)")
        #expect(events[2].related == ["b8:27:eb:77:09:66 ip=10.0.0.5"])
    }

    @Test func requestsAndGratuitousARPsClaimToo() {
        let events = decodeARP([
            arpFrame(opcode: 1, senderMAC: plc, senderIP: [10, 0, 0, 5], targetMAC: zeroMAC, targetIP: [10, 0, 0, 5]),
            arpFrame(
                opcode: 1, senderMAC: intruder, senderIP: [10, 0, 0, 5], targetMAC: zeroMAC, targetIP: [10, 0, 0, 1]),
        ])
        #expect(events[1].anomaly == "arp.address_conflict")
        #expect(events[1].targetText == "who-has 10.0.0.1 tell 10.0.0.5 (was 00:1b:1b:34:34:ce)")
    }

    @Test func anOldClaimIsReplacedWithoutAConflict() {
        let window = ARPFrameDecoder.conflictWindow / 1_000_000_000
        let events = decodeARP(
            [
                reply(from: plc, claiming: [10, 0, 0, 5]),
                reply(from: intruder, claiming: [10, 0, 0, 5]),  // one second past the window
                reply(from: plc, claiming: [10, 0, 0, 6]),  // another address: no conflict
            ], times: [0, window + 1, window + 2])
        #expect(events.map(\.anomaly) == [nil, nil, nil])
    }

    @Test func probesDoNotClaimAndDoNotConflict() {
        let events = decodeARP([
            reply(from: plc, claiming: [10, 0, 0, 5]),
            arpFrame(
                opcode: 1, senderMAC: intruder, senderIP: [0, 0, 0, 0], targetMAC: zeroMAC, targetIP: [10, 0, 0, 5]),
        ])
        #expect(events[1].anomaly == nil)
        #expect(events[1].targetText == "probe who-has 10.0.0.5")
    }

    @Test func theTableStartsOverAtItsCapAndCountsIt() {
        let batch = EventBatch()
        let decoder = ARPFrameDecoder(bindingCapacity: 4)
        var frames: [[UInt8]] = []
        for host in 1...9 { frames.append(reply(from: plc, claiming: [10, 0, 1, UInt8(host)])) }
        // 10.0.1.9 was recorded after the last reset: a different MAC for it is still a conflict;
        // 10.0.1.1 was forgotten.
        frames.append(reply(from: intruder, claiming: [10, 0, 1, 9]))
        frames.append(reply(from: intruder, claiming: [10, 0, 1, 1]))
        let events = decodeARP(frames, decoder: decoder, batch: batch)
        #expect(batch.anomalies.counts[ARPFrameDecoder.anomalyBindingTableFull] == 2)
        #expect(events[9].anomaly == "arp.address_conflict")
        #expect(events[10].anomaly == nil)
    }

    @Test func countingRunsStillDetectConflicts() {
        let batch = EventBatch(collecting: false)
        _ = decodeARP(
            [reply(from: plc, claiming: [10, 0, 0, 5]), reply(from: intruder, claiming: [10, 0, 0, 5])], batch: batch)
        #expect(batch.anomalies.counts[ARPFrameDecoder.anomalyAddressConflict] == 1)
        #expect(batch.emitted == 2)
    }
}

/// Every ARP packet of the corpus captures listed in `Fixtures/arp.tshark.tsv`, through the whole
/// pipeline, against tshark: the same frames, opcodes, sender bindings and classification.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: corpusRoot.appendingPathComponent("MANIFEST.tsv").path)))
struct ARPCorpusTests {
    @Test func referenceCoversTheCorpusCaptures() {
        #expect(ARPReference.captures.count == 20)
        #expect(ARPReference.rows.values.map(\.count).reduce(0, +) == 921)
    }

    @Test(arguments: ARPReference.captures)
    func eventsMatchTshark(_ capture: String) throws {
        let rows = try #require(ARPReference.rows[capture])
        let path = corpusRoot.appendingPathComponent(capture).path
        let events = CaptureAnalyzer(workers: 1).collectEvents([path]).events.filter { $0.protocolName == "arp" }
        #expect(events.map(\.frame) == rows.map(\.frame))
        for (event, row) in zip(events, rows) {
            #expect(event.function == row.opcode, "frame \(row.frame)")
            #expect(event.source == row.senderMAC, "frame \(row.frame): Ethernet source = sender MAC in the corpus")
            let expectedFacts =
                row.senderIP == "0.0.0.0" ? [] : ["\(row.senderMAC) ip=\(row.senderIP)"]
            #expect(event.related == expectedFacts, "frame \(row.frame)")
            let text = event.targetText
            #expect(text.hasPrefix("probe ") == row.isProbe, "frame \(row.frame): \(text)")
            #expect(text.hasPrefix("announcement ") == row.isAnnouncement, "frame \(row.frame): \(text)")
            #expect(
                (text.hasPrefix("gratuitous ") || text.hasPrefix("announcement ")) == row.isGratuitous,
                "frame \(row.frame): \(text)")
            if !row.isGratuitous && !row.isProbe {
                let expected =
                    row.opcode == 1
                    ? "who-has \(row.targetIP) tell \(row.senderIP)" : "\(row.senderIP) is-at \(row.senderMAC)"
                #expect(text == expected, "frame \(row.frame)")
            }
            #expect(event.anomaly == nil, "frame \(row.frame)")
        }
    }
}
