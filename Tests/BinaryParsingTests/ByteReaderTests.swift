import BinaryParsing
import Testing

@Suite struct ByteViewTests {
    @Test func boundsCheckedReadsReturnNilPastTheEnd() {
        ByteView.with([0x12, 0x34, 0x56, 0x78, 0x9A]) { view in
            #expect(view.getUInt8(at: 4) == 0x9A)
            #expect(view.getUInt8(at: 5) == nil)
            #expect(view.getUInt8(at: -1) == nil)
            #expect(view.getUInt16(at: 0) == 0x1234)
            #expect(view.getUInt16(at: 0, bigEndian: false) == 0x3412)
            #expect(view.getUInt16(at: 4) == nil)
            #expect(view.getUInt24(at: 1) == 0x34_5678)
            #expect(view.getUInt32(at: 1) == 0x3456_789A)
            #expect(view.getUInt32(at: 2) == nil)
            #expect(view.getUInt64(at: 0) == nil)
            #expect(view.getUInt16(at: Int.max) == nil)
        }
    }

    @Test func slicesShareBytesAndStayInBounds() {
        ByteView.with(Array(0..<10)) { view in
            let middle = view.slice(from: 2, count: 5)
            #expect(middle?.array == [2, 3, 4, 5, 6])
            #expect(view.slice(from: 8, count: 3) == nil)
            #expect(view.slice(from: -1, count: 2) == nil)
            #expect(view.slice(from: 10, count: 0)?.isEmpty == true)
            #expect(view.dropFirst(12).isEmpty)
            #expect(view.prefix(3).array == [0, 1, 2])
            #expect(view.prefix(-4).isEmpty)
            #expect(view.firstIndex(of: 7) == 7)
            #expect(view.firstIndex(of: 7, from: 8) == nil)
        }
    }

    @Test func literalPrefixAndEquality() {
        ByteView.with(Array("MSGF1234".utf8)) { view in
            #expect(view.hasPrefix("MSG"))
            #expect(!view.hasPrefix("MSGX"))
            #expect(!view.prefix(2).hasPrefix("MSG"))
            ByteView.with(Array("MSGF1234".utf8)) { other in #expect(view.elementsEqual(other)) }
            ByteView.with(Array("MSGF1235".utf8)) { other in #expect(!view.elementsEqual(other)) }
        }
    }
}

@Suite struct ByteReaderTests {
    @Test func readsAdvanceOnlyOnSuccess() {
        ByteView.with([0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x11]) { view in
            var reader = ByteReader(view)
            let transaction = reader.readUInt16()
            let length = reader.readUInt32()
            #expect(transaction == 1)
            #expect(length == 6)
            #expect(reader.offset == 6)
            let tooLong = reader.readUInt16()  // one byte left: no move
            #expect(tooLong == nil)
            #expect(reader.offset == 6)
            #expect(reader.peekUInt8() == 0x11)
            let unit = reader.readUInt8()
            #expect(unit == 0x11)
            #expect(reader.isAtEnd)
        }
    }

    @Test func aLengthFieldBoundsTheSubReader() {
        ByteView.with([3, 0xAA, 0xBB, 0xCC, 0xDD]) { view in
            var reader = ByteReader(view)
            let length = Int(reader.readUInt8()!)
            var inner = reader.readSubReader(count: length)!
            #expect(inner.remaining == 3)
            let pastEnd = inner.readUInt32()  // cannot read past its own end
            #expect(pastEnd == nil)
            let value = inner.readUInt16()
            #expect(value == 0xAABB)
            let after = reader.readUInt8()
            #expect(after == 0xDD)
            let beyond = reader.readSubReader(count: 1)
            #expect(beyond == nil)
            let skippedPastEnd = reader.skip(1)
            let skippedBackwards = reader.skip(-1)
            #expect(!skippedPastEnd)
            #expect(!skippedBackwards)
        }
    }

    @Test func littleEndianAndSixtyFourBit() {
        ByteView.with([1, 0, 0, 0, 0, 0, 0, 0, 0x78, 0x56, 0x34, 0x12]) { view in
            var reader = ByteReader(view)
            let wide = reader.readUInt64(bigEndian: false)
            let narrow = reader.readUInt32(bigEndian: false)
            #expect(wide == 1)
            #expect(narrow == 0x1234_5678)
        }
    }
}

@Suite struct AnomalyTests {
    static let first = AnomalyKind("test.first")
    static let second = AnomalyKind("test.second")

    @Test func kindsCompareByIdentityAndCountWithoutConfusion() {
        var counter = AnomalyCounter()
        counter.record(Self.first)
        counter.record(Self.first)
        counter.record(Self.second, count: 3)
        #expect(counter.total == 5)
        #expect(counter.byName == ["test.first": 2, "test.second": 3])
        var other = AnomalyCounter()
        other.record(Self.second)
        counter.merge(other)
        #expect(counter.byName["test.second"] == 4)
        #expect(Anomaly(Self.first, "detail").description == "test.first: detail")
        #expect(Anomaly(Self.first) != Anomaly(Self.second))
    }
}
