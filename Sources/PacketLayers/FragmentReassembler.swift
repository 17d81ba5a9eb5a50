import BinaryParsing

/// Reassembles IPv4 and IPv6 fragments (RFC 791, RFC 8200 §4.5) so that the transport header and
/// the application data of a fragmented datagram reach the flow table whole.
///
/// Bounded: at most `maximumDatagrams` in progress and `maximumBufferedBytes` held in all; a
/// datagram unfinished after `timeout` is dropped. Each of these, and overlapping fragments, is
/// counted. Overlaps keep the first copy of each byte (fragments that rewrite headers are an old
/// evasion trick, so the rewrite is refused and flagged).
public final class FragmentReassembler {
    public struct Key: Hashable, Sendable {
        var source: IPAddress
        var destination: IPAddress
        var identification: UInt32
        var ipProtocol: UInt8
        var vlan: UInt32
    }

    final class Datagram {
        var bytes: [UInt8] = []
        /// Received byte ranges, kept sorted and merged.
        var received: [Range<Int>] = []
        var totalLength: Int?
        let firstSeen: Int64
        init(firstSeen: Int64) { self.firstSeen = firstSeen }

        var isComplete: Bool {
            guard let totalLength else { return false }
            return received.count == 1 && received[0].lowerBound == 0 && received[0].upperBound >= totalLength
        }
    }

    public var maximumDatagrams = 1024
    public var maximumBufferedBytes = 8 << 20
    public var maximumDatagramLength = 65_535 + 8
    public var timeout: Int64 = 30 * 1_000_000_000

    public private(set) var reassembled: UInt64 = 0
    public private(set) var timedOut: UInt64 = 0
    public private(set) var capHits: UInt64 = 0
    public private(set) var overlaps: UInt64 = 0
    public private(set) var oversized: UInt64 = 0

    private var pending: [Key: Datagram] = [:]
    private var bufferedBytes = 0
    private var lastSweep: Int64 = .min
    /// The last completed datagram's payload (reused storage: valid until the next call).
    private var output: [UInt8] = []

    public static let anomalyOverlap = AnomalyKind("ip.fragment_overlap")
    public static let anomalyOversized = AnomalyKind("ip.fragment_oversized")
    public static let anomalyCapHit = AnomalyKind("ip.fragment_cap_hit")

    public init() {}

    public var inProgress: Int { pending.count }

    /// Adds the fragment in `packet`. When it completes a datagram, calls `body` with the whole
    /// transport payload (the bytes after the IP header(s)).
    public func add(_ packet: DecodedPacket, time: Int64, anomaly: (AnomalyKind) -> Void, _ body: (ByteView) -> Void) {
        sweep(now: time)
        let key = Key(
            source: packet.source, destination: packet.destination, identification: packet.ipIdentification,
            ipProtocol: packet.ipProtocol, vlan: packet.vlanKey)
        let start = packet.fragmentOffset
        let data = packet.networkPayload
        let end = start + data.count
        guard end <= maximumDatagramLength else {
            oversized &+= 1
            anomaly(Self.anomalyOversized)
            if let dropped = pending.removeValue(forKey: key) { bufferedBytes -= dropped.bytes.count }
            return
        }
        let datagram: Datagram
        if let existing = pending[key] {
            datagram = existing
        } else {
            guard pending.count < maximumDatagrams, bufferedBytes + end <= maximumBufferedBytes else {
                capHits &+= 1
                anomaly(Self.anomalyCapHit)
                return
            }
            datagram = Datagram(firstSeen: time)
            pending[key] = datagram
        }
        if !packet.moreFragments { datagram.totalLength = end }
        if datagram.bytes.count < end {
            let growth = end - datagram.bytes.count
            guard bufferedBytes + growth <= maximumBufferedBytes else {
                capHits &+= 1
                anomaly(Self.anomalyCapHit)
                pending.removeValue(forKey: key)
                bufferedBytes -= datagram.bytes.count
                return
            }
            datagram.bytes.append(contentsOf: repeatElement(0, count: growth))
            bufferedBytes += growth
        }
        // Copy only the parts not yet received (first copy wins).
        var cursor = start
        var overlapped = false
        data.withUnsafeBytes { source in
            for range in datagram.received + [end..<Int.max] where cursor < end {
                if range.upperBound <= cursor { continue }
                let copyEnd = min(range.lowerBound, end)
                if copyEnd > cursor {
                    for index in cursor..<copyEnd { datagram.bytes[index] = source[index - start] }
                }
                if range.lowerBound < end && range.upperBound > cursor && range.lowerBound != end { overlapped = true }
                cursor = max(cursor, min(range.upperBound, end))
            }
        }
        if overlapped {
            overlaps &+= 1
            anomaly(Self.anomalyOverlap)
        }
        insert(start..<end, into: &datagram.received)
        guard datagram.isComplete, let total = datagram.totalLength else { return }
        pending.removeValue(forKey: key)
        bufferedBytes -= datagram.bytes.count
        reassembled &+= 1
        output.removeAll(keepingCapacity: true)
        output.append(contentsOf: datagram.bytes[0..<total])
        output.withUnsafeBytes { body(ByteView($0)) }
    }

    private func insert(_ range: Range<Int>, into ranges: inout [Range<Int>]) {
        guard !range.isEmpty else { return }
        var merged = range
        var result: [Range<Int>] = []
        for existing in ranges {
            if existing.upperBound < merged.lowerBound || existing.lowerBound > merged.upperBound {
                result.append(existing)
            } else {
                merged = min(existing.lowerBound, merged.lowerBound)..<max(existing.upperBound, merged.upperBound)
            }
        }
        result.append(merged)
        result.sort { $0.lowerBound < $1.lowerBound }
        ranges = result
    }

    private func sweep(now: Int64) {
        // `lastSweep` starts at `.min`: `now &- .min` wraps negative, so test for it explicitly.
        guard lastSweep == .min || now &- lastSweep >= 1_000_000_000 else { return }
        lastSweep = now
        for (key, datagram) in pending where now &- datagram.firstSeen > timeout {
            pending.removeValue(forKey: key)
            bufferedBytes -= datagram.bytes.count
            timedOut &+= 1
        }
    }
}
