import Monitor

/// The compliance report as Markdown (GitHub-flavoured tables).
public enum MarkdownReport {
    public static func render(_ report: ComplianceReport) -> String {
        var lines = ["# Palisade compliance report: IEC 62443-3-3 and NIST SP 800-82r3", ""]
        lines += report.scope.summaryLines.map { "- " + ReportText.markdown($0) }
        lines += [
            "",
            "What a passive network monitor can show for each system requirement (SR): **gap** (the traffic shows a weakness), **evidence** (the traffic supports it), or **not assessable from traffic**. NIST controls are the SP 800-53r5 controls of the SP 800-82r3 OT overlay.",
            "",
            "| SR | requirement | status | NIST SP 800-82r3 |",
            "|---|---|---|---|",
        ]
        for finding in report.findings {
            lines.append(
                "| \(finding.requirement.id) | \(ReportText.markdown(finding.requirement.title)) | \(finding.status.title) | \(finding.requirement.nistControls.joined(separator: ", ")) |"
            )
        }
        for foundational in FoundationalRequirement.allCases {
            let findings = report.findings.filter { $0.requirement.foundational == foundational }
            guard !findings.isEmpty else { continue }
            lines += ["", "## \(foundational.title)"]
            for finding in findings {
                lines += [
                    "",
                    "### \(finding.requirement.id) \(ReportText.markdown(finding.requirement.title)): \(finding.status.title)",
                    "",
                    "NIST SP 800-82r3: \(finding.requirement.nistControls.joined(separator: ", "))",
                    "",
                ]
                lines += finding.statements.map { "- " + ReportText.markdown($0) }
                if !finding.examples.isEmpty {
                    lines += ["", "Examples:", ""]
                    lines += finding.examples.map { "- " + ReportText.markdown($0) }
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
