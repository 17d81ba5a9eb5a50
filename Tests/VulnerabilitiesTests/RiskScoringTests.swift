import Testing

@testable import Vulnerabilities

/// A small plant: a PLC polled by an HMI, both on the control network, with an IT client and a
/// jump host to add as the test needs.
struct RiskScoringTests {
    static let plc = AssessedAsset(
        peer: ExposurePeer(id: "mac:plc", role: "plc", purdueLevel: 1, addresses: ["10.1.2.10"]),
        identity: DeviceIdentity(
            vendor: "Schneider Electric", product: "BMX P34 2020", model: "BMX P34 2020", orderNumber: "BMXP342020",
            firmware: "3.20"),
        identityText: "BMX P34 2020")
    static let hmi = AssessedAsset(
        peer: ExposurePeer(id: "mac:hmi", role: "hmi", purdueLevel: 2, addresses: ["10.1.2.20"]), identity: nil,
        identityText: "")
    static let office = AssessedAsset(
        peer: ExposurePeer(id: "mac:office", role: "it_client", purdueLevel: 4, addresses: ["10.1.2.99"]),
        identity: nil, identityText: "")
    static let jumpHost = AssessedAsset(
        peer: ExposurePeer(id: "mac:ews", role: "engineering_workstation", purdueLevel: 2, addresses: ["10.1.2.30"]),
        identity: nil, identityText: "")
    static let vendorCloud = AssessedAsset(
        peer: ExposurePeer(id: "ip:203.0.113.7", role: "unknown", purdueLevel: nil, addresses: ["8.8.4.4"]),
        identity: nil, identityText: "")

    static let polling = ExposureEdge(
        client: "mac:hmi", server: "mac:plc", protocolName: "modbus", serverPort: 502,
        operations: ["read": 5000, "write": 99])

    func risk(
        _ assets: [AssessedAsset], _ edges: [ExposureEdge], matcher: AdvisoryMatcher = AdvisoryMatcher(advisories: [])
    )
        -> AssetRisk
    {
        let all = InventoryAssessor.assess(assets: assets, edges: edges, matcher: matcher)
        return all.first { $0.asset.peer.id == "mac:plc" }!.risk
    }

