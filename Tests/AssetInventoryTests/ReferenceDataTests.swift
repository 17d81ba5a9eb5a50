import AssetInventory
import PacketLayers
import Testing

@Suite struct ReferenceDataTests {
    /// Longest prefix first: 70:B3:D5:F2:F… is an MA-S (36-bit) block inside the IEEE's own
    /// 24-bit 70:B3:D5.
    @Test func longestPrefixWins() throws {
        let small = try #require(MACAddress("70:b3:d5:f2:f0:01"))
        let large = try #require(MACAddress("70:b3:d5:00:00:01"))
        let vendors = reference.vendors(of: [small, large])
        #expect(vendors[small] == "TELEPLATFORMS")
        #expect(vendors[large] == "IEEE Registration Authority")
    }

    @Test func quotedNamesAreUnquoted() throws {
        // MA-L,00141E,"P.A. Semi, Inc.",…
        #expect(reference.vendor(of: try #require(MACAddress("00:14:1e:00:00:01"))) == "P.A. Semi, Inc.")
    }

    @Test func localAndGroupAddressesHaveNoVendor() throws {
        #expect(reference.vendor(of: try #require(MACAddress("02:14:22:00:00:01"))) == nil)
        #expect(reference.vendor(of: try #require(MACAddress("01:00:5e:00:00:01"))) == nil)
    }

    @Test func vendorIDTables() {
        #expect(reference.cipVendor(1) == "Rockwell Automation/Allen-Bradley")
        #expect(reference.bacnetVendor(0) == "ASHRAE")
    }

    @Test func missingDirectoryIsNamed() {
        #expect(throws: ReferenceData.LoadError.self) { try ReferenceData.load(explicit: "/nonexistent/palisade-data") }
    }
}
