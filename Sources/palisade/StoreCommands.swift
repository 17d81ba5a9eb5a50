import AlertExport
import ArgumentParser
import AssetInventory
import Detection
import Foundation
import Monitor
import SQLiteStore
import Segmentation
import Sensor
import SensorMetrics
import Storage

/// Where the embedded store lives unless `--db` says otherwise.
let defaultDatabasePath = "palisade-data/palisade.db"

struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "The embedded store (SQLite file; created if missing).")
    var database: String = defaultDatabasePath

    init() {}
    init(database: String) { self.database = database }

    func open(readOnly: Bool = false) throws -> SQLiteStore {
        do {
            return try SQLiteStore(path: database, readOnly: readOnly)
        } catch {
            printError("palisade: \(error)")
            throw ExitCode(2)
        }
    }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import captures into the store (idempotent by content hash; --force imports again).")

    @OptionGroup var options: CaptureOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var inventoryOptions: InventoryOptions

    @Flag(help: "Import again captures whose content was imported before (replacing what they gave).")
    var force = false

    @Option(help: "Zones and conduits (YAML, docs/segmentation.md): traffic they do not allow is stored as alerts.")
    var zones: String?

    func run() throws {
        let reference = try inventoryOptions.loadReference()
        var rules = RuleSet.builtIn
        if let zones { rules = RuleSet(rules.all + segmentationRules(try loadZonePolicy(zones), baselinePath: nil)) }
        let store = try storeOptions.open()
        let outcomes = try importCaptures(
            options.captures, into: store, reference: reference, workers: options.workers, force: force, rules: rules)
        if outcomes.failed > 0 { throw ExitCode(1) }
    }
}

/// Imports each capture, printing one line per capture; a capture that fails does not stop the
/// others. Returns how many failed.
func importCaptures(
    _ paths: [String], into store: SQLiteStore, reference: ReferenceData, workers: Int, force: Bool,
    rules: RuleSet = .builtIn
) throws -> (imported: Int, failed: Int) {
    let writer: StoreWriter
    do {
        writer = try StoreWriter(store: store, reference: reference)
    } catch {
        printError("palisade: \(error)")
        throw ExitCode(2)
    }
    let importer = CaptureImporter(writer: writer, workers: workers)
    let detection = StoreDetection(rules: rules)
    importer.detection = detection
    let progress = ProgressBar(paths: paths)
    var imported = 0
    var failed = 0
    for (index, path) in paths.enumerated() {
        do {
            let eventsBefore = writer.eventsWritten
            let alertsBefore = detection.alertsRecorded
            let outcome = try importer.importCapture(path, force: force) { fraction in
                progress.update(file: index, fraction: fraction)
            }
            progress.finish()
            switch outcome {
            case .imported(_, let packets, _, let dropped, let warnings):
                imported += 1
                for warning in warnings { printError("palisade: \(warning)") }
                let events = writer.eventsWritten - eventsBefore
                var line = "imported \(path): \(packets) packets, \(events) notable events"
                let alerts = detection.alertsRecorded - alertsBefore
                if alerts > 0 { line += ", \(alerts) alert occurrences (palisade alerts list)" }
                if dropped > 0 { line += ", \(dropped) events dropped at the cap" }
                print(line)
            case .alreadyImported(_, let source):
                print(
                    "skipped \(path): already imported (same content as \(source.name), \(source.packets) packets); use --force to import again"
                )
            }
        } catch {
            progress.finish()
            failed += 1
            printError("palisade: \(error)")
        }
    }
    // New identities are matched to the advisories imported earlier (`palisade vulns import`).
    if imported > 0, (try? store.advisoryCount()) ?? 0 > 0 {
        do {
            print(assessmentLine(try StoreAssessment.run(store: store)))
        } catch {
            printError("palisade: vulnerability assessment failed: \(error)")
        }
    }
    return (imported, failed)
}

struct SensorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensor",
        abstract: "Monitor live interfaces continuously (receive only) into the store; stop with Ctrl-C.")

    @Option(name: .shortAndLong, help: "Interface to listen on (repeat for several).")
    var interface: [String] = []

    @Option(name: .customLong("db"), help: "The embedded store (default: \(defaultDatabasePath), or the config's db).")
    var database: String?

    @Option(help: "Configuration file (YAML).")
    var config: String?

    @Option(help: "Prometheus metrics endpoint, host:port (e.g. 127.0.0.1:9109).")
    var metricsListen: String?

    @Option(help: "Stop after this many seconds (default: until interrupted).")
    var seconds: Double?

    @Option(
        help:
            "Baseline document: monitored against when it exists, learned first when it does not (the config's detection section sets the learning period)."
    )
    var baseline: String?

    @OptionGroup var inventoryOptions: InventoryOptions

    func run() throws {
        var configuration = SensorConfiguration()
        if let config {
            do {
                configuration = try SensorConfiguration.load(path: config)
            } catch {
                printError("palisade: \(error)")
                throw ExitCode(2)
            }
        }
        if !interface.isEmpty { configuration.interfaces = interface }
        if let database { configuration.database = database }
        if let metricsListen { configuration.metricsListen = metricsListen }
        guard !configuration.interfaces.isEmpty else {
            printError("palisade: give an interface with --interface (or 'interfaces' in the configuration)")
            throw ExitCode(2)
        }
        let reference = try inventoryOptions.loadReference()
        let store: SQLiteStore
        let writer: StoreWriter
        do {
            store = try SQLiteStore(path: configuration.database)
            writer = try StoreWriter(store: store, reference: reference)
        } catch {
            printError("palisade: \(error)")
            throw ExitCode(2)
        }
        if let baseline { configuration.detection.baselinePath = baseline }
        let detection = try makeDetection(configuration, reference: reference)
        defer { detection?.export?.close() }
        let sensor: LiveSensor
        do {
            sensor = try LiveSensor(configuration: configuration, writer: writer, detection: detection?.detection)
        } catch {
            printError("palisade: \(error)")
            throw ExitCode(2)
        }
        sensor.log = { printError($0) }
        var endpoint: MetricsEndpoint?
        if let address = configuration.metricsListen {
            let metrics = SensorMetrics(version: palisadeVersion)
            do {
                let server = try MetricsEndpoint(address: address, metrics: metrics)
                let port = try server.start()
                endpoint = server
                printError(
                    "palisade: metrics at http://\(address.hasSuffix(":0") ? String(address.dropLast(2)) + ":\(port)" : address)/metrics"
                )
            } catch {
                printError("palisade: \(error)")
                throw ExitCode(2)
            }
            SensorMetricsWiring.connect(metrics, sensor: sensor, writer: writer)
        }
        defer { endpoint?.shutdown() }
        SensorStop.install(sensor)
        printError(
            "palisade: sensor on \(configuration.interfaces.joined(separator: ", ")) writing to \(configuration.database) (receive only)\(Self.detectionNote(detection?.detection, configuration))"
        )
        let deadline = seconds.map { monotonicSeconds() + $0 }
        sensor.run(until: { deadline.map { monotonicSeconds() >= $0 } ?? false })
        var stopped = "palisade: sensor stopped; \(writer.eventsWritten) notable events stored this run"
        if writer.eventsDropped > 0 { stopped += ", \(writer.eventsDropped) dropped (store too slow or failing)" }
        if writer.sessionsDropped > 0 { stopped += ", \(writer.sessionsDropped) remote-access session reports dropped" }
        printError(stopped)
    }
}

