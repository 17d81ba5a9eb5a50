import ArgumentParser
import Monitor
import PacketCapture

#if canImport(Glibc)
    import Glibc
#endif

struct Listen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "listen",
        abstract: "Capture live from an interface (receive only) and print the analysis summary when done.")

    @Option(name: .shortAndLong, help: "Interface to listen on (a SPAN/TAP port).")
    var interface: String

    @Option(help: "BPF capture filter, e.g. 'tcp port 502'.")
    var filter: String?

    @Option(help: "Snapshot length in bytes.")
    var snaplen: Int32 = 262_144

    @Flag(help: "Do not put the interface in promiscuous mode.")
    var noPromiscuous = false

    @Option(help: "Stop after this many seconds (default: until interrupted).")
    var seconds: Double?

    @Option(help: "Stop after this many packets.")
    var count: UInt64?

    @Option(help: "Output format: text or json.")
    var format: Analyze.Format = .text

    @Option(help: "Worker threads; each owns a shard of the flows (default: number of cores).")
    var workers: Int = SystemInfo.coreCount

    func run() throws {
        var options = LiveCapture.Options()
        options.snapLength = snaplen
        options.promiscuous = !noPromiscuous
        options.filter = filter
        let capture: LiveCapture
        do {
            capture = try LiveCapture(interface: interface, options: options)
        } catch {
            printError("palisade: \(error)")
            throw ExitCode(2)
        }
        LiveStop.install(capture)
        let deadline = seconds.map { monotonicSeconds() + $0 }
        let analyzer = LiveAnalyzer(source: capture, workers: workers)
        let outcome = analyzer.run(maximumPackets: count) {
            if let deadline { return monotonicSeconds() >= deadline }
            return false
        }
        let failure = outcome.error
        let stats = capture.statistics()
        var result = CaptureAnalyzer.Result()
        result.statistics = outcome.statistics
        result.files = [interface]
        print(format == .json ? AnalysisReport.json(result) : AnalysisReport.text(result))
        printError(
            "palisade: \(interface): kernel received \(stats.received), dropped \(stats.droppedByKernel), interface dropped \(stats.droppedByInterface), queue dropped \(outcome.queueDrops)"
        )
        if let failure {
            printError("palisade: \(failure)")
            throw ExitCode(1)
        }
    }
}

func monotonicSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// SIGINT/SIGTERM stop the capture loop cleanly (the summary is still printed).
enum LiveStop {
    nonisolated(unsafe) static var capture: LiveCapture?

    static func install(_ capture: LiveCapture) {
        Self.capture = capture
        signal(SIGINT) { _ in LiveStop.capture?.stop() }
        signal(SIGTERM) { _ in LiveStop.capture?.stop() }
    }
}
