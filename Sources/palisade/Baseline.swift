import ArgumentParser
import AssetInventory
import Detection
import Foundation
import Monitor
import PacketCapture
import Storage

struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Learn the network's baseline as a YAML document people review and commit; compare two.",
        subcommands: [BaselineLearn.self, BaselineDiffCommand.self])
}

struct BaselineLearn: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Learn a baseline from captures (or from the store) and write it as YAML.",
        discussion: """
            Every event is learned, not only the notable ones: pairs, functions with their targets \
            (merged into ranges) and the period of the exchanges that repeat. --since/--until take \
            an RFC 3339 time, or for captures +SECONDS from the first packet or PERCENT% of the \
            captures' time span (--until 50% learns the first half).
            """)

    @Argument(help: "Capture files (.pcap, .pcapng, optionally .gz); none with --db.")
    var captures: [String] = []

    @Option(name: .customLong("db"), help: "Learn from this store instead of captures.")
    var database: String?

    @Option(help: "Write the baseline here (default: standard output).")
    var out: String?

    @Option(help: "Learn only traffic from this time on.")
    var since: String?

    @Option(help: "Learn only traffic up to this time.")
    var until: String?

    @Option(help: "Worker threads (default: number of cores).")
    var workers: Int = SystemInfo.coreCount

    @OptionGroup var inventoryOptions: InventoryOptions

    func validate() throws {
        if captures.isEmpty && database == nil { throw ValidationError("Give capture files or --db PATH.") }
        if !captures.isEmpty && database != nil { throw ValidationError("Give capture files or --db PATH, not both.") }
        guard (1...255).contains(workers) else { throw ValidationError("--workers must be between 1 and 255.") }
    }

    func run() throws {
        let reference = try inventoryOptions.loadReference()
        let baseline: Baseline
        if let database {
            baseline = try learnFromStore(
                database, reference: reference,
                since: since.map { try CaptureSpan.time($0, option: "--since", span: nil) },
                until: until.map { try CaptureSpan.time($0, option: "--until", span: nil) })
        } else {
            do {
                try CaptureAnalyzer.validate(captures)
            } catch {
                printError("palisade: \(error)")
                throw ExitCode(2)
            }
            let span = try CaptureSpan.of(captures)
            let start = try since.map { try CaptureSpan.time($0, option: "--since", span: span) }
            let end = try until.map { try CaptureSpan.time($0, option: "--until", span: span) }
            let analyzer = CaptureAnalyzer(workers: workers)
            let progress = ProgressBar(paths: captures)
            let learning = analyzer.learnBaseline(captures, reference: reference, since: start, until: end) {
                file, offset in progress.update(file: file, offset: offset)
            }
            progress.finish()
            for error in learning.analysis.errors { printError("palisade: \(error)") }
            if learning.capHits > 0 { printError("palisade: baseline caps hit \(learning.capHits) times") }
            baseline = learning.baseline
        }
        let text = BaselineDocument.yaml(baseline)
        if let out {
            do {
                try text.write(toFile: out, atomically: true, encoding: .utf8)
            } catch {
                printError("palisade: cannot write \(out): \(error.localizedDescription)")
                throw ExitCode(1)
            }
            let functions = baseline.pairs.reduce(0) { $0 + $1.functions.count }
            let periodic = baseline.pairs.reduce(0) { $0 + $1.functions.filter { $0.timing != nil }.count }
            printError(
                "palisade: wrote \(out): \(baseline.assets.count) assets, \(baseline.pairs.count) pairs, \(functions) functions, \(periodic) periodic"
            )
        } else {
            print(text, terminator: "")
        }
    }
}

struct BaselineDiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Say in words what changed from baseline A to baseline B (exit 0: same, 1: different).")

    @Argument(help: "The older baseline.")
    var old: String

    @Argument(help: "The newer baseline.")
    var new: String

    func run() throws {
        let before: Baseline
        let after: Baseline
        do {
            before = try BaselineDocument.load(path: old)
            after = try BaselineDocument.load(path: new)
        } catch {
            printError("palisade: \(error)")
            throw ExitCode(2)
        }
        let changes = BaselineDiff.changes(from: before, to: after)
        if changes.isEmpty {
            print("no changes")
            return
        }
        for change in changes { print(change) }
        throw ExitCode(1)
    }
}

