import BinaryParsing
import FlowTracking
import PacketLayers
import Testing

/// A sink that records everything the reassembler hands it, in order.
struct RecordingSink: TCPStreamSink {
    enum Item: Equatable {
        case data([UInt8])
        case gap(Int)
    }

    var items: [Item] = []

    mutating func streamData(_ bytes: ByteView, fromA: Bool) {
        // Merge adjacent data so tests compare streams, not segmentation.
        if case .data(let previous)? = items.last {
            items[items.count - 1] = .data(previous + bytes.array)
        } else {
            items.append(.data(bytes.array))
        }
    }

    mutating func streamGap(_ length: Int, fromA: Bool) {
        items.append(.gap(length))
    }

    /// All delivered bytes, gaps left out.
    var bytes: [UInt8] {
        items.flatMap { item -> [UInt8] in
            if case .data(let data) = item { return data }
            return []
        }
    }

    var gaps: [Int] {
        items.compactMap { item in
            if case .gap(let length) = item { return length }
            return nil
        }
    }
}

/// One direction under test: the reassembler, its budget and a recording sink.
struct Harness {
    var reassembler = TCPDirectionReassembler()
    var budget = ReassemblyBudget()
    var sink = RecordingSink()

    init(perDirectionLimit: Int? = nil) {
        if let perDirectionLimit { budget.perDirectionLimit = perDirectionLimit }
    }

    mutating func syn(_ isn: UInt32) {
        receive(isn, flags: TCPFlags.syn, [])
    }

    mutating func receive(_ sequence: UInt32, flags: UInt8 = TCPFlags.ack | TCPFlags.psh, _ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            reassembler.receive(
                sequence: sequence, flags: flags, payload: ByteView(raw), fromA: true, budget: &budget, sink: &sink)
        }
    }

    mutating func finish() {
        reassembler.finish(budget: &budget, fromA: true, sink: &sink)
    }
}

/// `count` distinct, position-dependent bytes.
func message(_ count: Int, seed: UInt8 = 0) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ Int(seed) &+ 1) }
}

@Suite("TCP direction reassembly")
struct TCPReassemblerTests {
    let isn: UInt32 = 1_000

    @Test func inOrderSegmentsAreDeliveredAsTheyCome() {
        var h = Harness()
        h.syn(isn)
        let m = message(30)
        h.receive(isn + 1, Array(m[0..<10]))
        #expect(h.sink.bytes == Array(m[0..<10]))
        h.receive(isn + 11, Array(m[10..<20]))
        h.receive(isn + 21, Array(m[20..<30]))
        #expect(h.sink.items == [.data(m)])
        #expect(h.reassembler.nextSequence == isn + 31)
        #expect(!h.reassembler.startedMidStream)
        #expect(h.budget.outOfOrderSegments == 0)
        #expect(h.budget.retransmissions == 0)
        #expect(h.budget.midStreamStarts == 0)
        #expect(h.budget.bufferedBytes == 0)
    }

    @Test func reorderedSegmentsAreDeliveredInOrderOnce() {
        var h = Harness()
        h.syn(isn)
        let m = message(30)
        h.receive(isn + 11, Array(m[10..<20]))  // segment 2 first: held
        #expect(h.sink.items.isEmpty)
        #expect(h.budget.bufferedBytes == 10)
        h.receive(isn + 1, Array(m[0..<10]))  // segment 1 fills the hole: 1 and 2 delivered
        #expect(h.sink.bytes == Array(m[0..<20]))
        h.receive(isn + 21, Array(m[20..<30]))
        #expect(h.sink.items == [.data(m)])
        #expect(h.budget.outOfOrderSegments == 1)
        #expect(h.budget.retransmissions == 0)
        #expect(h.budget.gaps == 0)
        #expect(h.budget.bufferedBytes == 0)
    }

    @Test func retransmissionIsDeliveredOnceAndCounted() {
        var h = Harness()
        h.syn(isn)
        let m = message(20)
        h.receive(isn + 1, Array(m[0..<10]))
        h.receive(isn + 1, Array(m[0..<10]))  // exact duplicate
        h.receive(isn + 11, Array(m[10..<20]))
        h.receive(isn + 11, Array(m[10..<20]))  // duplicate again
        #expect(h.sink.items == [.data(m)])
        #expect(h.budget.retransmissions == 2)
        #expect(h.budget.overlaps == 0)
    }

