import Testing

@testable import Vulnerabilities

@Suite struct VendorVersionTests {
    /// (lower, higher) in each vendor's style.
    @Test(arguments: [
        ("V2.9.3", "V2.9.4"),  // Siemens
        ("V2.9", "V2.9.4"),
        ("V4.0", "V4.0 SP2"),  // a service pack orders after its release
        ("V4.0 SP2", "V4.1"),
        ("V19_SP1", "V19_Update_2"),
        ("20.011", "20.054"),  // Rockwell: minor revisions are numbers
        ("16.20", "20.11"),
        ("9.011", "20.011"),
        ("v3.20", "v3.51"),  // Schneider
        ("SV3.20", "SV3.51"),
        ("v3.9", "v3.20"),
        ("Firmware__20.011", "Firmware__21.1"),
        ("FW 01", "FW 02"),
        ("R9.85", "R9.90"),
        ("01.07.13(10)", "01.07.13(11)"),  // WAGO build number
        ("1.275M", "1.280S"),
        ("V2302.0015", "V2406.0003"),
    ])
    func ordersVersions(lower: String, higher: String) throws {
        let low = try #require(VendorVersion.parse(lower))
        let high = try #require(VendorVersion.parse(higher))
        #expect(low < high)
        #expect(!(high < low))
    }

    @Test(arguments: [
        ("20.011", "20.11"), ("V3.20", "v3.20"), ("SV3.20", "3.20"), ("Firmware__20.011", "20.11"), ("V2.9", "V2.9.0"),
        ("v.32.011", "32.11"),
    ])
    func equalVersions(left: String, right: String) throws {
        #expect(try #require(VendorVersion.parse(left)) == (try #require(VendorVersion.parse(right))))
    }

    @Test(arguments: ["", "All", "S7-1211", "PM554-TP-ETH", "CODESYS Control for PFC200", "with_Nozomi"])
    func notVersions(text: String) {
        #expect(VendorVersion.parse(text) == nil)
    }
}

@Suite struct VersionRangeTests {
    enum Expect: Sendable { case hit, miss, possible }

    /// (expression, device version, expected) — expressions as they appear in the CISA subset.
    static let cases: [(String, String?, Expect)] = [
        ("vers:all/*", "1.0", Expect.hit),
        ("vers:all/*", nil, .hit),
        ("vers:generic/>=1.0|<2.0", "1.5", .hit),
        ("vers:generic/>=1.0|<2.0", "2.0", .miss),
        ("vers:intdot/>=10|<20", "19", .hit),
        ("vers:all/<V3.1.4", "V3.1.3", .hit),
        ("vers:all/<V3.1.4", "V3.1.4", .miss),
        ("vers:all/<V3.1.4", "V2.9.4", .hit),
        ("vers:all/>=V11.5.1|<V11.6.2", "V11.6.0", .hit),
        ("vers:all/>=V21.9<V21.9.4", "V21.9.2", .hit),  // missing `|`
        ("vers:all/>=V21.9<V21.9.4", "V21.9.4", .miss),
        ("<v22.011", "21.11", .hit),  // README example: Micro850 rev 21.11
        ("<v22.011", "22.11", .miss),
        ("<=20.011", "20.11", .hit),
        ("<=20.011", "20.12", .miss),
        ("<= 32.013", "32.13", .hit),
        ("<= 3.1", "3.1.5", .hit),  // "3.1 and prior" covers 3.1.x
        (">v33.011|<v33.015", "33.014", .hit),
        (">v33.011|<v33.015", "33.011", .miss),
        (">=v2.011|<v2.012", "2.011", .hit),
        ("8.001|8.002|9.001", "8.002", .hit),
        ("8.001|8.002|9.001", "8.003", .miss),
        ("20-33", "20.11", .hit),
        ("20-33", "33.015", .hit),
        ("20-33", "34.011", .miss),
        ("28  - 32", "27.11", .miss),
        ("<v36.011_v35.013_v34.014", "35.012", .hit),
        ("<v36.011_v35.013_v34.014", "35.013", .miss),
        ("<v36.011_v35.013_v34.014", "33.011", .hit),  // an older train has no fix
        ("<v36.011_v35.013_v34.014", "37.011", .miss),
        ("<=(R4.02)", "R4.01", .hit),  // Yokogawa, in parentheses
        ("< SV3.51", "v3.20", .hit),  // Schneider
        ("< SV3.51", "3.51", .miss),
        ("Firmware__20.011", "20.11", .hit),  // exact
        ("Firmware__20.011", "20.12", .miss),
        ("V28", "28.011", .hit),  // a major release names its whole train
        ("V28", "29.011", .miss),
        ("12.3.x", "12.3.7", .hit),
        ("12.3.x", "12.4.0", .miss),
        ("<= 11.x", "11.9", .hit),
        ("<= 11.x", "12.0", .miss),
        ("< 1.6 SP1", "1.6", .hit),
        ("< 1.6 SP1", "1.6 SP1", .miss),
        ("All versions < V23Q4", "V23", .hit),
        ("NMC2 <= 6.9.6", "6.9.6", .possible),  // a condition the matcher cannot check
        ("<V10.12.2_only_if_the_basic_authentication_mechanism_is_used_by_the_application", "V10.0", .possible),
        ("<=The_first_5_digits_of_serial_No._\"26041\"", "1.0", .possible),  // unparseable bound
        ("vers:all/<V3.1.4", nil, .possible),  // version unknown
        ("<v22.011", "rev B", .possible),  // device version not comparable
    ]

    @Test(arguments: cases)
    func containsVersion(expression: String, version: String?, expected: Expect) {
        let verdict = VersionRange(parsing: expression).contains(version)
        switch (verdict, expected) {
        case (.inRange, .hit), (.outOfRange, .miss), (.unknown, .possible), (.inRangeIf, .possible): break
        default: Issue.record("\(expression) with \(version ?? "nil"): \(verdict), expected \(expected)")
        }
    }

    @Test func unparseableBoundSaysWhy() {
        guard case .unknown(let reason) = VersionRange(parsing: "<=A_B").contains("1.0") else {
            Issue.record("expected unknown")
            return
        }
        #expect(reason.contains("could not be parsed"))
    }

    @Test func hostileExpressionsAreBounded() {
        let long = String(repeating: "<1|", count: 10_000)
        #expect(VersionRange(parsing: long).contains("1.0") != .inRange)
        _ = VersionRange(parsing: String(repeating: "9", count: 5_000)).contains("1")
        _ = VersionRange(parsing: "<" + String(repeating: "1.", count: 400)).contains("1.1")
    }
}
