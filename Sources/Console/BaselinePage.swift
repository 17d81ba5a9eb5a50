import Detection
import Foundation
import Hummingbird
import Storage

/// A baseline file judged against its reviewed copy.
enum BaselineReview: Sendable {
    case unparsable
    case notReviewed
    /// What changed since the review, in words.
    case changes([String])
}

/// `/baseline`: each sensor's learning progress, the baseline document as a person reads it,
/// and what changed since it was last reviewed. "Mark reviewed" (analyst) keeps a copy next to
/// the baseline (`<baseline>.reviewed`), so the next visit shows only newer changes.
struct BaselinePage {
    let server: ConsoleServer
    /// Larger baseline files are shown cut, with a note.
    static let maximumShownBytes = 512 * 1024

    func add(to router: Router<ConsoleContext>) {
        router.get("/baseline") { request, context in
            let identity = try ConsoleAccess.require(.viewer, request, context)
            return HTML.response(try render(identity, notice: request.query("done")))
        }
        router.post("/baseline/reviewed") { request, context in
            let identity = try ConsoleAccess.require(.analyst, request, context)
            let form = try await FormBody.read(request, context: context)
            try ConsoleAccess.checkCSRF(identity, form: form)
            try markReviewed(sensor: form["sensor"] ?? "", by: identity)
            return Response(status: .seeOther, headers: [.location: "/baseline?done=reviewed"])
        }
    }

    /// Sensor → baseline file, from the detection status the sensors write.
    func baselinePaths() throws -> [String: String] {
        var paths: [String: String] = [:]
        for (sensor, status) in try server.call({ try server.store.detectionStatus() }) {
            if let path = status.baselinePath { paths[sensor] = path }
        }
        return paths
    }

    /// Keeps a copy of the sensor's baseline as `<baseline>.reviewed`; later diffs start there.
    func markReviewed(sensor: String, by identity: ConsoleIdentity) throws {
        guard let path = try baselinePaths()[sensor] else {
            throw HTTPError(.notFound, message: "no baseline for sensor \(sensor)")
        }
        do {
            let reviewed = path + ".reviewed"
            try? FileManager.default.removeItem(atPath: reviewed)
            try FileManager.default.copyItem(atPath: path, toPath: reviewed)
        } catch {
            throw HTTPError(.internalServerError, message: "could not keep the reviewed copy: \(error)")
        }
        try? server.store.recordAudit(
            AuditEntry(
                time: WallClock.nanoseconds(), actor: identity.actor, action: "baseline.reviewed", subject: path,
                detail: "sensor \(sensor)"))
    }

    /// How far a learning sensor is through its configured period, 0…1; nil when monitoring.
    static func learningProgress(_ status: DetectionStatus, now: Int64) -> Double? {
        guard status.mode == "learning", let start = status.learningStarted, let until = status.learningUntil,
            until > start
        else { return nil }
        return min(1, max(0, Double(min(now, until) - start) / Double(until - start)))
    }

    /// The baseline at `path` against its reviewed copy. Parsing a plant's baseline takes
    /// seconds, so the result is kept until either file changes (size or modification time).
    func review(_ path: String) throws -> BaselineReview {
        let reviewedPath = path + ".reviewed"
        let version = [path, reviewedPath].map(Self.fileVersion).joined(separator: "|")
        return try server.baselineChanges.value(path, version: version) {
            guard let current = try? BaselineDocument.load(path: path) else { return .unparsable }
            guard let reviewed = try? BaselineDocument.load(path: reviewedPath) else { return .notReviewed }
            return .changes(BaselineDiff.changes(from: reviewed, to: current))
        }
    }

    static func fileVersion(_ path: String) -> String {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return "none" }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(size)@\(modified)"
    }

    func render(_ identity: ConsoleIdentity, notice: String?) throws -> String {
        let statuses = try server.call { try server.store.detectionStatus() }
        var body = "<h1>Baseline</h1>"
        if let notice { body += "<p class=\"notice\" role=\"status\">Saved (\(HTML.escape(notice))).</p>" }
        let now = WallClock.nanoseconds()
        body += HTML.table(
            ["Sensor", "Mode", "Progress", "Entries", "Last change", "File"],
            statuses.map { entry in
                let status = entry.status
                var progress = "–"
                if let fraction = Self.learningProgress(status, now: now), let until = status.learningUntil {
                    progress =
                        "<progress max=\"1\" value=\"\(String(format: "%.3f", fraction))\"></progress> \(Int(fraction * 100))% (until \(HTML.time(until)))"
                }
                return [
                    HTML.escape(entry.sensor), HTML.escape(status.mode), progress, "\(status.baselineEntries)",
                    HTML.time(status.lastBaselineChange), HTML.escape(status.baselinePath ?? "–"),
                ]
            }, empty: "no sensor has run detection with a baseline yet (palisade sensor --baseline FILE)")
        for (sensor, status) in statuses {
            guard let path = status.baselinePath else { continue }
            body += "<section><h2>\(HTML.escape(sensor)): \(HTML.escape(path))</h2>"
            guard let data = FileManager.default.contents(atPath: path) else {
                body +=
                    "<p class=\"empty\">the file is not there yet (written when learning produces entries)</p></section>"
                continue
            }
            switch try review(path) {
            case .changes(let changes):
                body += "<h3>Changes since last reviewed</h3>"
                body +=
                    changes.isEmpty
                    ? "<p class=\"empty\">none</p>"
                    : "<ul>" + changes.prefix(500).map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>"
            case .notReviewed:
                body += "<p>Not reviewed yet: every entry is new.</p>"
            case .unparsable:
                body += "<p class=\"error\">the file does not parse as a palisade baseline</p>"
            }
            if identity.role >= .analyst {
                body +=
                    "<form method=\"post\" action=\"/baseline/reviewed\">\(HTML.csrfField(identity))<input type=\"hidden\" name=\"sensor\" value=\"\(HTML.escape(sensor))\"><button type=\"submit\">Mark reviewed</button></form>"
            }
            let shown = data.prefix(Self.maximumShownBytes)
            body += "<h3>Document</h3><pre>\(HTML.escape(String(decoding: shown, as: UTF8.self)))</pre>"
            if data.count > shown.count {
                body += "<p class=\"empty\">shown: the first \(shown.count) of \(data.count) bytes</p>"
            }
            body += "</section>"
        }
        return HTMLPage.render(title: "Baseline", identity: identity, active: "/baseline", body: body)
    }
}
