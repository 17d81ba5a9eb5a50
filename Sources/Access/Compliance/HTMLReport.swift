import Monitor

/// The compliance report as one self-contained HTML page: inline CSS, no script, no external
/// resource; every text from the observations is escaped.
public enum HTMLReport {
    static let style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:72em;color:#1b1f24;line-height:1.45}
        h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #d0d7de;padding-bottom:.2em}h3{font-size:1.05em;margin-bottom:.3em}
        table{border-collapse:collapse;width:100%}th,td{border:1px solid #d0d7de;padding:.3em .6em;text-align:left;vertical-align:top}
        th{background:#f6f8fa}.status{font-weight:600;border-radius:.3em;padding:.05em .5em;white-space:nowrap}
        .status.gap{background:#ffebe9;color:#82071e}.status.evidence{background:#dafbe1;color:#116329}
        .status.not_assessable{background:#eaeef2;color:#424a53}
        .nist{color:#57606a;font-size:.9em}section.finding{margin:1.2em 0;padding-left:.8em;border-left:4px solid #d0d7de}
        section.finding.gap{border-left-color:#cf222e}section.finding.evidence{border-left-color:#2da44e}
        """

    public static func render(_ report: ComplianceReport) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Palisade compliance report</title>
            <style>\(style)</style>
            </head>
            <body>
            <h1>Palisade compliance report: IEC 62443-3-3 and NIST SP 800-82r3</h1>

            """
        html += "<ul>\n"
        for line in report.scope.summaryLines { html += "<li>\(ReportText.html(line))</li>\n" }
        html += "</ul>\n"
        html += """
            <p>What a passive network monitor can show for each system requirement (SR): <span class="status gap">gap</span> \
            (the traffic shows a weakness), <span class="status evidence">evidence</span> (the traffic supports it), or \
            <span class="status not_assessable">not assessable from traffic</span>. NIST controls are the SP 800-53r5 \
            controls of the SP 800-82r3 OT overlay.</p>
            <table>
            <tr><th>SR</th><th>requirement</th><th>status</th><th>NIST SP 800-82r3</th></tr>

            """
        for finding in report.findings {
            html +=
                "<tr><td><a href=\"#\(anchor(finding.requirement.id))\">\(ReportText.html(finding.requirement.id))</a></td><td>\(ReportText.html(finding.requirement.title))</td>"
                + "<td>\(badge(finding.status))</td><td>\(ReportText.html(finding.requirement.nistControls.joined(separator: ", ")))</td></tr>\n"
        }
        html += "</table>\n"
        for foundational in FoundationalRequirement.allCases {
            let findings = report.findings.filter { $0.requirement.foundational == foundational }
            guard !findings.isEmpty else { continue }
            html += "<h2>\(ReportText.html(foundational.title))</h2>\n"
            for finding in findings {
                html +=
                    "<section class=\"finding \(finding.status.rawValue)\" id=\"\(anchor(finding.requirement.id))\">\n"
                html +=
                    "<h3>\(ReportText.html(finding.requirement.id)) \(ReportText.html(finding.requirement.title)) \(badge(finding.status))</h3>\n"
                html +=
                    "<div class=\"nist\">NIST SP 800-82r3: \(ReportText.html(finding.requirement.nistControls.joined(separator: ", ")))</div>\n"
                html += "<ul>\n"
                for statement in finding.statements { html += "<li>\(ReportText.html(statement))</li>\n" }
                html += "</ul>\n"
                if !finding.examples.isEmpty {
                    html += "<p>Examples:</p>\n<ul>\n"
                    for example in finding.examples { html += "<li>\(ReportText.html(example))</li>\n" }
                    html += "</ul>\n"
                }
                html += "</section>\n"
            }
        }
        html += "</body>\n</html>\n"
        return html
    }

    private static func badge(_ status: ComplianceStatus) -> String {
        "<span class=\"status \(status.rawValue)\">\(ReportText.html(status.title))</span>"
    }

    /// "SR 1.13" → "sr-1-13": ids are ours, never from the wire.
    private static func anchor(_ id: String) -> String {
        String(id.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }).replacingOccurrences(of: "--", with: "-")
    }
}
