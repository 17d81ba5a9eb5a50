#if canImport(Glibc)
    import Glibc
#endif

enum SystemInfo {
    static var coreCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
    static var stderrIsTerminal: Bool { isatty(2) != 0 }
}

/// Writes one line to standard error.
func printError(_ message: String) {
    var line = message
    line += "\n"
    line.withCString { _ = write(2, $0, strlen($0)) }
}

/// A one-line progress bar on standard error, drawn only on a terminal.
final class ProgressBar: @unchecked Sendable {
    private let totals: [Int64]
    private var lastDrawn: Int = -1
    private let enabled: Bool

    init(paths: [String]) {
        enabled = SystemInfo.stderrIsTerminal
        totals = paths.map { path in
            var status = stat()
            return stat(path, &status) == 0 ? Int64(status.st_size) : 0
        }
    }

    func update(file: Int, offset: Int64) {
        guard enabled, file < totals.count else { return }
        let total = max(1, totals[file])
        let percent = Int(min(100, offset * 100 / total))
        guard percent != lastDrawn else { return }
        lastDrawn = percent
        let width = 30
        let filled = percent * width / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        let line = "\r[\(bar)] \(percent)% file \(file + 1)/\(totals.count)"
        line.withCString { _ = write(2, $0, strlen($0)) }
    }

    /// Draws `fraction` (0…1) of file `file` (the importer reports fractions).
    func update(file: Int, fraction: Double) {
        guard file < totals.count else { return }
        update(file: file, offset: Int64(fraction * Double(totals[file])))
    }

    func finish() {
        guard enabled, lastDrawn >= 0 else { return }
        "\r\u{1B}[K".withCString { _ = write(2, $0, strlen($0)) }
    }
}
