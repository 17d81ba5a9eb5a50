import Access
import AssetInventory
import Foundation
import Hummingbird
import HummingbirdTLS
import NIOSSL
import Segmentation
import Storage

/// What `/access`, `/report` and `/zones` show, rebuilt from the store's observations.
struct AccessViews: Sendable {
    var data: AccessData
    var report: AccessReport
}

/// The web console and REST API over the store ports (never SQLite directly).
public struct ConsoleServer: Sendable {
    public let store: any PalisadeStore
    public let sessions: SessionRegistry
    public let throttle: LoginThrottle
    /// Under TLS, cookies are `Secure` and HSTS is sent.
    public let tls: Bool
    /// Capture upload (nil: the import page says it is off).
    public let importer: (any CaptureImportService)?
    public let imports = ImportJobs()
    public let maximumUploadBytes: Int
    /// OUI and vendor tables, for the access views rebuilt from the store.
    public let reference: ReferenceData
    /// Zones and conduits (`palisade serve --zones`): the zones page, the map's grouping.
    public let zonePolicy: ZonePolicy?
    /// The access views and inventory rebuilt from the observations, until they change.
    let accessCache = RebuildCache<AccessViews>()
    /// The compliance report drawn from them, made on the first `/report` after they change.
    let complianceCache = RebuildCache<ComplianceReport>()
    /// Each sensor's baseline changes since it was reviewed, until either file changes.
    let baselineChanges = RebuildCache<BaselineReview>()

    public init(
        store: any PalisadeStore, sessions: SessionRegistry = SessionRegistry(),
        throttle: LoginThrottle = LoginThrottle(), tls: Bool = false, importer: (any CaptureImportService)? = nil,
        maximumUploadBytes: Int = 2_000_000_000, reference: ReferenceData = ReferenceData(),
        zonePolicy: ZonePolicy? = nil
    ) {
        self.reference = reference
        self.zonePolicy = zonePolicy
        self.store = store
        self.sessions = sessions
        self.throttle = throttle
        self.tls = tls
        self.importer = importer
        self.maximumUploadBytes = maximumUploadBytes
    }

    public func router() -> Router<ConsoleContext> {
        let router = Router(context: ConsoleContext.self)
        router.add(middleware: SecurityHeadersMiddleware(tls: tls))
        router.add(middleware: LoginRedirectMiddleware())
        router.add(middleware: AuthenticationMiddleware(store: store, sessions: sessions))
        router.get("/static/console.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: Stylesheet.css)))
        }
        LoginRoutes(server: self).add(to: router)
        OverviewPage(server: self).add(to: router)
        AssetPages(server: self).add(to: router)
        MapPage(server: self).add(to: router)
        CaptureUploadRoutes(server: self).add(to: router)
        AccessPages(server: self).add(to: router)
        BaselinePage(server: self).add(to: router)
        AlertGroupsPage(server: self).add(to: router)
        ZonesPage(server: self).add(to: router)
        AlertPages(server: self).add(to: router)
        VulnerabilityPage(server: self).add(to: router)
        AdminPages(server: self).add(to: router)
        APIRoutes(server: self).add(to: router)
        APIAdminRoutes(server: self).add(to: router)
        APIBaselineRoutes(server: self).add(to: router)
        return router
    }

    /// Serves until the process is interrupted; HTTPS with `tls` (from `tlsConfiguration`).
    public func run(host: String, port: Int, tls tlsConfiguration: TLSConfiguration?) async throws {
        let configuration = ApplicationConfiguration(address: .hostname(host, port: port), serverName: "Palisade")
        if let tlsConfiguration {
            let app = Application(
                router: router(), server: try .tls(.http1(), tlsConfiguration: tlsConfiguration),
                configuration: configuration)
            try await app.runService()
        } else {
            let app = Application(router: router(), configuration: configuration)
            try await app.runService()
        }
    }

    /// The server's TLS settings from PEM files; a file that cannot be read or parsed is named.
    public static func tlsConfiguration(certificate: String, key: String) throws(TLSFileError) -> TLSConfiguration {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificate)
        } catch {
            throw TLSFileError(path: certificate, what: "certificate", reason: "\(error)")
        }
        guard !chain.isEmpty else {
            throw TLSFileError(path: certificate, what: "certificate", reason: "no certificate in it")
        }
        let privateKey: NIOSSLPrivateKey
        do {
            privateKey = try NIOSSLPrivateKey(file: key, format: .pem)
        } catch {
            throw TLSFileError(path: key, what: "private key", reason: "\(error)")
        }
        return TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(privateKey))
    }

    /// The access views of the store (its inventory rebuilt from the observations, remote access,
    /// cleartext accounts, the report drawn from them), rebuilt only when the observations changed
    /// since the last request.
    func accessViews() throws -> AccessViews {
        try call { try accessViews(version: try store.observationVersion()) }
    }

    /// The IEC 62443-3-3 / NIST SP 800-82 report of the access views, kept like them.
    func complianceReport() throws -> ComplianceReport {
        try call {
            let version = try store.observationVersion()
            let views = try accessViews(version: version)
            return try complianceCache.value("store", version: version) { views.data.compliance() }
        }
    }

    private func accessViews(version: String) throws -> AccessViews {
        try accessCache.value("store", version: version) {
            let data = try AccessStoreReader.read(store, path: "store", reference: reference)
            return AccessViews(data: data, report: data.report())
        }
    }

    /// A store call in a handler: a store error is a 500 with its text.
    func call<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as HTTPError {
            throw error
        } catch {
            throw HTTPError(.internalServerError, message: "store: \(error)")
        }
    }
}

/// `application/x-www-form-urlencoded` bodies and query strings into a dictionary (last value
/// wins); bounded by the context's upload limit.
enum FormBody {
    static func read(_ request: Request, context: ConsoleContext) async throws -> [String: String] {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: context.maxUploadSize)
        } catch {
            throw HTTPError(.contentTooLarge, message: "the form is larger than \(context.maxUploadSize) bytes")
        }
        return parse(String(buffer: buffer))
    }

    static func parse(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&").prefix(100) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]) else { continue }
            fields[name] = parts.count > 1 ? decode(parts[1]) ?? "" : ""
        }
        return fields
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}

extension Request {
    /// A query parameter, or nil when absent or empty.
    func query(_ name: String) -> String? {
        guard let value = uri.queryParameters[Substring(name)], !value.isEmpty else { return nil }
        // Already percent-decoded; a form's GET query still writes spaces as '+'.
        return String(value).replacingOccurrences(of: "+", with: " ")
    }

    /// The page number (1-based) from `page=`, bounded.
    var page: Int { min(max(Int(query("page") ?? "1") ?? 1, 1), 100_000) }
}

/// A TLS certificate or key file that cannot be used.
public struct TLSFileError: Error, CustomStringConvertible {
    public var path: String
    public var what: String
    public var reason: String
    public var description: String {
        "cannot use \(path) as the TLS \(what): "
            + (FileManager.default.fileExists(atPath: path) ? "not a PEM \(what) (\(reason))" : "no such file")
    }
}