    @Test func baseRiskNamesRoleAndOperations() {
        let risk = risk([Self.plc, Self.hmi], [Self.polling])
        #expect(risk.factors.map(\.name) == ["criticality", "dangerous_operations"])
        #expect(risk.factors[0].detail == "role PLC/controller")
        #expect(risk.factors[0].points == 15)
        #expect(risk.factors[1].detail == "receives 99 dangerous operations from 1 client (write 99)")
        #expect(risk.factors[1].points == 5)
        #expect(risk.score == 20)
        #expect(risk.level == .low)
        #expect(
            risk.explanation
                == "role PLC/controller (+15); receives 99 dangerous operations from 1 client (write 99) (+5)")
    }

    @Test func connectionFromITRaisesTheScore() {
        let before = risk([Self.plc, Self.hmi, Self.office], [Self.polling])
        let fromOffice = ExposureEdge(
            client: "mac:office", server: "mac:plc", protocolName: "modbus", serverPort: 502, operations: ["read": 3])
        let after = risk([Self.plc, Self.hmi, Self.office], [Self.polling, fromOffice])
        #expect(after.score == before.score + 15)
        let exposure = after.factors.first { $0.name == "exposure" }
        #expect(exposure?.detail == "reached from IT: 10.1.2.99 (it client) over modbus")
        #expect(before.factors.allSatisfy { $0.name != "exposure" })
    }

    @Test func remoteAccessPivotAndInternetAreExposure() {
        let rdpIntoJumpHost = ExposureEdge(
            client: "mac:office", server: "mac:ews", protocolName: "rdp", serverPort: 3389, operations: [:])
        let jumpHostWrites = ExposureEdge(
            client: "mac:ews", server: "mac:plc", protocolName: "modbus", serverPort: 502, operations: ["write": 1])
        let cloud = ExposureEdge(
            client: "mac:plc", server: "ip:203.0.113.7", protocolName: "mqtt", serverPort: 8883, operations: [:])
        let assets = [Self.plc, Self.hmi, Self.office, Self.jumpHost, Self.vendorCloud]
        let risk = risk(assets, [Self.polling, rdpIntoJumpHost, jumpHostWrites, cloud])
        let exposure = risk.factors.first { $0.name == "exposure" }
        #expect(
            exposure?.detail
                == "remote access: reached over modbus from 10.1.2.30 (engineering workstation), which accepts rdp from 10.1.2.99 (it client); internet contact: 8.8.4.4 (unknown) over mqtt"
        )
        #expect(exposure?.points == 35)
        #expect(risk.factors.first { $0.name == "dangerous_operations" }?.detail.contains("from 2 clients") == true)
    }

    @Test func zonesDecideCrossZoneExposure() {
        let assets = [Self.plc, Self.hmi]
        let sameZone = InventoryAssessor.assess(
            assets: assets, edges: [Self.polling], matcher: AdvisoryMatcher(advisories: []), zoneOf: { _ in "cell" })
        let split = InventoryAssessor.assess(
            assets: assets, edges: [Self.polling], matcher: AdvisoryMatcher(advisories: []),
            zoneOf: { $0 == "10.1.2.20" ? "supervisory" : "cell" })
        let plcSame = sameZone.first { $0.asset.peer.id == "mac:plc" }!.risk
        let plcSplit = split.first { $0.asset.peer.id == "mac:plc" }!.risk
        #expect(plcSplit.score == plcSame.score + 10)
        #expect(
            plcSplit.factors.first { $0.name == "exposure" }?.detail
                == "talks across zones: 10.1.2.20 (hmi) in supervisory")
    }

    @Test func affectedAdvisoryAndKEVAreFactors() throws {
        let collection = try #require(TestData.collection)
        let matcher = AdvisoryMatcher(advisories: collection.sortedAdvisories)
        let risk = risk([Self.plc, Self.hmi], [Self.polling], matcher: matcher)
        let vulnerability = try #require(risk.factors.first { $0.name == "vulnerability" })
        // ICSA-21-194-02 (Modicon M340, CVSS 9.8) is the worst advisory that lists BMXP34* as affected.
        #expect(vulnerability.detail.hasPrefix("highest CVSS 9.8 in ICSA-21-194-02 (affected;"))
        #expect(vulnerability.points == 39.2)
        #expect(risk.level == .high)

        var advisory = Advisory(
            id: "TEST-1", title: "test", vendors: ["Schneider Electric"],
            products: [AdvisoryProduct(productID: "P1", name: "Modicon M340 BMXP34*", modelNumbers: ["BMXP34*"])],
            vulnerabilities: [
                AdvisoryVulnerability(
                    cve: "CVE-2099-0001", affectedProductIDs: ["P1"], fixedProductIDs: [], notAffectedProductIDs: [],
                    scores: [AdvisoryScore(cvssV3BaseScore: 5.0, productIDs: ["P1"])], remediations: [])
            ])
        KnownExploitedCatalog(cves: ["CVE-2099-0001": "2099-01-01"]).flag(&advisory)
        let exploited = self.risk([Self.plc], [], matcher: AdvisoryMatcher(advisories: [advisory]))
        #expect(
            exploited.factors.first { $0.name == "known_exploited" }
                == RiskFactor(name: "known_exploited", points: 20, detail: "known exploited (CISA KEV): CVE-2099-0001"))
    }

    @Test func safetySystemsWeighMost() {
        let tricon = AssessedAsset(
            peer: ExposurePeer(id: "mac:plc", role: "plc", purdueLevel: 1, addresses: ["10.1.2.10"]), identity: nil,
            identityText: "Triconex Tricon v11")
        let risk = risk([tricon], [])
        #expect(
            risk.factors == [
                RiskFactor(name: "criticality", points: 20, detail: "safety system (identity mentions 'triconex')")
            ])
    }

    @Test(arguments: [
        ("10.0.0.1", false), ("172.16.5.5", false), ("172.32.0.1", true), ("192.168.1.1", false),
        ("169.254.1.1", false), ("100.64.0.1", false), ("8.8.8.8", true), ("224.0.0.1", false),
        ("255.255.255.255", false), ("2001:4860::8888", true), ("fd00::1", false), ("fe80::1", false),
        ("ff02::1", false), ("2001:db8::1", false), ("00:1b:1b:77:02:20", false), ("not an address", false),
    ])
    func globalAddresses(address: String, global: Bool) {
        #expect(AddressScope.isGlobal(address) == global)
    }
}
