import ArgumentParser
import Foundation
import PlantSimulator

struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Write a deterministic capture of a simulated plant (30-60 devices, Purdue levels 0-4).",
        discussion: """
            The same options always give the same bytes. With --attack, a rogue laptop runs the sequence of \
            docs/simulator.md and the steps are written as JSON lines to the ground-truth file.
            """)

    @Option(help: "Capture file to write (classic pcap).")
    var out: String

    @Option(help: "Simulated minutes.")
    var minutes: Double = 10

    @Option(help: "Seed of the pseudo-random timing and process values.")
    var seed: UInt64 = 1

    @Flag(help: "Inject the attack sequence.")
    var attack = false

    @Option(help: "Ground-truth file (default: <out>.truth.jsonl; written with --attack).")
    var truth: String?

    @Option(help: "Start time, RFC 3339 UTC (default 2026-01-05T06:00:00Z).")
    var start: String?

    func validate() throws {
        guard minutes > 0, minutes <= 24 * 60 else { throw ValidationError("--minutes must be in (0, 1440].") }
        if let start, Self.parse(start) == nil { throw ValidationError("--start must look like 2026-01-05T06:00:00Z.") }
    }

    static func parse(_ text: String) -> Int64? {
        let formatter = ISO8601DateFormatter()
        guard let date = formatter.date(from: text) else { return nil }
        return Int64(date.timeIntervalSince1970) * 1_000_000
    }

    func run() throws {
        let startTime = start.flatMap(Self.parse) ?? PlantSimulator.defaultStart
        let groundTruth = try PlantSimulator.write(
            to: out, minutes: minutes, seed: seed, attack: attack, start: startTime)
        var message = "\(out): \(groundTruth.frameCount) frames"
        if attack {
            let path = truth ?? out + ".truth.jsonl"
            try groundTruth.jsonLines().write(toFile: path, atomically: true, encoding: .utf8)
            message += ", \(groundTruth.steps.count) attack steps in \(path)"
        }
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
