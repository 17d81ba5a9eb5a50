import AssetInventory
import Foundation
import Monitor
import PlantSimulator

/// Captures written once per test run (2 simulated minutes each: the attack runs from 0:36).
enum SimulatedCapture {
    static let directory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "palisade-simulator-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// The attack capture of seed 7 and its ground truth.
    static let attack: (path: String, truth: GroundTruth) = {
        let path = Self.path("attack-seed7.pcap")
        do {
            let truth = try PlantSimulator.write(to: path, minutes: 2, seed: 7, attack: true)
            return (path, truth)
        } catch {
            fatalError("simulating: \(error)")
        }
    }()

    /// Our events for the attack capture.
    static let events: [EventRecord] = CaptureAnalyzer().collectEvents([attack.path]).events
}

/// Runs a tool and returns its standard output; `nil` when the tool is not installed.
func runTool(_ tool: String, _ arguments: [String]) throws -> String? {
    guard FileManager.default.isExecutableFile(atPath: tool) else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

let tshark = "/usr/bin/tshark"
