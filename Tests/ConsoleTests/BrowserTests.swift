import CorpusTestSupport
import Foundation
import Testing

/// The console in a real browser: headless Chromium driven by Selenium logs in to a `palisade
/// demo` store, opens every page, checks the simulated plant's content, triages an alert and
/// uploads a capture (`Browser/console_e2e.py`; screenshots in its work folder).
@Suite(
    .enabled(
        if: BrowserAvailability.available, "needs chromium, chromium-driver and python3-selenium (pip install selenium)"
    ),
    .enabled(if: CLI.binary != nil, "palisade executable not found next to the tests"))
struct BrowserTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Browser/console_e2e.py").path
    static let data = corpusRoot.deletingLastPathComponent().appendingPathComponent("data").path

    @Test func everyPageInChromium() throws {
        let folder = try makeTemporaryFolder("palisade-e2e")
        let (status, output) = try OpenAPIValidator.runPython(
            [
                Self.script, CLI.binary!, Self.data, folder.path,
                corpusRoot.appendingPathComponent("peers/modbus-attack.pcap").path,
            ])
        #expect(status == 0, "\(output.suffix(3000))")
        if status == 0 { try? FileManager.default.removeItem(at: folder) }
    }
}

enum BrowserAvailability {
    static let available: Bool = {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver")
            && FileManager.default.fileExists(
                atPath: corpusRoot.appendingPathComponent("peers/modbus-attack.pcap").path)
            && (try? OpenAPIValidator.runPython(["-c", "import selenium"]))?.status == 0
    }()
}
