import BinaryParsing
import PacketLayers
import Testing

@Suite("IPv4 fragment reassembly")
struct FragmentReassemblerTests {
    static let second: Int64 = 1_000_000_000
    /// A realistic epoch time (ns): the reassembler must work with real capture timestamps.
    static let start: Int64 = 1_700_000_000 * second

    /// A UDP datagram (8-byte header + 40 bytes of data) from 10.0.0.1:2000 to 10.0.0.2:20000.
    static let data: [UInt8] = (0..<40).map { UInt8($0 + 1) }
    static let datagram = udp(src: 2000, dst: 20_000, data)

    /// An Ethernet frame holding the IPv4 fragment of `datagram` at `offset` (a multiple of 8).
    static func fragment(offset: Int, length: Int, more: Bool, id: UInt16 = 0x0F0F, bytes: [UInt8]? = nil) -> [UInt8] {
        let source = bytes ?? datagram
        let slice = Array(source[offset..<min(offset + length, source.count)])
        let flags: UInt16 = (more ? 0x2000 : 0) | UInt16(offset / 8)
        return ethernet(
            type: 0x0800, ipv4(src: "10.0.0.1", dst: "10.0.0.2", proto: 17, id: id, flagsAndOffset: flags, slice))
    }

    /// Feeds one frame to the reassembler; returns the reassembled transport payload if it completed one.
    @discardableResult
    static func feed(
        _ reassembler: FragmentReassembler, _ frame: [UInt8], time: Int64, anomalies: inout [String]
    ) -> [UInt8]? {
        var completed: [UInt8]?
        var seen: [String] = []
        decode(frame) { packet in
            #expect(packet.isFragment)
            #expect(packet.transport == .none)
            reassembler.add(packet, time: time, anomaly: { seen.append($0.name) }) { whole in
                #expect(completed == nil, "completed twice")
                completed = whole.array
                // The whole datagram decodes as UDP.
                var inner = packet
                LayerDecoder.decodeTransport(17, whole, into: &inner, depth: 0)
                #expect(inner.transport == .udp)
                #expect(inner.sourcePort == 2000)
                #expect(inner.destinationPort == 20_000)
                #expect(inner.payload.array == Self.data)
            }
        }
        anomalies += seen
        return completed
    }

    @Test(
        "three fragments in order and out of order give the whole datagram once",
        arguments: [
            [0, 1, 2], [2, 1, 0], [1, 2, 0], [2, 0, 1],
        ])
    func threeFragments(order: [Int]) {
        let frames = [
            Self.fragment(offset: 0, length: 16, more: true),
            Self.fragment(offset: 16, length: 16, more: true),
            Self.fragment(offset: 32, length: 16, more: false),
        ]
        decode(frames[1]) { packet in
            #expect(packet.fragmentOffset == 16)
            #expect(packet.moreFragments)
            #expect(packet.ipIdentification == 0x0F0F)
            #expect(packet.networkPayload.count == 16)
        }
        let reassembler = FragmentReassembler()
        var anomalies: [String] = []
        var results: [[UInt8]] = []
        for (step, index) in order.enumerated() {
            if let whole = Self.feed(
                reassembler, frames[index], time: Self.start + Int64(step) * 1000, anomalies: &anomalies)
            {
                results.append(whole)
                #expect(step == order.count - 1, "completed before the last fragment")
            }
        }
        #expect(results == [Self.datagram])
        #expect(reassembler.reassembled == 1)
        #expect(reassembler.inProgress == 0)
        #expect(reassembler.overlaps == 0)
        #expect(anomalies.isEmpty)
        // A late duplicate of a fragment starts a new datagram; it never completes a second copy.
        #expect(Self.feed(reassembler, frames[0], time: Self.start + 10_000, anomalies: &anomalies) == nil)
        #expect(reassembler.reassembled == 1)
    }

    @Test("two datagrams interleaved are kept apart by their identification")
    func interleaved() {
        let other: [UInt8] = udp(src: 2000, dst: 20_000, Self.data.map { $0 ^ 0xFF })
        let reassembler = FragmentReassembler()
        var anomalies: [String] = []
        var results: [[UInt8]] = []
        var collected: [[UInt8]] = []
        let frames = [
            Self.fragment(offset: 0, length: 24, more: true, id: 1),
            Self.fragment(offset: 0, length: 24, more: true, id: 2, bytes: other),
            Self.fragment(offset: 24, length: 24, more: false, id: 2, bytes: other),
            Self.fragment(offset: 24, length: 24, more: false, id: 1),
        ]
        for (step, frame) in frames.enumerated() {
            var completed: [UInt8]?
            decode(frame) { packet in
                reassembler.add(packet, time: Self.start + Int64(step), anomaly: { anomalies.append($0.name) }) {
                    completed = $0.array
                }
            }
            if let completed { collected.append(completed) }
        }
        results = collected
        #expect(results == [other, Self.datagram])
        #expect(anomalies.isEmpty)
    }

