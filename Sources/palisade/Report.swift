import Access
import ArgumentParser
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Compliance report: what the traffic shows against IEC 62443-3-3 (FR 1-7) and NIST SP 800-82r3.",
        discussion: """
            Each system requirement gets a status (gap, evidence, or not assessable from traffic) with \
            the statements and examples behind it. HTML is one self-contained page (inline CSS, no \
            script). With --zones, SR 5.1/5.2 judge what crosses the zones against the conduits. \
            See docs/access.md.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case html, md }

    @OptionGroup var source: AccessSourceOptions

    @Option(help: "Output format (html, md).")
    var format: Format = .md

    @Option(help: "Write the report here (default: standard output).")
    var out: String?

    func run() throws {
        let policy = try source.zonePolicy()
        let data = try source.load()
        let report = data.compliance(
            zones: AccessSourceOptions.accessZones(policy),
            segmentation: AccessSourceOptions.segmentationEvidence(policy, data))
        let text =
            switch format {
            case .html: HTMLReport.render(report)
            case .md: MarkdownReport.render(report)
            }
        guard let out else {
            print(text, terminator: "")
            return
        }
        do {
            try text.write(toFile: out, atomically: true, encoding: .utf8)
        } catch {
            printError("palisade: cannot write \(out): \(error.localizedDescription)")
            throw ExitCode(1)
        }
    }
}
