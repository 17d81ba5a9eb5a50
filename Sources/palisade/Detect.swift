import ArgumentParser
import AssetInventory
import Detection
import Foundation
import Monitor
import Segmentation

struct DetectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect",
        abstract: "Run the threat rules (and the baseline, when given) over captures and print the alerts.",
        discussion:
            "Alerts follow the palisade.alert/1 schema (docs/detection.md); every alert names its rule, ATT&CK for ICS techniques and evidence frames."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, jsonl }

    @OptionGroup var options: CaptureOptions
    @OptionGroup var inventoryOptions: InventoryOptions

    @Option(help: "Output format (table, jsonl).")
    var format: Format = .table

    @Option(help: "Only alerts of at least this severity (info, low, medium, high, critical).")
    var minSeverity: String = "info"

    @Option(help: "A baseline (palisade baseline learn): departures from it are reported as anomalies.")
    var baseline: String?

    @Option(help: "A folder of YAML rule files (or one file) to run beside the built-in rules.")
    var rules: String?

    @Option(help: "Zones and conduits (YAML, docs/segmentation.md): traffic they do not allow is reported.")
    var zones: String?

    func run() throws {
        guard let threshold = Severity(name: minSeverity) else {
            printError("palisade: --min-severity: '\(minSeverity)' is not one of info, low, medium, high, critical")
            throw ExitCode(2)
        }
        let reference = try inventoryOptions.loadReference()
        var threatRules = BuiltInRules.all
        if let rules {
            let load = loadUserRules(rules, reference: reference)
            if !load.problems.isEmpty {
                for problem in load.problems { printError("palisade: \(problem)") }
                throw ExitCode(2)
            }
            threatRules += load.rules
        }
        var learned: Baseline?
        if let baseline {
            do {
                learned = try BaselineDocument.load(path: baseline)
            } catch {
                printError("palisade: \(error)")
                throw ExitCode(2)
            }
        }
        if let zones {
            threatRules += SegmentationRules.make(policy: try loadZonePolicy(zones), baseline: learned)
        }
        let ruleSet = RuleSet(threatRules)
        do {
            try CaptureAnalyzer.validate(options.captures)
        } catch {
            printError("palisade: \(error)")
            throw ExitCode(2)
        }
        let analyzer = CaptureAnalyzer(workers: options.workers)
        let progress = ProgressBar(paths: options.captures)
        let detection = analyzer.detect(
            options.captures, rules: ruleSet, reference: reference, baseline: learned
        ) { file, offset in
            progress.update(file: file, offset: offset)
        }
        progress.finish()
        for error in detection.analysis.errors { printError("palisade: \(error)") }
        if detection.capHits > 0 { printError("palisade: detection caps hit \(detection.capHits) times") }
        let alerts = threshold == .info ? detection.alerts : detection.alerts.filter { $0.severity >= threshold }
        switch format {
        case .table: print(AlertFormatter.table(alerts), terminator: "")
        case .jsonl: AlertFormatter.writeJSONLines(alerts) { try? FileHandle.standardOutput.write(contentsOf: $0) }
        }
        let failed = !detection.analysis.errors.isEmpty && detection.analysis.files.isEmpty
        // The process ends next: the inventory and the alerts are freed off this thread.
        releaseInBackground((consume detection, consume alerts))
        if failed { throw ExitCode(1) }
    }
}

/// The plant's rule files at `path` (a folder or one file), checked against the protocol tables
/// and ATT&CK data beside `reference`, with the built-in rules' ids reserved.
func loadUserRules(_ path: String, reference: ReferenceData) -> UserRuleLoad {
    let vocabulary = UserRuleVocabulary.load(
        dataDirectory: reference.directory, reservedIDs: Set(BuiltInRules.all.map(\.descriptor.id)))
    return UserRuleLoader(vocabulary: vocabulary).load(directory: path)
}
