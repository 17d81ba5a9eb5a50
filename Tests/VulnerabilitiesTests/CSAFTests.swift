import Foundation
import Testing

@testable import Vulnerabilities

@Suite struct CSAFParsingTests {
    /// The README's annotated example: Rockwell Micro850/870.
    @Test func readsRockwellMicro850Advisory() throws {
        let advisory = try TestData.advisory("2024/icsa-24-226-07.json")
        #expect(advisory.id == "ICSA-24-226-07")
        #expect(advisory.title == "Rockwell Automation Micro850/870")
        #expect(advisory.publisher == "CISA")
        #expect(advisory.initialReleaseDate == "2024-08-13T06:00:00.000000Z")
        #expect(advisory.vendors == ["Rockwell Automation"])
        let product = try #require(advisory.products.first { $0.productID == "CSAFPID-0001" })
        #expect(product.productName == "PLC - Micro850/870 (2080 -L50E/2080 -L70E)")
        #expect(product.version == "<v22.011")
        #expect(product.versionIsRange)
        #expect(advisory.cves == ["CVE-2024-7567"])
        let vulnerability = try #require(advisory.vulnerabilities.first)
        #expect(vulnerability.cweID == "CWE-400")
        #expect(vulnerability.affectedProductIDs == ["CSAFPID-0001"])
        #expect(vulnerability.scores.first?.cvssV3BaseScore == 5.3)
        #expect(vulnerability.scores.first?.cvssV3Vector == "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L")
        #expect(vulnerability.remediations.first?.category == "mitigation")
        #expect(advisory.maximumCVSS == 5.3)
    }

    /// One of the two advisories with `fixed` product ids.
    @Test func readsFixedProductIDs() throws {
        let advisory = try TestData.advisory("2024/icsa-24-289-02.json")
        #expect(advisory.id == "ICSA-24-289-02")
        #expect(advisory.cves == ["CVE-2024-8531", "CVE-2024-8530"])
        #expect(advisory.vulnerabilities.allSatisfy { $0.fixedProductIDs == ["CSAFPID-0002"] })
        #expect(advisory.vulnerabilities.allSatisfy { $0.affectedProductIDs == ["CSAFPID-0001"] })
        #expect(advisory.products.first { $0.productID == "CSAFPID-0002" }?.version == "8.2")
        #expect(advisory.products.first { $0.productID == "CSAFPID-0001" }?.version == "<=8.1.1.3")
        #expect(advisory.maximumCVSS == 7.2)
        #expect(advisory.vulnerabilities.first?.remediations.first?.category == "vendor_fix")
    }

    /// Siemens order numbers in `model_numbers`.
    @Test func readsSiemensModelNumbers() throws {
        let advisory = try TestData.advisory("2024/icsa-24-284-01.json")
        #expect(advisory.title == "Siemens SIMATIC S7-1500 and S7-1200 CPUs")
        let product = try #require(advisory.products.first { $0.productID == "CSAFPID-0024" })
        #expect(product.modelNumbers == ["6ES7510-1SK03-0AB0"])
        #expect(product.version == "vers:all/<V3.1.4")
        #expect(product.vendor == "Siemens")
        #expect(advisory.cves.first == "CVE-2024-46886")
    }

    @Test func schneiderVendorWithTrailingSpaceAndRevision() throws {
        let advisory = try TestData.advisory("2023/icsa-23-201-01.json")
        #expect(advisory.vendors == ["Schneider Electric "])
        let m340 = try #require(advisory.products.first { $0.productID == "CSAFPID-0003" })
        #expect(m340.productName == "Modicon M340 CPU (part numbers BMXP34*)")
        #expect(m340.version == "< SV3.51")
        #expect(advisory.maximumCVSS == 7.5)
    }

