import Foundation
import Hummingbird
import Storage

/// Imports an uploaded capture into the store; the CLI gives the console one built on the
/// sensor's importer (the console itself knows only the store ports).
public protocol CaptureImportService: Sendable {
    /// Imports the capture at `path` (a temporary file the service may delete), calling
    /// `progress` with 0…1; returns a line of results, or throws with a message for the user.
    func importCapture(path: String, name: String, progress: @escaping @Sendable (Double) -> Void) throws -> String
}

/// Upload jobs and their progress, in memory (bounded: the oldest finished jobs are dropped).
public actor ImportJobs {
    public struct Job: Sendable, Encodable {
        public var id: String
        public var name: String
        public var user: String
        public var state: String
        public var progress: Double
        public var result: String?
    }
    private var jobs: [String: Job] = [:]
    private var order: [String] = []

    public init() {}

    func start(name: String, user: String) -> String {
        let id = RandomToken.make(bytes: 12)
        jobs[id] = Job(id: id, name: name, user: user, state: "importing", progress: 0, result: nil)
        order.append(id)
        if order.count > 100, let oldest = order.first(where: { jobs[$0]?.state != "importing" }) {
            jobs[oldest] = nil
            order.removeAll { $0 == oldest }
        }
        return id
    }

    func update(_ id: String, progress: Double) { jobs[id]?.progress = progress }

    func finish(_ id: String, state: String, result: String) {
        jobs[id]?.state = state
        jobs[id]?.progress = 1
        jobs[id]?.result = result
    }

    func job(_ id: String) -> Job? { jobs[id] }
    func all() -> [Job] { order.compactMap { jobs[$0] }.reversed() }
}

/// `/import` (the upload page) and `/api/captures` (the upload itself, then the job's progress).
/// The body streams to a temporary file up to `maximumBytes`; it must start like a pcap or
/// pcapng file; the import runs on its own thread.
struct CaptureUploadRoutes {
    let server: ConsoleServer

