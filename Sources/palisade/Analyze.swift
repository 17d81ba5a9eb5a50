import ArgumentParser
import EventModel
import Monitor
import PacketCapture
import PacketLayers

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Summarise captures: packets, bytes, time span, link types, flows, talkers, protocols, anomalies.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var options: CaptureOptions

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Flag(help: "Identify protocols only; do not run application decoders.")
    var noDecode = false

    func run() throws {
        try runAnalysis(options: options) { configuration in
            configuration.decodeApplications = !noDecode
        } report: { result in
            print(format == .json ? AnalysisReport.json(result) : AnalysisReport.text(result))
        }
    }
}

/// Validates inputs, runs the analyzer with a progress bar, reports, and turns read errors into
/// one line each on stderr and a non-zero exit.
func runAnalysis(
    options: CaptureOptions, configure: (inout MonitorConfiguration) -> Void = { _ in },
    onEvents: (@Sendable (Int, EventBatch) -> Void)? = nil, report: (CaptureAnalyzer.Result) -> Void
) throws {
    do {
        try CaptureAnalyzer.validate(options.captures)
    } catch {
        printError("palisade: \(error)")
        throw ExitCode(2)
    }
    var configuration = MonitorConfiguration()
    configure(&configuration)
    let analyzer = CaptureAnalyzer(configuration: configuration, workers: options.workers)
    let progress = ProgressBar(paths: options.captures)
    let result = analyzer.run(options.captures, onEvents: onEvents) { file, offset in
        progress.update(file: file, offset: offset)
    }
    progress.finish()
    report(result)
    for error in result.errors { printError("palisade: \(error)") }
    if !result.errors.isEmpty { throw ExitCode(1) }
}