    @Test("an overlapping fragment is counted; the first copy of each byte wins")
    func overlap() {
        let reassembler = FragmentReassembler()
        var anomalies: [String] = []
        Self.feed(
            reassembler, Self.fragment(offset: 0, length: 24, more: true), time: Self.start, anomalies: &anomalies)
        // Bytes 16..<32 again, with different contents for 16..<24 (a rewrite attempt).
        var altered = Self.datagram
        for index in 16..<24 { altered[index] = 0xEE }
        Self.feed(
            reassembler, Self.fragment(offset: 16, length: 16, more: true, bytes: altered), time: Self.start + 1,
            anomalies: &anomalies)
        #expect(reassembler.overlaps == 1)
        #expect(anomalies == ["ip.fragment_overlap"])
        // The datagram still completes with the original bytes.
        let whole = Self.feed(
            reassembler, Self.fragment(offset: 32, length: 16, more: false), time: Self.start + 2, anomalies: &anomalies
        )
        #expect(whole == Self.datagram)
        #expect(reassembler.overlaps == 1)
        #expect(reassembler.reassembled == 1)
    }

    @Test("a missing fragment times out after 30 s and is counted")
    func timeout() {
        let reassembler = FragmentReassembler()
        var anomalies: [String] = []
        Self.feed(
            reassembler, Self.fragment(offset: 0, length: 16, more: true), time: Self.start, anomalies: &anomalies)
        Self.feed(
            reassembler, Self.fragment(offset: 32, length: 16, more: false), time: Self.start + Self.second,
            anomalies: &anomalies)
        #expect(reassembler.inProgress == 1)
        // 20 s later: still waiting.
        Self.feed(
            reassembler, Self.fragment(offset: 0, length: 16, more: true, id: 7), time: Self.start + 20 * Self.second,
            anomalies: &anomalies)
        #expect(reassembler.timedOut == 0)
        #expect(reassembler.inProgress == 2)
        // 31 s after the first fragment: the first datagram is dropped, the second (11 s old) kept.
        Self.feed(
            reassembler, Self.fragment(offset: 16, length: 16, more: true, id: 9), time: Self.start + 31 * Self.second,
            anomalies: &anomalies)
        #expect(reassembler.timedOut == 1)
        #expect(reassembler.inProgress == 2)
        // The missing middle fragment now arrives too late: no datagram.
        let late = Self.feed(
            reassembler, Self.fragment(offset: 16, length: 16, more: true), time: Self.start + 32 * Self.second,
            anomalies: &anomalies)
        #expect(late == nil)
        #expect(reassembler.reassembled == 0)
    }

    @Test("a fragment reaching past 65535 + 8 bytes is counted as oversized")
    func oversized() {
        let reassembler = FragmentReassembler()
        var anomalies: [String] = []
        Self.feed(
            reassembler, Self.fragment(offset: 0, length: 16, more: true, id: 3), time: Self.start,
            anomalies: &anomalies)
        // Offset 8191 * 8 = 65528, 16 bytes: ends at 65544 > 65543.
        let payload = [UInt8](repeating: 0x42, count: 16)
        let frame = ethernet(
            type: 0x0800,
            ipv4(src: "10.0.0.1", dst: "10.0.0.2", proto: 17, id: 3, flagsAndOffset: 0x1FFF, payload))
        Self.feed(reassembler, frame, time: Self.start + 1, anomalies: &anomalies)
        #expect(reassembler.oversized == 1)
        #expect(anomalies == ["ip.fragment_oversized"])
        #expect(reassembler.inProgress == 0)  // the datagram it belonged to is dropped
        // Ending exactly at 65543 is accepted.
        let fits = ethernet(
            type: 0x0800,
            ipv4(src: "10.0.0.1", dst: "10.0.0.2", proto: 17, id: 4, flagsAndOffset: 0x1FFF, Array(payload.prefix(15))))
        Self.feed(reassembler, fits, time: Self.start + 2, anomalies: &anomalies)
        #expect(reassembler.oversized == 1)
        #expect(reassembler.inProgress == 1)
    }
    @Test("the datagram and byte caps are counted")
    func caps() {
        let reassembler = FragmentReassembler()
        reassembler.maximumDatagrams = 2
        var anomalies: [String] = []
        for id: UInt16 in 1...3 {
            Self.feed(
                reassembler, Self.fragment(offset: 0, length: 16, more: true, id: id), time: Self.start,
                anomalies: &anomalies)
        }
        #expect(reassembler.inProgress == 2)
        #expect(reassembler.capHits == 1)
        #expect(anomalies == ["ip.fragment_cap_hit"])
        // Datagrams already in progress still complete.
        Self.feed(
            reassembler, Self.fragment(offset: 16, length: 16, more: true, id: 1), time: Self.start,
            anomalies: &anomalies)
        let whole = Self.feed(
            reassembler, Self.fragment(offset: 32, length: 16, more: false, id: 1), time: Self.start,
            anomalies: &anomalies)
        #expect(whole == Self.datagram)

        let small = FragmentReassembler()
        small.maximumBufferedBytes = 40
        var smallAnomalies: [String] = []
        Self.feed(
            small, Self.fragment(offset: 0, length: 24, more: true, id: 1), time: Self.start, anomalies: &smallAnomalies
        )
        Self.feed(
            small, Self.fragment(offset: 24, length: 24, more: false, id: 2), time: Self.start,
            anomalies: &smallAnomalies)
        #expect(small.capHits == 1)
        #expect(smallAnomalies == ["ip.fragment_cap_hit"])
        #expect(small.inProgress == 1)
    }
}
