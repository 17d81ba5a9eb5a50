import Foundation
import Hummingbird
import Storage

/// `/`: assets by role and Purdue level, alerts by severity over time, the riskiest assets, and
/// the sensors' health and mode.
struct OverviewPage {
    let server: ConsoleServer

    func add(to router: Router<ConsoleContext>) {
        router.get("/") { request, context in
            let identity = try ConsoleAccess.require(.viewer, request, context)
            return HTML.response(try render(identity))
        }
    }

    func render(_ identity: ConsoleIdentity) throws -> String {
        let store = server.store
        let summary = try server.call { try store.summary() }
        let levelCounts = try server.call { try store.assetCountsByLevel() }
        let totals = try server.call { try store.alertTotals() }
        let riskiest = try server.call { try store.assetRisks(limit: 8, scoreAbove: nil) }
        let riskLevels = try server.call { try store.riskLevelCounts() }
        let statuses = try server.call { try store.detectionStatus() }
        let recent = try server.call { try store.alertActivity(limit: 5000) }

        var body = "<h1>Overview</h1><div class=\"cards\">"
        body += card("Assets", "\(summary.assets)", "/assets")
        let open = totals.filter { $0.state != "closed" }.reduce(0) { $0 + $1.count }
        body += card("Open alerts", "\(open)", "/alerts")
        let highRisk = riskLevels["high", default: 0] + riskLevels["critical", default: 0]
        body += card("High or critical risk", "\(highRisk)", "/vulnerabilities")
        body += card("Notable events", "\(summary.events)", nil)
        body += "</div>"

        body += "<section><h2>Assets by role</h2>"
        body += HTML.table(
            ["Role", "Assets"],
            summary.assetsByRole.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map {
                [HTML.link("/assets?role=\(HTML.urlComponent($0.key))", $0.key), "\($0.value)"]
            }, empty: "no assets yet")
        var levels: [String: Int] = [:]
        for (level, count) in levelCounts { levels[level.map { "Level \($0)" } ?? "undecided", default: 0] += count }
        body += "<h2>Assets by Purdue level</h2>"
        body += HTML.table(
            ["Level", "Assets"], levels.sorted { $0.key < $1.key }.map { [HTML.escape($0.key), "\($0.value)"] },
            empty: "no assets yet")
        body += "</section>"

        body += "<section><h2>Alerts by severity over time</h2>" + AlertChart.svg(recent) + "</section>"

        body += "<section><h2>Riskiest assets</h2>"
        body += HTML.table(
            ["Asset", "Score", "Level", "Main factor"],
            riskiest.map { risk in
                [
                    HTML.link("/assets/\(HTML.urlComponent(risk.assetID))", risk.assetID),
                    String(format: "%.1f", risk.score),
                    "<span class=\"level-\(HTML.escape(risk.level))\">\(HTML.escape(risk.level))</span>",
                    HTML.escape(risk.factors.max { $0.points < $1.points }?.detail ?? ""),
                ]
            }, empty: "no assessment yet (palisade vulns import)")
        body += "</section>"

        body += "<section><h2>Sensors</h2>"
        let now = WallClock.nanoseconds()
        body += HTML.table(
            ["Interface", "Sample", "Packets/s", "Kernel drops", "Queue drops", "State"],
            summary.latestSamples.map { sample in
                [
                    HTML.escape(sample.interface), HTML.time(sample.time),
                    String(format: "%.0f", sample.packetsPerSecond),
                    "\(sample.kernelDrops)", "\(sample.queueDrops)",
                    now - sample.time > 60_000_000_000 ? "not running" : "running",
                ]
            }, empty: "no live sensor has written to this store")
        body += HTML.table(
            ["Detection", "Mode", "Baseline entries", "Learning until"],
            statuses.map { entry in
                [
                    HTML.escape(entry.sensor), HTML.escape(entry.status.mode), "\(entry.status.baselineEntries)",
                    HTML.time(entry.status.learningUntil),
                ]
            }, empty: "detection has not run in a sensor yet")
        body += "</section>"
        return HTMLPage.render(title: "Overview", identity: identity, active: "/", body: body)
    }

    private func card(_ title: String, _ value: String, _ link: String?) -> String {
        let inner =
            "<span class=\"value\">\(HTML.escape(value))</span><span class=\"label\">\(HTML.escape(title))</span>"
        if let link { return "<a class=\"card\" href=\"\(link)\">\(inner)</a>" }
        return "<div class=\"card\">\(inner)</div>"
    }
}

/// Alerts per time bucket as stacked SVG bars, laid out here (no chart library, no script).
enum AlertChart {
    static let severities = ["critical", "high", "medium", "low", "info"]

    /// `alerts`: last time and severity of each alert drawn.
    static func svg(_ alerts: [(time: Int64, severity: String)], buckets: Int = 24) -> String {
        guard let first = alerts.map(\.time).min(), let last = alerts.map(\.time).max() else {
            return "<p class=\"empty\">no alerts yet</p>"
        }
        let span = max(last - first, 1)
        var counts = Array(repeating: [String: Int](), count: buckets)
        for alert in alerts {
            // In floating point: times are untrusted and a product of nanoseconds overflows.
            let fraction = Double(alert.time) / Double(span) - Double(first) / Double(span)
            let index = min(buckets - 1, max(0, Int(fraction * Double(buckets))))
            counts[index][alert.severity, default: 0] += 1
        }
        let peak = max(1, counts.map { $0.values.reduce(0, +) }.max() ?? 1)
        let width = 720.0
        let height = 160.0
        let barWidth = width / Double(buckets)
        var svg =
            "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height + 30))\" role=\"img\" aria-label=\"alerts by severity over time\">"
        for (index, bucket) in counts.enumerated() {
            var y = height
            for severity in severities.reversed() {
                guard let count = bucket[severity], count > 0 else { continue }
                let barHeight = Double(count) / Double(peak) * (height - 10)
                y -= barHeight
                svg +=
                    "<rect class=\"sev-\(severity)\" x=\(String(format: "\"%.1f\"", Double(index) * barWidth + 1)) y=\(String(format: "\"%.1f\"", y)) width=\(String(format: "\"%.1f\"", barWidth - 2)) height=\(String(format: "\"%.1f\"", barHeight))><title>\(count) \(severity)</title></rect>"
            }
        }
        svg += "<text x=\"0\" y=\"\(Int(height + 20))\">\(HTML.time(first))</text>"
        svg += "<text x=\"\(Int(width))\" y=\"\(Int(height + 20))\" text-anchor=\"end\">\(HTML.time(last))</text>"
        svg += "<text x=\"\(Int(width))\" y=\"12\" text-anchor=\"end\">peak \(peak) per bucket</text></svg>"
        svg +=
            "<p class=\"legend\">" + severities.map { "<span class=\"sev-\($0)\">\($0)</span>" }.joined(separator: " ")
            + "</p>"
        return svg
    }
}