/// The sensor's detection from its configuration: the built-in rules and the plant's own (a bad
/// rule file is reported and skipped, the others load), the baseline stage when a baseline path
/// is given (monitor it, or learn it first), and the SIEM exporters.
func makeDetection(_ configuration: SensorConfiguration, reference: ReferenceData) throws -> (
    detection: StoreDetection, export: AlertExportHub?
)? {
    let settings = configuration.detection
    guard settings.enabled else { return nil }
    var rules = RuleSet.builtIn
    if let folder = settings.rulesFolder {
        let load = loadUserRules(folder, reference: reference)
        for problem in load.problems { printError("palisade: \(problem) (rule skipped)") }
        rules = RuleSet(BuiltInRules.all + load.rules)
        printError("palisade: \(load.rules.count) user rules from \(folder)")
    }
    if let policy = configuration.zonePolicy {
        rules = RuleSet(rules.all + segmentationRules(policy, baselinePath: settings.baselinePath))
    }
    var export: AlertExportHub?
    if let yaml = settings.exportYAML {
        do {
            export = try AlertExportHub(
                configuration: AlertExportConfiguration.load(yaml: yaml),
                identity: AlertSourceIdentity(version: palisadeVersion),
                onError: { printError("palisade: alert export: \($0)") })
        } catch {
            printError("palisade: detection.export: \(error)")
            throw ExitCode(2)
        }
    }
    let detection: StoreDetection
    if let path = settings.baselinePath {
        do {
            detection = try StoreDetection(rules: rules, baseline: .init(settings, path: path))
        } catch {
            printError("palisade: \(error)")
            throw ExitCode(2)
        }
    } else {
        detection = StoreDetection(rules: rules)
    }
    detection.log = { printError($0) }
    detection.statusName = configuration.interfaces.joined(separator: "+")
    if let export { detection.onAlerts = { alerts in for alert in alerts { export.export(alert) } } }
    return (detection, export)
}

extension SensorCommand {
    /// `; detection: learning the baseline /x.yaml` for the start line.
    static func detectionNote(_ detection: StoreDetection?, _ configuration: SensorConfiguration) -> String {
        guard let detection else { return "; detection off" }
        guard let path = configuration.detection.baselinePath else { return "; threat rules on, no baseline" }
        return detection.mode == "learning"
            ? "; threat rules on, learning the baseline \(path)" : "; threat rules on, monitoring the baseline \(path)"
    }
}

/// SIGINT/SIGTERM end the captures; the sensor then flushes and returns.
enum SensorStop {
    nonisolated(unsafe) static var sensor: LiveSensor?

    static func install(_ sensor: LiveSensor) {
        Self.sensor = sensor
        signal(SIGINT) { _ in SensorStop.sensor?.stop() }
        signal(SIGTERM) { _ in SensorStop.sensor?.stop() }
    }
}

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "What the store holds and how the sensor is doing.")

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Output format (text or json).")
    var format: Analyze.Format = .text

    func run() throws {
        let store = try storeOptions.open(readOnly: true)
        let summary: StoreSummary
        do {
            summary = try store.summary()
        } catch {
            printError("palisade: \(error)")
            throw ExitCode(2)
        }
        let detection = try StatusReport.Detection(store)
        print(
            format == .json
                ? StatusReport.json(summary, detection: detection) : StatusReport.text(summary, detection: detection))
    }
}

/// The segmentation rules of the sensor's zones; `segmentation.new-path` judges against the
/// baseline file as it is when the sensor starts (none yet: the rule waits for a restart).
func segmentationRules(_ policy: ZonePolicy, baselinePath: String?) -> [any ThreatRule] {
    let baseline = baselinePath.flatMap {
        FileManager.default.fileExists(atPath: $0) ? try? BaselineDocument.load(path: $0) : nil
    }
    printError(
        "palisade: segmentation: \(policy.zones.count) zones, \(policy.conduits.count) conduits\(baseline == nil ? "" : ", new paths against the baseline")"
    )
    return SegmentationRules.make(policy: policy, baseline: baseline)
}