    /// Every file of the shared subset loads or is skipped with a reason: 596 in all.
    @Test func everySharedAdvisoryLoadsOrIsSkipped() throws {
        let collection = try #require(TestData.collection)
        #expect(collection.filesRead == 596)
        #expect(collection.advisories.count + collection.skipped.count == 596)
        for skipped in collection.skipped { #expect(!skipped.reason.isEmpty) }
        // Ids are unique in the subset, so nothing collapsed.
        #expect(collection.advisories.count == 596)
    }

    @Test func kevFlagsComeFromTheCatalog() throws {
        let collection = try #require(TestData.collection)
        let flagged = collection.advisories.values.filter(\.isKnownExploited)
        // The README's index lists 54 advisories with KEV CVEs in the whole OT set; the subset has some.
        #expect(!flagged.isEmpty)
        for advisory in flagged {
            #expect(advisory.vulnerabilities.contains { $0.isKnownExploited && $0.cve != nil })
        }
    }

    @Test(arguments: [
        ("{ not json", "invalid JSON"),
        ("[1, 2]", "not a JSON object"),
        (#"{"document": {"tracking": {}}, "product_tree": {"branches": [{}]}}"#, "missing document.tracking.id"),
        (#"{"document": {"tracking": {"id": "X-1"}}}"#, "no product tree"),
        (#"{"document": {"tracking": {"id": "X-1"}}, "product_tree": {"branches": []}}"#, "no product tree"),
        (#"{"document": {"csaf_version": "1.2", "tracking": {"id": "X-1"}}}"#, "not a CSAF 2.0"),
    ])
    func malformedAdvisoriesSayWhy(json: String, reason: String) {
        do {
            _ = try CSAFParser.parse(Data(json.utf8), source: "bad.json")
            Issue.record("parsed")
        } catch {
            #expect(error.description.contains(reason))
        }
    }

    @Test func oddFieldTypesDoNotLoseTheAdvisory() throws {
        let json = #"""
            {"document": {"tracking": {"id": "X-2", "version": 3}, "title": 7},
             "product_tree": {"branches": [{"category": "vendor", "name": "Siemens", "branches": [
                {"category": "product_name", "name": "P", "branches": [
                   {"category": "product_version_range", "name": "<V2", "product": {"product_id": "P1"}}]}]}]},
             "vulnerabilities": [{"cve": 5, "scores": [{"cvss_v3": {"baseScore": "9.8"}, "products": ["P1"]}],
                "product_status": {"known_affected": ["P1", 3]}, "remediations": "none"}, "junk"]}
            """#
        let advisory = try CSAFParser.parse(Data(json.utf8), source: "odd.json")
        #expect(advisory.id == "X-2")
        #expect(advisory.revision == "3")
        #expect(advisory.products.first?.version == "<V2")
        #expect(advisory.vulnerabilities.count == 1)
        #expect(advisory.maximumCVSS == 9.8)
    }

    @Test func hostileDocumentsDoNotCrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        var generator = SystemRandomNumberGenerator()
        var inputs = [deep, "", "null", "\u{0}", #"{"document": 1, "product_tree": "x"}"#]
        for _ in 0..<200 {
            inputs.append(
                String(decoding: (0..<64).map { _ in UInt8.random(in: 0...255, using: &generator) }, as: UTF8.self))
        }
        for input in inputs { _ = try? CSAFParser.parse(Data(input.utf8), source: "hostile") }
    }

    @Test func newerCopyOfAnAdvisoryReplacesTheOlder() throws {
        var collection = AdvisoryCollection()
        let older = Advisory(id: "ICSA-1", title: "old", currentReleaseDate: "2024-01-01T00:00:00Z", revision: "1")
        let newer = Advisory(id: "ICSA-1", title: "new", currentReleaseDate: "2024-02-01T00:00:00Z", revision: "2")
        collection.insert(newer)
        collection.insert(older)
        #expect(collection.advisories["ICSA-1"]?.title == "new")
        var sameDate = newer
        sameDate.title = "revision 10"
        sameDate.revision = "10"
        collection.insert(sameDate)
        #expect(collection.advisories["ICSA-1"]?.title == "revision 10")
        collection.insert(newer)
        #expect(collection.advisories["ICSA-1"]?.title == "revision 10")
        #expect(collection.advisories.count == 1)
    }
}

@Suite struct ArchiveTests {
    static let members = ["2024/icsa-24-226-07.json", "2024/icsa-24-289-02.json", "2023/icsa-23-201-01.json"]

    /// A temp folder holding three real advisories and one broken file.
    static func stage() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-csaf-\(UUID().uuidString)")
        let source = try #require(TestData.csafFolder)
        for member in members {
            let target = folder.appendingPathComponent("advisories/" + member)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: source + "/" + member, toPath: target.path)
        }
        try Data("{ broken".utf8).write(to: folder.appendingPathComponent("advisories/broken.json"))
        return folder
    }

    static func run(_ arguments: [String], in folder: URL) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    static func expectLoaded(_ path: String) throws {
        var collection = AdvisoryCollection()
        let loaded = try collection.load(path: path)
        #expect(loaded == 3)
        #expect(Set(collection.advisories.keys) == ["ICSA-24-226-07", "ICSA-24-289-02", "ICSA-23-201-01"])
        #expect(collection.skipped.count == 1)
        #expect(collection.skipped.first?.source.hasSuffix("broken.json") == true)
        #expect(collection.skipped.first?.reason.contains("invalid JSON") == true)
        #expect(collection.advisories["ICSA-24-226-07"]?.products.first?.version == "<v22.011")
    }

    @Test func readsFolderRecursively() throws {
        let folder = try Self.stage()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.expectLoaded(folder.appendingPathComponent("advisories").path)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tar")))
    func readsTarGz() throws {
        let folder = try Self.stage()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try Self.run(["tar", "czf", "set.tar.gz", "advisories"], in: folder) == 0)
        try Self.expectLoaded(folder.appendingPathComponent("set.tar.gz").path)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/zip")))
    func readsZip() throws {
        let folder = try Self.stage()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try Self.run(["zip", "-qr", "set.zip", "advisories"], in: folder) == 0)
        try Self.expectLoaded(folder.appendingPathComponent("set.zip").path)
    }

    @Test func corruptArchivesAreErrorsNotCrashes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, bytes) in [
            ("a.zip", [UInt8](repeating: 0x50, count: 100)), ("b.tar.gz", [0x1f, 0x8b, 0x08, 0x00, 1, 2, 3]),
            ("c.zip", [0x50, 0x4b, 0x05, 0x06] + [UInt8](repeating: 0xff, count: 18)),
        ] {
            let path = folder.appendingPathComponent(name).path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            #expect(throws: (any Error).self) {
                var collection = AdvisoryCollection()
                _ = try collection.load(path: path)
            }
        }
    }
}
