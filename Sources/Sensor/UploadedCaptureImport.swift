import AssetInventory
import Detection
import Foundation
import Storage

/// One capture uploaded through the console, imported like `palisade import` (idempotent by
/// content, with detection and the vulnerability assessment), one at a time.
public final class UploadedCaptureImport: @unchecked Sendable {
    private let store: any PalisadeStore
    private let reference: ReferenceData
    private let rules: RuleSet
    private let lock = NSLock()

    /// `rules`: the built-in rules, plus the segmentation rules when the console has zones.
    public init(store: any PalisadeStore, reference: ReferenceData, rules: RuleSet = .builtIn) {
        self.store = store
        self.reference = reference
        self.rules = rules
    }

    /// Imports `path`, named `name` in the store; returns a line of results.
    public func run(path: String, name: String, progress: @escaping @Sendable (Double) -> Void) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        let writer = try StoreWriter(store: store, reference: reference)
        let importer = CaptureImporter(writer: writer, workers: 2)
        let detection = StoreDetection(rules: rules)
        importer.detection = detection
        let outcome = try importer.importCapture(path, force: false, progress: progress)
        switch outcome {
        case .imported(_, let packets, let events, _, let warnings):
            var line =
                "\(name): \(packets) packets, \(events) notable events, \(detection.alertsRecorded) alert occurrences"
            if try store.advisoryCount() > 0 {
                let summary = try StoreAssessment.run(store: store)
                line += "; \(summary.affectedAssets) assets affected by advisories"
            }
            if !warnings.isEmpty { line += "; " + warnings.joined(separator: "; ") }
            return line
        case .alreadyImported(_, let source):
            return "\(name): already imported (same content as \(source.name))"
        }
    }
}