    @Test func retransmissionOfAHeldSegmentIsDroppedAndCounted() {
        var h = Harness()
        h.syn(isn)
        let m = message(20)
        h.receive(isn + 11, Array(m[10..<20]))
        h.receive(isn + 11, Array(m[10..<20]))  // same out-of-order segment again
        #expect(h.budget.bufferedBytes == 10)
        h.receive(isn + 1, Array(m[0..<10]))
        #expect(h.sink.items == [.data(m)])
        #expect(h.budget.retransmissions == 1)
    }

    @Test func partialOverlapIsTrimmedAndFirstCopyWins() {
        var h = Harness()
        h.syn(isn)
        let m = message(30)
        h.receive(isn + 1, Array(m[0..<10]))
        // Bytes 5..<15, with the already-delivered part rewritten: only 10..<15 is new.
        var overlapping = Array(m[5..<15])
        for i in 0..<5 { overlapping[i] ^= 0xFF }
        h.receive(isn + 6, overlapping)
        #expect(h.sink.bytes == Array(m[0..<15]))
        #expect(h.budget.overlaps == 1)
        h.receive(isn + 16, Array(m[15..<30]))
        #expect(h.sink.items == [.data(m)])
        #expect(h.budget.retransmissions == 0)
    }

    @Test func overlapBetweenHeldSegmentsIsTrimmed() {
        var h = Harness()
        h.syn(isn)
        let m = message(30)
        h.receive(isn + 11, Array(m[10..<20]))
        h.receive(isn + 16, Array(m[15..<30]))  // overlaps the held one by 5 bytes
        h.receive(isn + 1, Array(m[0..<10]))
        #expect(h.sink.items == [.data(m)])
        #expect(h.budget.overlaps == 1)
        #expect(h.budget.bufferedBytes == 0)
    }

    @Test(arguments: [false, true])
    func fortyByteMessageSplitAtEveryOffset(secondFirst: Bool) {
        let m = message(40, seed: 3)
        for cut in 1..<40 {
            var h = Harness()
            h.syn(isn)
            let first = Array(m[0..<cut])
            let second = Array(m[cut...])
            if secondFirst {
                h.receive(isn + 1 + UInt32(cut), second)
                h.receive(isn + 1, first)
            } else {
                h.receive(isn + 1, first)
                h.receive(isn + 1 + UInt32(cut), second)
            }
            #expect(h.sink.items == [.data(m)], "cut at \(cut)")
            #expect(h.reassembler.nextSequence == isn + 41, "cut at \(cut)")
            #expect(h.budget.bufferedBytes == 0, "cut at \(cut)")
            #expect(h.budget.outOfOrderSegments == (secondFirst ? 1 : 0), "cut at \(cut)")
        }
    }

    @Test func streamWithoutSYNStartsMidStream() {
        var h = Harness()
        let m = message(20)
        h.receive(77_777, Array(m[0..<10]))
        #expect(h.reassembler.isInitialized)
        #expect(h.reassembler.startedMidStream)
        #expect(h.budget.midStreamStarts == 1)
        h.receive(77_787, Array(m[10..<20]))
        #expect(h.sink.items == [.data(m)])
        #expect(h.budget.midStreamStarts == 1)  // counted once per direction

        var withSYN = Harness()
        withSYN.syn(isn)
        withSYN.receive(isn + 1, m)
        #expect(!withSYN.reassembler.startedMidStream)
        #expect(withSYN.budget.midStreamStarts == 0)
    }

    @Test func holeNeverFilledBecomesAGapAtFinish() {
        var h = Harness()
        h.syn(isn)
        let m = message(30)
        h.receive(isn + 1, Array(m[0..<10]))
        h.receive(isn + 21, Array(m[20..<30]))  // bytes 10..<20 never arrive
        #expect(h.sink.items == [.data(Array(m[0..<10]))])
        h.finish()
        #expect(h.sink.items == [.data(Array(m[0..<10])), .gap(10), .data(Array(m[20..<30]))])
        #expect(h.budget.gaps == 1)
        #expect(h.budget.gapBytes == 10)
        #expect(h.budget.bufferedBytes == 0)
        #expect(h.reassembler.finished)
    }

