import Access
import ArgumentParser
import Foundation
import Monitor
import Segmentation

/// Where `access` and `report` read from: captures, or the store; and the zones file.
struct AccessSourceOptions: ParsableArguments {
    @Argument(help: "Capture files (.pcap, .pcapng, optionally .gz); none with --db.")
    var captures: [String] = []

    @Option(name: .customLong("db"), help: "Read the store (through its ports) instead of captures.")
    var database: String?

    @Option(
        help: """
            Zones and conduits (YAML, see docs/segmentation.md): zone columns, OT zones for remote \
            access (level 3 and below), and the SR 5.1/5.2 findings against the conduits.
            """)
    var zones: String?

    @Option(help: "Worker threads (default: number of cores).")
    var workers: Int = SystemInfo.coreCount

    @OptionGroup var inventoryOptions: InventoryOptions

    func validate() throws {
        if captures.isEmpty && database == nil { throw ValidationError("Give capture files or --db PATH.") }
        if !captures.isEmpty && database != nil { throw ValidationError("Give capture files or --db PATH, not both.") }
        guard (1...255).contains(workers) else { throw ValidationError("--workers must be between 1 and 255.") }
    }

    /// The zone policy of `--zones`, or nil; a bad file is one line naming where and exit 2.
    func zonePolicy() throws -> ZonePolicy? {
        guard let zones else { return nil }
        do {
            return try ZonePolicyReader.load(path: zones)
        } catch {
            printError("palisade: \(error)")
            throw ExitCode(2)
        }
    }

    /// The zones as the access views use them: names by address, OT zones at level 3 and below.
    static func accessZones(_ policy: ZonePolicy?) -> AccessZones {
        guard let policy else { return .none }
        let operational = Set(policy.zones.filter { ($0.purdueLevel ?? 99) <= 3 }.map(\.name))
        return AccessZones(zoneOf: { policy.zone(of: $0) }, operationalZones: operational)
    }

    /// What crosses the zones in the inventory, for SR 5.1/5.2.
    static func segmentationEvidence(_ policy: ZonePolicy?, _ data: AccessData) -> SegmentationEvidence? {
        guard let policy else { return nil }
        let findings = policy.pairFindings(of: data.inventory)
        let violations = findings.filter { $0.finding != .allowed || $0.levelSkip || $0.operationalToInternet }
        return SegmentationEvidence(
            zonesConfigured: policy.zones.count, conduitsConfigured: policy.conduits.count,
            crossZoneFlowsWithoutConduit: findings.filter { $0.finding == .noConduit }.count,
            conduitOperationViolations: findings.filter { $0.finding == .operationNotAllowed }.count,
            levelSkips: findings.filter(\.levelSkip).count,
            operationalToInternet: findings.filter(\.operationalToInternet).count,
            examples: violations.prefix(8).map(\.text))
    }

    /// Runs the captures (or reads the store) and returns what both reports are built from.
    func load() throws -> AccessData {
        let reference = try inventoryOptions.loadReference()
        if let database {
            guard FileManager.default.fileExists(atPath: database) else {
                printError("palisade: --db: no store at \(database)")
                throw ExitCode(2)
            }
            let store = try StoreOptions(database: database).open(readOnly: true)
            do {
                return try AccessStoreReader.read(store, path: database, reference: reference)
            } catch {
                printError("palisade: \(database): \(error)")
                throw ExitCode(1)
            }
        }
        do {
            try CaptureAnalyzer.validate(captures)
        } catch {
            printError("palisade: \(error)")
            throw ExitCode(2)
        }
        let progress = ProgressBar(paths: captures)
        let (data, result) = CaptureAnalyzer(workers: workers).access(captures, reference: reference) { file, offset in
            progress.update(file: file, offset: offset)
        }
        progress.finish()
        for error in result.errors { printError("palisade: \(error)") }
        if data.inventory.capHits + data.observations.capHits > 0 {
            printError("palisade: caps hit \(data.inventory.capHits + data.observations.capHits) times")
        }
        if !result.errors.isEmpty && data.inventory.assets.isEmpty { throw ExitCode(1) }
        return data
    }
}
