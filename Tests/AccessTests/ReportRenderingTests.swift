import Access
import Testing

/// Both formats render every finding, and text from the wire stays text.
@Suite struct ReportRenderingTests {
    static let hostile = "<script>alert(1)</script> *x* | [y](http://z) & \"q\" 'r'\n# heading"

    func hostileReport() -> ComplianceReport {
        let requirement = Requirement("SR 9.9", .fr1, "Test", nist: ["XX-1"])
        return ComplianceReport(
            scope: ObservationScope(sources: [Self.hostile], firstSeen: 0, lastSeen: 1_000_000_000, continuous: false),
            findings: [
                RequirementFinding(
                    requirement: requirement, status: .gap, statements: [Self.hostile], examples: ["- " + Self.hostile])
            ])
    }

    @Test func htmlEscapesWireText() {
        let html = HTMLReport.render(hostileReport())
        #expect(!html.contains("<script"))
        #expect(
            html.contains(
                "&lt;script&gt;alert(1)&lt;/script&gt; *x* | [y](http://z) &amp; &quot;q&quot; &#39;r&#39; # heading"))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        // Self-contained: no external resource of any kind.
        #expect(!html.contains("src="))
        #expect(!html.contains("<link"))
        #expect(!html.contains("http://z\""))
    }

    @Test func markdownEscapesWireText() {
        let markdown = MarkdownReport.render(hostileReport())
        // Every "<" is escaped: no raw HTML can open.
        let characters = Array(markdown)
        #expect(characters.indices.allSatisfy { characters[$0] != "<" || ($0 > 0 && characters[$0 - 1] == "\\") })
        #expect(
            markdown.contains(
                "- \\<script\\>alert(1)\\</script\\> \\*x\\* \\| \\[y\\](http://z) \\& \"q\" 'r' # heading"))
        #expect(markdown.contains("- \\- \\<script"))
    }

    @Test func markdownLeavesAddressesAloneButNotListMarkers() {
        let requirement = Requirement("SR 9.9", .fr1, "Test", nist: [])
        let report = ComplianceReport(
            scope: ObservationScope(sources: ["a"], firstSeen: nil, lastSeen: nil, continuous: true),
            findings: [
                RequirementFinding(
                    requirement: requirement, status: .evidence, statements: ["10.77.1.20 → plc", "12. evil", "3) x"],
                    examples: [])
            ])
        let markdown = MarkdownReport.render(report)
        #expect(markdown.contains("\n- 10.77.1.20 → plc\n"))
        #expect(markdown.contains("\n- 12\\. evil\n"))
        #expect(markdown.contains("\n- 3\\) x\n"))
    }

    @Test(.enabled(if: corpusAvailable))
    func bothFormatsRenderEveryFinding() throws {
        let report = try #require(mixedCapture).compliance()
        let html = HTMLReport.render(report)
        let markdown = MarkdownReport.render(report)
        for finding in report.findings {
            #expect(
                html.contains(
                    "id=\"\(finding.requirement.id.lowercased().replacingOccurrences(of: " ", with: "-").replacingOccurrences(of: ".", with: "-"))\""
                ))
            #expect(markdown.contains("### \(finding.requirement.id) "))
        }
        #expect(
            markdown.contains(
                "| SR 1.2 | Software process and device identification and authentication | gap | IA-3, IA-9 |"))
        #expect(
            markdown.contains(
                "| SR 7.6 | Network and security configuration settings | not assessable from traffic | CM-6 |"))
        #expect(html.contains("<span class=\"status not_assessable\">not assessable from traffic</span>"))
        #expect(!html.contains("<script"))
    }
}