    func add(to router: Router<ConsoleContext>) {
        router.get("/import") { request, context in
            let identity = try ConsoleAccess.require(.analyst, request, context)
            return HTML.response(try await page(identity))
        }
        router.post("/api/captures") { request, context in
            let identity = try ConsoleAccess.require(.analyst, request, context)
            try APIRoutes.checkHeaderCSRF(identity, request)
            return try await upload(request, identity)
        }
        router.get("/api/captures") { request, context in
            _ = try ConsoleAccess.require(.analyst, request, context)
            return try APIRoutes.json(await server.imports.all())
        }
        router.get("/api/captures/{id}") { request, context in
            _ = try ConsoleAccess.require(.analyst, request, context)
            guard let job = await server.imports.job(try context.pathID()) else {
                throw HTTPError(.notFound, message: "no such import")
            }
            return try APIRoutes.json(job)
        }
        router.get("/static/import.js") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: UploadScript.javascript)))
        }
    }

    func page(_ identity: ConsoleIdentity) async throws -> String {
        var body = "<h1>Import a capture</h1>"
        guard server.importer != nil else {
            body += "<p class=\"empty\">This console was started without capture import.</p>"
            return HTMLPage.render(title: "Import", identity: identity, active: "/import", body: body)
        }
        body += """
            <p>A pcap or pcapng file of at most \(server.maximumUploadBytes / 1_000_000) MB. It is read like \
            <code>palisade import</code>: idempotent by content, with detection.</p>
            <form id="upload" class="filters" data-csrf="\(HTML.escape(identity.csrfToken ?? ""))">
            <label>Capture <input type="file" id="capture" accept=".pcap,.pcapng,.cap" required></label>
            <button type="submit">Upload and import</button></form>
            <p><progress id="progress" max="1" value="0"></progress> <span id="status" role="status"></span></p>
            <script src="/static/import.js"></script>
            """
        let jobs = await server.imports.all()
        body += "<h2>Recent imports</h2>"
        body += HTML.table(
            ["Capture", "By", "State", "Result"],
            jobs.map {
                [HTML.escape($0.name), HTML.escape($0.user), HTML.escape($0.state), HTML.escape($0.result ?? "")]
            },
            empty: "none since the console started")
        return HTMLPage.render(title: "Import", identity: identity, active: "/import", body: body)
    }

    func upload(_ request: Request, _ identity: ConsoleIdentity) async throws -> Response {
        guard let importer = server.importer else {
            throw HTTPError(.notImplemented, message: "this console was started without capture import")
        }
        let name = String((request.query("name") ?? "upload.pcap").split(separator: "/").last ?? "upload.pcap")
            .prefix(200)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "palisade-upload-\(RandomToken.make(bytes: 9))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("capture").path
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        var written = 0
        var head = Data()
        do {
            for try await chunk in request.body {
                written += chunk.readableBytes
                guard written <= server.maximumUploadBytes else {
                    throw HTTPError(
                        .contentTooLarge, message: "the capture is larger than \(server.maximumUploadBytes) bytes")
                }
                let bytes = Data(chunk.readableBytesView)
                if head.count < 4 { head.append(bytes.prefix(4 - head.count)) }
                try handle.write(contentsOf: bytes)
            }
            try handle.close()
            guard Self.looksLikeCapture(head) else {
                throw HTTPError(
                    .unsupportedMediaType, message: "not a pcap or pcapng file (its first bytes say otherwise)")
            }
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        let jobs = server.imports
        let id = await jobs.start(name: String(name), user: identity.user)
        try? server.store.recordAudit(
            AuditEntry(
                time: WallClock.nanoseconds(), actor: identity.actor, action: "capture.upload", subject: String(name),
                detail: "\(written) bytes, import \(id)"))
        let thread = Thread {
            let outcome: (String, String)
            do {
                let result = try importer.importCapture(path: path, name: String(name)) { fraction in
                    Task { await jobs.update(id, progress: fraction) }
                }
                outcome = ("done", result)
            } catch {
                outcome = ("failed", "\(error)")
            }
            try? FileManager.default.removeItem(at: folder)
            Task { await jobs.finish(id, state: outcome.0, result: outcome.1) }
        }
        thread.start()
        var response = try APIRoutes.json(
            ImportJobs.Job(id: id, name: String(name), user: identity.user, state: "importing", progress: 0))
        response.status = .accepted
        return response
    }

    /// pcap (either byte order, µs or ns) or pcapng (section header block).
    static func looksLikeCapture(_ head: Data) -> Bool {
        let magic = [UInt8](head.prefix(4))
        return [
            [0xD4, 0xC3, 0xB2, 0xA1], [0xA1, 0xB2, 0xC3, 0xD4], [0x4D, 0x3C, 0xB2, 0xA1], [0xA1, 0xB2, 0x3C, 0x4D],
            [0x0A, 0x0D, 0x0D, 0x0A],
        ].contains(magic)
    }
}

/// Uploads the chosen file with progress, then polls the import until it is done.
enum UploadScript {
    static let javascript = """
        (function () {
          var form = document.getElementById('upload');
          if (!form) return;
          var bar = document.getElementById('progress');
          var status = document.getElementById('status');
          form.addEventListener('submit', function (event) {
            event.preventDefault();
            var file = document.getElementById('capture').files[0];
            if (!file) return;
            var request = new XMLHttpRequest();
            request.open('POST', '/api/captures?name=' + encodeURIComponent(file.name));
            request.setRequestHeader('X-CSRF-Token', form.dataset.csrf);
            request.setRequestHeader('Content-Type', 'application/octet-stream');
            request.upload.onprogress = function (e) {
              if (e.lengthComputable) { bar.value = e.loaded / e.total / 2; status.textContent = 'uploading ' + Math.round(100 * e.loaded / e.total) + '%'; }
            };
            request.onload = function () {
              var body = {};
              try { body = JSON.parse(request.responseText); } catch (e) {}
              if (request.status !== 202) { status.textContent = body.error || ('upload failed: ' + request.status); return; }
              poll(body.id);
            };
            request.onerror = function () { status.textContent = 'upload failed'; };
            request.send(file);
          });
          function poll(id) {
            fetch('/api/captures/' + id, { credentials: 'same-origin' }).then(function (r) { return r.json(); }).then(function (job) {
              bar.value = 0.5 + job.progress / 2;
              status.textContent = job.state === 'importing' ? 'importing ' + Math.round(100 * job.progress) + '%' : job.state + ': ' + (job.result || '');
              if (job.state === 'importing') setTimeout(function () { poll(id); }, 500);
            });
          }
        })();
        """
}