/// The time span of capture files, for times given relative to it.
struct CaptureSpan {
    var first: Int64
    var last: Int64

    static func of(_ paths: [String]) throws -> CaptureSpan? {
        var first = Int64.max
        var last = Int64.min
        for path in paths {
            guard let reader = try? CaptureFileReader(path: path) else { continue }
            while let record = reader.nextPacket() {
                first = min(first, record.timestamp)
                last = max(last, record.timestamp)
            }
        }
        return first <= last ? CaptureSpan(first: first, last: last) : nil
    }

    /// An RFC 3339 time, `+SECONDS` from the first packet, or `PERCENT%` of the span.
    static func time(_ text: String, option: String, span: CaptureSpan?) throws -> Int64 {
        if let absolute = BaselineTime.parse(text) { return absolute }
        if let span {
            if text.hasPrefix("+"), let seconds = Double(text.dropFirst().replacingOccurrences(of: "s", with: "")) {
                return span.first + Int64(seconds * 1e9)
            }
            if text.hasSuffix("%"), let percent = Double(text.dropLast()), (0...100).contains(percent) {
                return span.first + Int64(Double(span.last - span.first) * percent / 100)
            }
        }
        printError(
            "palisade: \(option): '\(text)' is not an RFC 3339 time (2026-11-27T10:10:34Z)\(span == nil ? "" : ", +SECONDS or PERCENT%")"
        )
        throw ExitCode(2)
    }
}

/// Learns a baseline from the store through its ports: the inventory rebuilt from the stored
/// observations (assets, identity, roles), the communication edges (pairs and the operations
/// they carried) and the notable events in full (functions and their targets). The store keeps
/// the other events as counts per minute over all pairs, so reads appear as "any read" on their
/// pairs and no period is learned: captures or the sensor's learning mode give the timing.
func learnFromStore(_ path: String, reference: ReferenceData, since: Int64?, until: Int64?) throws -> Baseline {
    let store = try StoreOptions(database: path).open(readOnly: true)
    let learner = BaselineLearner(since: since, until: until)
    let inventory: Inventory
    do {
        let collector = InventoryCollector()
        try store.loadObservations(into: collector)
        inventory = InventoryBuilder(reference: reference).build(collector)
        var addressOf: [String: String] = [:]
        var macOf: [String: String] = [:]
        for asset in inventory.assets {
            addressOf[asset.id] = asset.ips.first?.description ?? asset.macs.first?.description
            macOf[asset.id] = asset.macs.first?.description
        }
        for edge in try store.communicationEdges() {
            // Address resolution is every host's chatter (the capture learner skips it too).
            if edge.protocolName == "arp" { continue }
            // Layer-2 pairs are between MACs, as their events name them.
            let names = edge.transport == "l2" ? macOf : addressOf
            guard let client = names[edge.client] ?? groupAddress(edge.client),
                let server = names[edge.server] ?? groupAddress(edge.server)
            else { continue }
            learner.observePair(
                client: client, server: server, protocolName: edge.protocolName,
                transport: edge.transport == "l2" ? "ethernet" : edge.transport, port: edge.serverPort,
                flows: edge.flows,
                firstSeen: edge.firstSeen, lastSeen: edge.lastSeen, operations: edge.operations)
        }
        var query = EventQuery()
        query.since = since
        query.until = until.map { $0 + 1 }
        query.limit = 10_000
        while true {
            let page = try store.events(query)
            for event in page {
                if let observation = BaselineObservation(eventJSON: event.json) { learner.observe(observation) }
            }
            if page.count < query.limit { break }
            query.offset += page.count
        }
    } catch {
        printError("palisade: \(path): \(error)")
        throw ExitCode(1)
    }
    return learner.snapshot(inventory: inventory, store: path)
}

/// The address of a map node that is not an asset (`broadcast:10.77.255.255`), if it has one.
private func groupAddress(_ node: String) -> String? {
    guard let colon = node.firstIndex(of: ":") else { return nil }
    let address = String(node[node.index(after: colon)...])
    return address.isEmpty ? nil : address
}
