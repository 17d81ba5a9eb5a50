import Foundation

/// The `palisade` executable built next to this test bundle.
/// The repository checkout these tests belong to.
public let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

public enum CLI {
    public static let binary: String? = {
        let fileManager = FileManager.default
        var folders: [URL] = []
        // The test bundle lives in `<scratch>/debug/` (or `<scratch>/<triple>/debug/`), like the executable.
        let argument0 = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        folders.append(argument0.deletingLastPathComponent())
        folders.append(Bundle.main.bundleURL)
        folders.append(Bundle.main.bundleURL.deletingLastPathComponent())
        if let executable = Bundle.main.executableURL { folders.append(executable.deletingLastPathComponent()) }
        // Walk up from the bundle (on macOS it is `…/debug/X.xctest/Contents/MacOS`).
        var up = argument0.deletingLastPathComponent()
        for _ in 0..<4 {
            up = up.deletingLastPathComponent()
            folders.append(up)
        }
        // Fall back to the scratch paths used for this package.
        for scratch in [".build-flows", ".build"] {
            folders.append(repositoryRoot.appendingPathComponent("\(scratch)/debug"))
        }
        for folder in folders {
            let candidate = folder.appendingPathComponent("palisade").path
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
                fileManager.isExecutableFile(atPath: candidate)
            {
                return candidate
            }
        }
        return nil
    }()
}

/// Finds an executable on PATH.
public func findTool(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for folder in path.split(separator: ":") {
        let candidate = "\(folder)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

public struct ProcessOutput {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs `executable` with `arguments` and collects its output.
public func run(_ executable: String, _ arguments: [String]) throws -> ProcessOutput {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes to the end before waiting, so a full pipe cannot block the child.
    let group = DispatchGroup()
    let stderrData = DataBox()
    group.enter()
    DispatchQueue.global().async {
        stderrData.data = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return ProcessOutput(
        status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
        stderr: String(decoding: stderrData.data, as: UTF8.self))
}

/// Bytes handed from a reader thread to the waiting one (after `DispatchGroup.wait`).
final class DataBox: @unchecked Sendable {
    var data = Data()
}

/// A fresh temporary folder, removed by the caller.
public func makeTemporaryFolder(_ prefix: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
