import ArgumentParser
import EventModel
import Monitor

struct Decode: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Print one event per application PDU (schema palisade.event/1, docs/events.md), in capture order.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl }

    @OptionGroup var options: CaptureOptions

    @Option(help: "Output format (jsonl).")
    var format: Format = .jsonl

    @Option(name: .customLong("protocol"), help: "Only events of these protocols (repeatable), e.g. --protocol modbus.")
    var protocols: [String] = []

    func validate() throws {
        for name in protocols where ApplicationProtocol.named(name) == nil {
            throw ValidationError(
                "unknown protocol '\(name)'; known: \(ApplicationProtocol.all.map(\.name).joined(separator: ", "))")
        }
    }

    func run() throws {
        let wanted = Set(protocols.compactMap { ApplicationProtocol.named($0)?.id })
        let collector = EventLineCollector(workers: options.workers)
        try runAnalysis(options: options) { configuration in
            configuration.collectEvents = true
        } onEvents: { worker, batch in
            collector.add(batch, worker: worker, wanted: wanted)
        } report: { _ in
            collector.printMerged()
        }
    }
}

/// Formats events as they come and prints them in capture order. With one worker lines stream out
/// at once; with several, each worker's lines are merged by (frame, position) at the end.
final class EventLineCollector: @unchecked Sendable {
    private let streaming: Bool
    private var lines: [(frame: UInt64, sequence: UInt32, worker: Int, line: String)] = []

    init(workers: Int) { streaming = workers == 1 }

    func add(_ batch: EventBatch, worker: Int, wanted: Set<UInt16>) {
        for event in batch.events where wanted.isEmpty || wanted.contains(event.protocolID.id) {
            let line = EventFormatter.jsonLine(event, in: batch)
            if streaming {
                print(line)
            } else {
                lines.append((event.frame, event.sequence, worker, line))
            }
        }
    }

    func printMerged() {
        guard !streaming else { return }
        lines.sort { ($0.frame, $0.sequence, $0.worker) < ($1.frame, $1.sequence, $1.worker) }
        for entry in lines { print(entry.line) }
    }
}