    @Test func finOnTheLastSegmentFlushesHeldDataWithAGap() {
        var h = Harness()
        h.syn(isn)
        let m = message(30)
        h.receive(isn + 1, Array(m[0..<5]))
        h.receive(isn + 21, flags: TCPFlags.ack | TCPFlags.fin, Array(m[20..<30]))
        #expect(h.sink.items == [.data(Array(m[0..<5])), .gap(15), .data(Array(m[20..<30]))])
        #expect(h.budget.gapBytes == 15)
    }

    @Test func perDirectionCapForcesAGapAndBoundsMemory() {
        let limit = 100
        var h = Harness(perDirectionLimit: limit)
        h.syn(isn)
        let m = message(400)
        // Bytes 0..<10 are lost; 30-byte segments after the hole pile up until the cap.
        var offset = 10
        while offset < 400 {
            h.receive(isn + 1 + UInt32(offset), Array(m[offset..<min(400, offset + 30)]))
            #expect(h.budget.bufferedBytes <= limit)
            offset += 30
        }
        #expect(h.budget.perDirectionCapHits >= 1)
        #expect(h.sink.items == [.gap(10), .data(Array(m[10...]))])
        #expect(h.budget.gaps == 1)
        #expect(h.budget.gapBytes == 10)
        #expect(h.budget.bufferedBytes == 0)
    }

    @Test func perDirectionCapHoldsAgainstManySmallHeldSegments() {
        // Many 1-byte segments, each after a 1-byte hole, then big segments further on: every one
        // of them must stay within the cap, not grow past it by a segment each time.
        let limit = 100
        var h = Harness(perDirectionLimit: limit)
        h.syn(isn)
        for i in 0..<40 {
            h.receive(isn + 1 + UInt32(1 + 2 * i), [UInt8(i)])
        }
        #expect(h.budget.bufferedBytes == 40)
        var sequence = isn + 1000
        for _ in 0..<30 {
            h.receive(sequence, message(60))
            #expect(h.budget.bufferedBytes <= limit)
            sequence += 70  // a 10-byte hole after each big segment
        }
        #expect(h.budget.perDirectionCapHits >= 1)
        #expect(!h.sink.gaps.isEmpty)
        h.finish()
        #expect(h.budget.bufferedBytes == 0)
    }

    @Test func farJumpIsDeclaredAsAGapAtOnce() {
        var h = Harness()
        h.syn(isn)
        let m = message(20)
        h.receive(isn + 1, Array(m[0..<10]))
        let jump: UInt32 = 32 << 20  // beyond any reordering window (16 MiB)
        h.receive(isn + 11 + jump, Array(m[10..<20]))
        #expect(h.sink.items == [.data(Array(m[0..<10])), .gap(Int(jump)), .data(Array(m[10..<20]))])
        #expect(h.budget.gapBytes == UInt64(jump))
        #expect(h.budget.bufferedBytes == 0)
    }

    @Test func sequenceNumbersWrapAroundZero() {
        let start: UInt32 = 0xFFFF_FFF0
        var h = Harness()
        h.syn(start)  // data starts at 0xFFFFFFF1
        let m = message(48)
        // Segments of 16 bytes: [0xFFFFFFF1, 0x01), [0x01, 0x11), [0x11, 0x21); the middle one late.
        h.receive(start &+ 1, Array(m[0..<16]))
        h.receive(start &+ 33, Array(m[32..<48]))
        #expect(h.budget.bufferedBytes == 16)
        h.receive(start &+ 17, Array(m[16..<32]))
        #expect(h.sink.items == [.data(m)])
        #expect(h.reassembler.nextSequence == start &+ 49)
        #expect(h.reassembler.nextSequence == 0x21)
        // A retransmission from before the wrap is still old data.
        h.receive(start &+ 1, Array(m[0..<16]))
        #expect(h.sink.items == [.data(m)])
        #expect(h.budget.retransmissions == 1)
    }

    @Test func segmentStraddlingTheWrapIsDeliveredWhole() {
        let start: UInt32 = 0xFFFF_FFFA
        var h = Harness()
        h.syn(start)
        let m = message(20)
        h.receive(start &+ 1, m)  // covers 0xFFFFFFFB ... 0x0E
        h.receive(start &+ 1 &+ 20, [0xAA])
        #expect(h.sink.items == [.data(m + [0xAA])])
        #expect(h.reassembler.nextSequence == 0x10)
    }
}
