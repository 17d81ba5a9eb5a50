import ArgumentParser
import Console
import Detection
import Foundation
import NIOSSL
import Segmentation
import Sensor
import Storage

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web console and REST API over a store (sign in with a user from `palisade users add`).")

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Address and port to listen on.") var listen = "127.0.0.1:8080"
    @Option(help: "TLS certificate chain (PEM); with --tls-key, serves HTTPS.") var tlsCert: String?
    @Option(help: "TLS private key (PEM).") var tlsKey: String?
    @Option(help: "Largest capture the import page accepts, in MB (0 turns uploads off).") var maxUploadMB = 2000
    @Option(help: "Zones and conduits (YAML, docs/segmentation.md): the zones page and the map's grouping.")
    var zones: String?
    @OptionGroup var inventoryOptions: InventoryOptions

    func validate() throws {
        guard ListenAddress(listen) != nil else {
            throw ValidationError("--listen must be HOST:PORT, e.g. 127.0.0.1:8080")
        }
        guard (tlsCert == nil) == (tlsKey == nil) else {
            throw ValidationError("--tls-cert and --tls-key go together.")
        }
    }

    func run() async throws {
        let store = try storeOptions.open()
        let address = ListenAddress(listen)!
        if try storeCall({ try store.consoleUsers() }).isEmpty {
            printError(
                "palisade: no console user yet; add one with `palisade users add NAME --role admin --db \(storeOptions.database)`"
            )
        }
        // Read before anything is printed: a bad file names itself and nothing starts.
        var tls: TLSConfiguration?
        if let tlsCert, let tlsKey {
            do {
                tls = try ConsoleServer.tlsConfiguration(certificate: tlsCert, key: tlsKey)
            } catch {
                printError("palisade: \(error)")
                throw ExitCode(2)
            }
        }
        let zonePolicy = try zones.map(loadZonePolicy)
        let scheme = tlsCert == nil ? "http" : "https"
        print("palisade console on \(scheme)://\(address.host):\(address.port)/ (store \(storeOptions.database))")
        // Seen before the server blocks, also when stdout is a pipe.
        fflush(nil)
        do {
            let reference = try inventoryOptions.loadReference()
            // Uploads are judged against the zones too, like `palisade import --zones`.
            let rules = RuleSet(
                RuleSet.builtIn.all + (zonePolicy.map { segmentationRules($0, baselinePath: nil) } ?? []))
            let importer =
                maxUploadMB > 0
                ? ConsoleCaptureImport(UploadedCaptureImport(store: store, reference: reference, rules: rules)) : nil
            try await ConsoleServer(
                store: store, tls: tlsCert != nil, importer: importer,
                maximumUploadBytes: max(maxUploadMB, 1) * 1_000_000, reference: reference,
                zonePolicy: zonePolicy
            ).run(
                host: address.host, port: address.port, tls: tls)
        } catch {
            printError("palisade: console: \(error)")
            throw ExitCode(2)
        }
    }
}

/// `HOST:PORT`, IPv6 hosts in brackets.
struct ListenAddress {
    var host: String
    var port: Int

    init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (1...65535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { return nil }
        self.host = host
        self.port = port
    }
}

/// The console's capture upload, done by the sensor's importer.
struct ConsoleCaptureImport: CaptureImportService {
    let importer: UploadedCaptureImport
    init(_ importer: UploadedCaptureImport) { self.importer = importer }
    func importCapture(path: String, name: String, progress: @escaping @Sendable (Double) -> Void) throws -> String {
        try importer.run(path: path, name: name, progress: progress)
    }
}
