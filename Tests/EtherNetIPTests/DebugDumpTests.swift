import Foundation
import Testing

@Suite struct EtherNetIPDebugDumpTests {
    @Test func dump() {
        guard let name = ProcessInfo.processInfo.environment["ENIP_DUMP"] else { return }
        for event in Corpus.events(Corpus.root.appending(path: name)) { print(event.jsonLine) }
    }
}
