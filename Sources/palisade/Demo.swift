import ArgumentParser
import AssetInventory
import Console
import Detection
import Foundation
import HummingbirdBcrypt
import PlantSimulator
import SQLiteStore
import Sensor
import Storage

/// `palisade demo`: the first thing to run on a fresh machine. Simulates a plant with an attack,
/// imports it into an embedded store, and shows what Palisade found and where to look next.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Simulate a plant under attack, import it into a store, and show what was found."
    )

    @Option(help: "Folder for the capture, its ground truth and the store.")
    var dir = "palisade-demo"

    @Option(help: "Simulated minutes.")
    var minutes: Double = 10

    @Option(help: "Seed of the simulation.")
    var seed: UInt64 = 1

    @Option(help: "Worker threads.")
    var workers: Int = SystemInfo.coreCount

    @OptionGroup var inventoryOptions: InventoryOptions

    @Flag(help: "Stop after the report instead of serving the console.") var noServe = false

    @Option(help: "Where the console listens at the end.") var listen = "127.0.0.1:8080"

    func validate() throws {
        guard ListenAddress(listen) != nil else { throw ValidationError("--listen must be HOST:PORT") }
        guard minutes > 0, minutes <= 24 * 60 else { throw ValidationError("--minutes must be in (0, 1440].") }
        guard (1...255).contains(workers) else { throw ValidationError("--workers must be between 1 and 255.") }
    }

    func run() async throws {
        let reference = try inventoryOptions.loadReference()
        let folder = URL(fileURLWithPath: dir)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            printError("palisade: \(dir): cannot create the demo folder (\(error.localizedDescription))")
            throw ExitCode(2)
        }
        let capture = folder.appendingPathComponent("plant.pcap").path
        let truthPath = capture + ".truth.jsonl"
        let database = folder.appendingPathComponent("palisade.db").path

        print("1. Simulating \(Int(minutes)) minutes of a plant with an attack (seed \(seed)) …")
        let truth: GroundTruth
        do {
            truth = try PlantSimulator.write(to: capture, minutes: minutes, seed: seed, attack: true)
            try truth.jsonLines().write(toFile: truthPath, atomically: true, encoding: .utf8)
        } catch {
            printError("palisade: simulation failed: \(error)")
            throw ExitCode(1)
        }
        print("   \(capture): \(truth.frameCount) frames; ground truth: \(truthPath) (\(truth.steps.count) steps)")

        print("2. Importing it into \(database) …")
        let store = try StoreOptions(database: database).open()
        let outcome = try importCaptures([capture], into: store, reference: reference, workers: workers, force: false)
        if outcome.failed > 0 { throw ExitCode(1) }
        if let data = ReferenceData.candidateDirectories(explicit: inventoryOptions.dataDirectory).first(where: {
            FileManager.default.fileExists(atPath: $0 + "/csaf")
        }) {
            print("   Importing the CISA ICS advisories and KEV catalog from \(data) …")
            do {
                let report = try AdvisoryImporter.importPaths([data], into: store)
                print(
                    "   \(report.added + report.updated + report.unchanged) advisories, \(report.skipped.count) skipped"
                )
                print("   " + assessmentLine(try StoreAssessment.run(store: store)))
            } catch {
                printError("palisade: advisories not imported: \(error)")
            }
        }

        print("3. What the store holds:")
        let summary: StoreSummary
        do {
            summary = try store.summary()
        } catch {
            printError("palisade: \(error)")
            throw ExitCode(2)
        }
        let detection = try StatusReport.Detection(store)
        for line in StatusReport.text(summary, detection: detection).split(separator: "\n") { print("   " + line) }

        print("4. The injected attack, step by step, against the events in the store:")
        var found = 0
        for step in truth.steps {
            let hit = try matches(step, in: store)
            if hit { found += 1 }
            let technique = step.technique.map { " [\($0)]" } ?? ""
            print(
                "   \(hit ? "found  " : "MISSING") \(step.time) \(step.step)\(technique): \(step.sourceIP) → \(step.destinationIP) \(step.protocolName) \(step.functionName)"
            )
        }
        print("   \(found) of \(truth.steps.count) injected steps are in the store as notable events.")

        print("5. Alerts raised (medium and above):")
        var query = AlertQuery()
        query.minimumSeverity = "medium"
        let alerts: [StoredAlert]
        do {
            alerts = try store.alerts(query)
        } catch {
            printError("palisade: \(error)")
            throw ExitCode(2)
        }
        let table = AlertFormatter.table(alerts.map(Alert.init).sorted { $0.firstTime < $1.firstTime })
        for line in table.split(separator: "\n", omittingEmptySubsequences: false) { print("   " + line) }
        print(
            """
            Next:
              palisade status --db \(database)
              palisade alerts list --db \(database)     (triage: alerts ack|close|mute ID)
              palisade detect \(capture) --format jsonl (alerts with their evidence)
              palisade inventory \(capture)            (the assets, with roles and identity)
              palisade map \(capture) --format dot     (the communication map)
              palisade decode \(capture) --format jsonl --protocol s7comm
              palisade vulns list --db \(database)      (risk per asset and the advisories behind it)
              palisade serve --db \(database)         (the web console)
              sqlite3 \(database) "SELECT time, protocol, function_name, source, destination FROM event WHERE operation IN ('control','program')"
            """)
        guard !noServe else { return }
        try await serveConsole(store: store, database: database)
    }

    /// Gives the demo store an `admin` with a new random password and serves the console.
    private func serveConsole(store: SQLiteStore, database: String) async throws {
        let password = RandomToken.make(bytes: 15)
        let admin = ConsoleUser(
            name: "admin", role: .admin, passwordHash: Bcrypt.hash(password, cost: 12), created: WallClock.nanoseconds()
        )
        try storeCall { try store.saveConsoleUser(admin, actor: "demo") }
        let address = ListenAddress(listen)!
        print(
            """
            6. The web console: http://\(address.host):\(address.port)/
               user admin, password \(password)   (Ctrl-C stops it; palisade serve --db \(database) starts it again)
            """)
        // Seen before the server blocks, also when stdout is a pipe.
        fflush(nil)
        do {
            let reference = try inventoryOptions.loadReference()
            let importer = ConsoleCaptureImport(UploadedCaptureImport(store: store, reference: reference))
            try await ConsoleServer(store: store, importer: importer, reference: reference).run(
                host: address.host, port: address.port, tls: nil)
        } catch {
            printError("palisade: console not started on \(listen): \(error)")
            throw ExitCode(2)
        }
    }

    /// Whether the store holds an event for the step: same protocol, operation, function name
    /// and endpoints (the ground truth names functions as Palisade's decoders do; a download
    /// block travels from the PLC to the client, so either direction counts).
    private func matches(_ step: GroundTruthStep, in store: SQLiteStore) throws -> Bool {
        var query = EventQuery()
        query.protocolName = step.protocolName
        query.operations = [step.operation]
        query.limit = 100_000
        let events: [StoredEvent]
        do {
            events = try store.events(query)
        } catch {
            printError("palisade: \(error)")
            throw ExitCode(2)
        }
        return events.contains { event in
            guard event.functionName == step.functionName else { return false }
            // A layer-2 event (ARP) names its endpoints by MAC.
            if event.source == step.sourceMAC { return true }
            let endpoints = [event.source, event.destination]
            return endpoints.contains(step.sourceIP) && endpoints.contains(step.destinationIP)
        }
    }
}
