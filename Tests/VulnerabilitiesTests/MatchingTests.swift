import Foundation
import Testing

@testable import Vulnerabilities

/// `Fixtures/acceptance.json`: identities seen in the corpus and the peers, each with the advisory
/// ids that must match (read in the advisories, with the outcome) and ids that must not.
struct AcceptanceCase: Decodable, CustomTestStringConvertible {
    struct Expected: Decodable {
        var advisory: String
        var match: String?
        var why: String
    }
    var name: String
    var identity: DeviceIdentity
    var mustMatch: [Expected]
    var mustNotMatch: [Expected]
    var testDescription: String { name }

    enum CodingKeys: String, CodingKey {
        case name, identity
        case mustMatch = "must_match"
        case mustNotMatch = "must_not_match"
    }

    static let all: [AcceptanceCase] = {
        let url = TestData.fixtures.appendingPathComponent("acceptance.json")
        guard let data = try? Data(contentsOf: url) else { return [] }
        return (try? JSONDecoder().decode([AcceptanceCase].self, from: data)) ?? []
    }()
}

@Suite struct MatchingTests {
    static var matcher: AdvisoryMatcher? {
        TestData.collection.map { AdvisoryMatcher(advisories: $0.sortedAdvisories) }
    }

    @Test func fixtureLoads() {
        #expect(AcceptanceCase.all.count >= 8)
    }

    @Test(arguments: AcceptanceCase.all)
    func acceptance(_ testCase: AcceptanceCase) throws {
        let matcher = try #require(Self.matcher)
        let matches = matcher.matches(for: testCase.identity, includeNotAffected: true)
        let reported = Dictionary(
            matches.filter { $0.outcome != .notAffected }.map { ($0.advisory.id, $0) }, uniquingKeysWith: { a, _ in a })
        for expected in testCase.mustMatch {
            let found = reported[expected.advisory]
            #expect(found != nil, "\(expected.advisory) must match: \(expected.why)")
            if let wanted = expected.match, let found {
                #expect(found.outcome.rawValue == wanted, "\(expected.advisory): \(found.reason)")
            }
        }
        for expected in testCase.mustNotMatch {
            #expect(
                reported[expected.advisory] == nil,
                "\(expected.advisory) must not match (\(expected.why)): \(reported[expected.advisory]?.reason ?? "")")
        }
    }

    @Test func fixedVersionIsNotAffected() throws {
        let advisory = try TestData.advisory("2024/icsa-24-289-02.json")
        let matcher = AdvisoryMatcher(advisories: [advisory])
        let fixed = DeviceIdentity(vendor: "Schneider Electric", product: "Data Center Expert", firmware: "8.2")
        let result = try #require(matcher.matches(for: fixed, includeNotAffected: true).first)
        #expect(result.outcome == .notAffected)
        #expect(matcher.matches(for: fixed).isEmpty)
        let old = DeviceIdentity(vendor: "Schneider Electric", product: "Data Center Expert", firmware: "8.1.1.3")
        #expect(matcher.matches(for: old).first?.outcome == .affected)
        #expect(matcher.matches(for: old).first?.maximumCVSS == 7.2)
    }

    @Test func unknownFirmwareIsPossibleWithAReason() throws {
        let advisory = try TestData.advisory("2024/icsa-24-226-07.json")
        let matcher = AdvisoryMatcher(advisories: [advisory])
        let device = DeviceIdentity(vendor: "Allen-Bradley", product: "2080-L50E-24QBB")
        let result = try #require(matcher.matches(for: device).first)
        #expect(result.outcome == .possible)
        #expect(result.reason.contains("not known"))
        let old = DeviceIdentity(vendor: "Allen-Bradley", product: "2080-L50E-24QBB", firmware: "21.11")
        #expect(matcher.matches(for: old).first?.outcome == .affected)
        #expect(matcher.matches(for: old).first?.cves == ["CVE-2024-7567"])
        let new = DeviceIdentity(vendor: "Allen-Bradley", product: "2080-L50E-24QBB", firmware: "22.11")
        #expect(matcher.matches(for: new).isEmpty)
    }

    @Test(arguments: [
        ("Rockwell Automation ", "Allen-Bradley"), ("Rockwell Automation/Allen-Bradley", "Rockwell"),
        ("Schneider Electric Software, LLC", "Telemecanique"), ("Schneider Electric", "Modicon"),
        ("Siemens AG", "Siemens"), ("Mitsubishi Electric Corporation", " Mitsubishi Electric"),
        ("PHOENIX CONTACT, Innominate Security Technologies", "Phoenix Contact GmbH & Co. KG"),
        ("General Electric (GE)", "GE Digital"), ("WAGO Kontakttechnik (bacpypes3 sim)", "WAGO"),
    ])
    func vendorAliases(left: String, right: String) {
        #expect(!VendorAliases.canonicalVendors(left).isDisjoint(with: VendorAliases.canonicalVendors(right)))
    }

    @Test func differentVendorsStayApart() {
        #expect(VendorAliases.canonicalVendors("Siemens").isDisjoint(with: VendorAliases.canonicalVendors("Rockwell")))
        #expect(
            VendorAliases.canonicalVendors("ABB, Phoenix Contact, Schneider Electric, Siemens, and WAGO")
                .isSuperset(of: ["abb", "phoenix contact", "schneider", "siemens", "wago"]))
    }

    @Test func partNumbers() {
        #expect(ProductMatcher.wildcardMatch(pattern: "BMXP34*", "BMXP342020"))
        #expect(ProductMatcher.partMatches(pattern: "2080-L50E", "2080-L50E-24QBB"))
        #expect(!ProductMatcher.partMatches(pattern: "1756-EN2T", "1756-EN2TR"))
        #expect(!ProductMatcher.partMatches(pattern: "1756-EN2T", "1756-ENBT"))
        #expect(ProductMatcher.wildcarded("1756-L8z") == "1756-L8*")
        #expect(ProductMatcher.wildcarded("140CPU65xxxxx") == "140CPU65*")
        #expect(ProductMatcher.logixSeries(of: "1756-L61/B LOGIX5561") == ["controllogix 5560"])
        #expect(ProductMatcher.logixSeries(of: "1756-L73S/B LOGIX5573S") == ["guardlogix 5570"])
    }
}
