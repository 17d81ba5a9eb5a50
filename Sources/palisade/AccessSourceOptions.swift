import Access
import ArgumentParser
import Foundation
import Monitor

/// Where `access` and `report` read from: captures, or the store; and the zones file.
struct AccessSourceOptions: ParsableArguments {
    @Argument(help: "Capture files (.pcap, .pcapng, optionally .gz); none with --db.")
    var captures: [String] = []

    @Option(name: .customLong("db"), help: "Read the store (through its ports) instead of captures.")
    var database: String?

    @Option(
        help: """
            Zones and conduits (YAML, see docs/access.md). Accepted but not applied yet: zone columns \
            stay empty and SR 5.1/5.2 report no zones until the zone model is wired in.
            """)
    var zones: String?

    @Option(help: "Worker threads (default: number of cores).")
    var workers: Int = SystemInfo.coreCount

    @OptionGroup var inventoryOptions: InventoryOptions

    func validate() throws {
        if captures.isEmpty && database == nil { throw ValidationError("Give capture files or --db PATH.") }
        if !captures.isEmpty && database != nil { throw ValidationError("Give capture files or --db PATH, not both.") }
        guard (1...256).contains(workers) else { throw ValidationError("--workers must be between 1 and 256.") }
    }

    /// Runs the captures (or reads the store) and returns what both reports are built from.
    func load() throws -> AccessData {
        if let zones {
            guard FileManager.default.isReadableFile(atPath: zones) else {
                printError("palisade: --zones: cannot read \(zones)")
                throw ExitCode(2)
            }
            printError("palisade: --zones \(zones): zones are not applied yet (the zone model is not wired in)")
        }
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
