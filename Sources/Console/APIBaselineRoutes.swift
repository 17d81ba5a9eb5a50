import Detection
import Foundation
import Hummingbird
import Storage

/// The baseline for machines: each sensor's learning progress, document and changes since the
/// last review (viewer); marking it reviewed and learning an alert into it (analyst).
struct APIBaselineRoutes {
    let server: ConsoleServer

    func add(to router: Router<ConsoleContext>) {
        let page = BaselinePage(server: server)
        router.get("/api/baseline") { request, context in
            _ = try ConsoleAccess.require(.viewer, request, context)
            let statuses = try server.call { try server.store.detectionStatus() }
            let now = WallClock.nanoseconds()
            return try APIRoutes.json(
                try statuses.map { try Self.record(page, sensor: $0.sensor, status: $0.status, now: now) })
        }
        router.post("/api/baseline/reviewed") { request, context in
            let identity = try ConsoleAccess.require(.analyst, request, context)
            try APIRoutes.checkHeaderCSRF(identity, request)
            let body = try await APIRoutes.jsonBody(request, context)
            let sensor = body["sensor"] as? String ?? ""
            try page.markReviewed(sensor: sensor, by: identity)
            guard
                let status = try server.call({ try server.store.detectionStatus() }).first(where: {
                    $0.sensor == sensor
                })
            else { throw HTTPError(.notFound, message: "no baseline for sensor \(sensor)") }
            return try APIRoutes.json(
                try Self.record(page, sensor: sensor, status: status.status, now: WallClock.nanoseconds()))
        }
        router.post("/api/alerts/{id}/learn") { request, context in
            let identity = try ConsoleAccess.require(.analyst, request, context)
            try APIRoutes.checkHeaderCSRF(identity, request)
            let id = try context.pathID()
            let body = try await APIRoutes.jsonBody(request, context)
            let baseline = body["baseline"] as? String
            let outcome = try Triage.learn(
                server, id: id, baseline: baseline, note: body["note"] as? String ?? "", actor: identity.actor)
            return try APIRoutes.json(
                APIRecords.Learned(
                    alert: id, baseline: baseline ?? "", changes: outcome.changes, learnedEvents: outcome.learnedEvents)
            )
        }
    }

    /// The changes since review come from the page's cache: parsing a plant's baseline takes
    /// seconds, and it is kept until either file changes.
    static func record(_ page: BaselinePage, sensor: String, status: DetectionStatus, now: Int64) throws
        -> APIRecords.BaselineSensor
    {
        var record = APIRecords.BaselineSensor(
            sensor: sensor, mode: status.mode, progress: BaselinePage.learningProgress(status, now: now),
            learningUntil: status.learningUntil.map(APIRecords.time), entries: status.baselineEntries,
            lastChange: status.lastBaselineChange.map(APIRecords.time), path: status.baselinePath, reviewed: false)
        guard let path = status.baselinePath else { return record }
        guard let data = FileManager.default.contents(atPath: path) else {
            record.problem = "the file is not there yet (written when learning produces entries)"
            return record
        }
        record.documentBytes = data.count
        record.document = String(decoding: data.prefix(BaselinePage.maximumShownBytes), as: UTF8.self)
        switch try page.review(path) {
        case .unparsable: record.problem = "the file does not parse as a palisade baseline"
        case .notReviewed: break
        case .changes(let changes):
            record.reviewed = true
            record.changesSinceReview = Array(changes.prefix(500))
        }
        return record
    }
}
