import BinaryParsing
import Foundation
import PacketCapture
import PacketLayers
import Testing

/// Every corpus capture with a tshark reference decoding (`NAME.tshark.tsv`, made by TShark 4.0):
/// the reader's timestamps and the decoder's MAC addresses, IP addresses and ports must equal
/// tshark's for every frame the reference lists.
@Suite("Agreement with tshark on the shared corpus")
struct TsharkAgreementTests {
    static let testFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repository = testFolder.deletingLastPathComponent().deletingLastPathComponent()
    static let corpus = repository.deletingLastPathComponent().appendingPathComponent("shared/corpus")

    struct Summary {
        var timestamp: Int64
        var packet: DecodedPacket  // views are not used after the read (only scalar fields)
    }

    /// "1445425491.170028000" → ns.
    static func nanoseconds(_ text: Substring) -> Int64? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let seconds = Int64(parts[0]), parts[1].count == 9, let fraction = Int64(parts[1])
        else { return nil }
        return seconds * 1_000_000_000 + fraction
    }

    static func references() -> [URL] {
        guard let walker = FileManager.default.enumerator(at: corpus, includingPropertiesForKeys: nil) else {
            return []
        }
        var found: [URL] = []
        for case let url as URL in walker where url.lastPathComponent.hasSuffix(".tshark.tsv") {
            if url.pathComponents.contains("bench-src") { continue }
            found.append(url)
        }
        return found.sorted { $0.path < $1.path }
    }

    @Test("timestamps, MACs, IP addresses and ports agree with tshark frame by frame")
    func agreement() throws {
        let references = Self.references()
        #expect(references.count >= 100, "found \(references.count) reference decodings under \(Self.corpus.path)")
        var problems: [String] = []
        var problemCount = 0
        var compared = (frames: 0, addresses: 0, ports: 0, macs: 0)
        func problem(_ text: String) {
            problemCount += 1
            if problems.count < 60 { problems.append(text) }
        }
        for reference in references {
            // `NAME.pcap.tshark.tsv`, or `NAME.tshark.tsv` next to `NAME.pcap` / `NAME.pcapng`.
            let stem = String(reference.path.dropLast(".tshark.tsv".count))
            let capturePath =
                [stem, stem + ".pcap", stem + ".pcapng"].first { FileManager.default.fileExists(atPath: $0) } ?? stem
            let name = reference.path.replacingOccurrences(of: Self.corpus.path + "/", with: "")
            guard let text = try? String(contentsOf: reference, encoding: .utf8) else {
                problem("\(name): unreadable")
                continue
            }
            let reader: CaptureFileReader
            do { reader = try CaptureFileReader(path: capturePath) } catch {
                problem("\(name): \(error)")
                continue
            }
            var summaries: [Summary] = []
            var decoded = DecodedPacket()
            while case .packet(let record) = reader.next() {
                LayerDecoder.decode(record.bytes, linkType: record.linkType.rawValue, into: &decoded)
                var kept = decoded
                // Drop the borrowed views: only scalar fields are compared after the read.
                kept.frame = .empty
                kept.linkPayload = .empty
                kept.networkHeader = .empty
                kept.networkPayload = .empty
                kept.payload = .empty
                summaries.append(Summary(timestamp: record.timestamp, packet: kept))
            }
            var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
            guard !lines.isEmpty else { continue }
            let header = lines.removeFirst().split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            func column(_ field: String) -> Int? { header.firstIndex(of: field) }
            guard let frameColumn = column("frame.number") else {
                problem("\(name): no frame.number column")
                continue
            }
            // Absolute times, or times relative to the first packet (the peers' references).
            let timeColumn = column("frame.time_epoch") ?? column("frame.time_relative")
            let timeBase = column("frame.time_epoch") == nil ? (summaries.first?.timestamp ?? 0) : 0
            if timeColumn == nil { problem("\(name): no frame.time_epoch / frame.time_relative column") }
            let ethSource = column("eth.src")
            let ethDestination = column("eth.dst")
            let ipSource = column("ip.src")
            let ipDestination = column("ip.dst")
            let tcpSource = column("tcp.srcport")
            let tcpDestination = column("tcp.dstport")
            let udpSource = column("udp.srcport")
            let udpDestination = column("udp.dstport")
            for line in lines {
                let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
                func cell(_ index: Int?) -> Substring? {
                    guard let index, index < cells.count, !cells[index].isEmpty, !cells[index].contains(",") else {
                        return nil
                    }
                    return cells[index]
                }
                guard let frameText = cell(frameColumn), let frame = Int(frameText), frame >= 1 else { continue }
                guard frame <= summaries.count else {
                    problem("\(name) frame \(frame): the reader delivered only \(summaries.count) packets")
                    break
                }
                let summary = summaries[frame - 1]
                let packet = summary.packet
                let location = "\(name) frame \(frame)"
                compared.frames += 1
                if let time = cell(timeColumn).flatMap(Self.nanoseconds), time != summary.timestamp - timeBase {
                    problem("\(location): time \(summary.timestamp - timeBase) ns, tshark \(time)")
                }
                if packet.tunnelDepth > 0 { continue }  // tshark lists outer and inner values together
                if let source = cell(ethSource), let destination = cell(ethDestination), packet.hasLinkAddresses {
                    compared.macs += 1
                    if packet.sourceMAC != MACAddress(String(source))
                        || packet.destinationMAC != MACAddress(String(destination))
                    {
                        problem(
                            "\(location): MACs \(packet.sourceMAC) → \(packet.destinationMAC), tshark \(source) → \(destination)"
                        )
                    }
                }
                if let source = cell(ipSource), let destination = cell(ipDestination) {
                    compared.addresses += 1
                    if packet.network != .ipv4 || packet.source != IPAddress(String(source))
                        || packet.destination != IPAddress(String(destination))
                    {
                        problem(
                            "\(location): IPv4 \(packet.network) \(packet.source) → \(packet.destination), tshark \(source) → \(destination)"
                        )
                    }
                }
                // tshark shows ports on the frame that completed a fragmented datagram; the decoder
                // leaves them to the reassembler.
                if packet.isFragment { continue }
                // An ICMP error quotes the offending datagram: tshark lists the quoted ports.
                if packet.transport == .icmp || packet.transport == .icmpv6 { continue }
                for (protocolName, transport, sourceColumn, destinationColumn) in [
                    ("TCP", DecodedPacket.Transport.tcp, tcpSource, tcpDestination),
                    ("UDP", .udp, udpSource, udpDestination),
                ] {
                    guard let source = cell(sourceColumn).flatMap({ UInt16($0) }),
                        let destination = cell(destinationColumn).flatMap({ UInt16($0) })
                    else { continue }
                    compared.ports += 1
                    if packet.transport != transport || packet.sourcePort != source
                        || packet.destinationPort != destination
                    {
                        problem(
                            "\(location): \(packet.transport) \(packet.sourcePort) → \(packet.destinationPort), tshark \(protocolName) \(source) → \(destination)"
                        )
                    }
                }
            }
        }
        #expect(compared.frames > 10_000, "compared only \(compared.frames) frames")
        #expect(compared.ports > 10_000)
        #expect(compared.macs > 10_000)
        #expect(
            problemCount == 0,
            "\(problemCount) disagreements (frames \(compared.frames), addresses \(compared.addresses), ports \(compared.ports), MACs \(compared.macs)):\n\(problems.joined(separator: "\n"))"
        )
    }
}
