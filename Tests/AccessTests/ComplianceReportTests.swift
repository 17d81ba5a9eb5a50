import Access
import AssetInventory
import Testing

/// Known statements of the compliance report on real captures.
@Suite struct ComplianceReportTests {
    @Test(.enabled(if: corpusAvailable))
    func mixedCaptureShowsUnauthenticatedWritesAndTheInventory() throws {
        let data = try #require(mixedCapture)
        let report = data.compliance()

        let identification = try #require(report.finding("SR 1.2"))
        #expect(identification.status == .gap)
        let writes = try #require(identification.statements.first)
        #expect(writes.contains("modbus (write 5, control 2; from 1 host)"))
        #expect(writes.contains("s7comm (write 3, control 3, program 8; from 1 host)"))
        #expect(
            identification.examples.contains {
                $0.contains("→ SNAP7-SERVER (10.77.2.20): s7comm write 3, control 3, program 8")
            })

        let inventory = try #require(report.finding("SR 7.8"))
        #expect(inventory.status == .evidence)
        // ews, hmi, historian, plc1-3, rtu, bms, opcsrv, iiotgw and the rogue.
        #expect(data.inventory.assets.count == 11)
        #expect(inventory.statements.first?.hasPrefix("Palisade built an inventory of 11 assets from traffic") == true)

        let segmentation = try #require(report.finding("SR 5.1"))
        #expect(segmentation.status == .notAssessable)
        #expect(segmentation.statements.first?.hasPrefix("No zones are configured") == true)
        #expect(report.finding("SR 5.2")?.statements.first?.hasPrefix("No zones are configured") == true)

        let authorization = try #require(report.finding("SR 2.1"))
        #expect(authorization.status == .gap)
        #expect(
            authorization.statements.first
                == "1 host changed 6 controllers (write, control, program or firmware); the access matrix (palisade access) lists each with counts and times."
        )
        #expect(
            authorization.statements.contains(
                "Pure Python Async Client (10.77.9.66) changed controllers over 6 protocols (bacnet, enip, iec104, modbus, opcua, s7comm): an engineering station speaks its own vendors' protocols, a tool that speaks them all deserves review."
            ))
        #expect(report.finding("SR 3.4")?.status == .gap)
        #expect(report.finding("SR 2.8")?.statements.first?.contains("program 8") == true)
        #expect(report.finding("SR 6.2")?.status == .notAssessable)
        #expect(
            report.finding("SR 7.6")?.statements == [
                "Not assessable from traffic: device configurations are not observable; only their effects on traffic are."
            ])
        // Every foundational requirement is covered.
        #expect(Set(report.findings.map(\.requirement.foundational)) == Set(FoundationalRequirement.allCases))
    }

    @Test func ftpLoginIsACleartextCredentialFinding() throws {
        let report = analyzeAccess([fixtureCapture("FTPTests", "ftp_session.pcap")]).compliance()
        let confidentiality = try #require(report.finding("SR 4.1"))
        #expect(confidentiality.status == .gap)
        #expect(
            confidentiality.statements.first
                == "1 credential seen in clear (ftp), 1 with the password or secret itself readable. Palisade never stores or prints the secrets."
        )
        #expect(confidentiality.examples == ["10.0.0.20 → 10.0.0.5: ftp user name engineer, secret visible: yes"])
        let authentication = try #require(report.finding("SR 1.1"))
        #expect(authentication.status == .gap)
        #expect(authentication.examples == ["10.0.0.20 → 10.0.0.5: ftp account engineer"])
    }

    @Test func segmentationEvidenceReplacesTheNoZonesStatement() throws {
        let data = analyzeAccess([fixtureCapture("FTPTests", "ftp_session.pcap")])
        let evidence = SegmentationEvidence(
            zonesConfigured: 3, conduitsConfigured: 2, crossZoneFlowsWithoutConduit: 1, levelSkips: 0,
            examples: ["10.0.0.20 → 10.0.0.5 ftp: no conduit from office to control"])
        let report = data.compliance(segmentation: evidence)
        let segmentation = try #require(report.finding("SR 5.1"))
        #expect(segmentation.status == .gap)
        #expect(
            segmentation.statements == ["3 zones and 2 conduits configured.", "1 cross-zone pair without a conduit."])
        #expect(report.finding("SR 5.2")?.status == .gap)
    }
}
