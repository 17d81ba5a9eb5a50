import AssetInventory
import Foundation
import PacketLayers
import SwiftCSV
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

    /// The vendor tables are read row by row (SwiftCSV only for quoted rows): every id and name
    /// must be what SwiftCSV gives for the whole file.
    @Test(arguments: ["cip_vendor_ids.csv", "bacnet_vendor_ids.csv"])
    func vendorTablesAgreeWithSwiftCSV(file: String) throws {
        let directory = try #require(reference.directory)
        let csv = try CSV<Named>(url: URL(fileURLWithPath: directory + "/vendors/" + file), loadColumns: false)
        var expected: [Int: String] = [:]
        for row in csv.rows {
            if let id = row["vendor_id"].flatMap({ Int($0) }), let name = row["name"] { expected[id] = name }
        }
        #expect(expected.count > 1000)
        let lookup = file.hasPrefix("cip") ? reference.cipVendor : reference.bacnetVendor
        for (id, name) in expected { #expect(lookup(id) == name, "vendor \(id)") }
        #expect(reference.cipVendor(21) == "Lumberg, Inc.")
    }

    /// A data directory with an empty OUI registry and `vendorFile` (under `vendors/`) holding
    /// `table`; removed by `body`'s end.
    private func withVendorTable(
        _ vendorFile: String, _ table: String, _ body: (String) throws -> Void
    ) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-ref-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/oui", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: directory + "/vendors", withIntermediateDirectories: true)
        try Data("Registry,Assignment,Organization Name\r\n".utf8).write(
            to: URL(fileURLWithPath: directory + "/oui/oui.csv"))
        try Data(table.utf8).write(to: URL(fileURLWithPath: directory + "/vendors/" + vendorFile))
        try body(directory)
    }

    /// A vendor table without the columns it needs is an error that names the file.
    @Test func vendorTableWithoutItsColumnsIsNamed() throws {
        try withVendorTable("cip_vendor_ids.csv", "id,label\r\n1,x\r\n") { directory in
            #expect {
                try ReferenceData.load(explicit: directory)
            } throws: { error in
                "\(error)".contains("cip_vendor_ids.csv") && "\(error)".contains("no vendor_id and name columns")
            }
        }
    }

    /// `vendor_name` is accepted for the name column.
    @Test func vendorNameColumn() throws {
        try withVendorTable("bacnet_vendor_ids.csv", "vendor_id,vendor_name\n7,\"Acme, \"\"Ltd\"\"\"\n8,Plain\n") {
            let loaded = try ReferenceData.load(explicit: $0)
            #expect(loaded.bacnetVendor(7) == "Acme, \"Ltd\"")
            #expect(loaded.bacnetVendor(8) == "Plain")
        }
    }

    /// A quoted name over two lines: the file is read by SwiftCSV whole, so the rows keep the
    /// file's order (a later row of an id wins).
    @Test func quotedNameOverTwoLines() throws {
        let table = "vendor_id,vendor_id_hex,name\n1,0x1,\"Two\nLines\"\n2,0x2,Old\n2,0x2,\"New, Inc.\"\n"
        try withVendorTable("cip_vendor_ids.csv", table) {
            let loaded = try ReferenceData.load(explicit: $0)
            #expect(loaded.cipVendor(1) == "Two\nLines")
            #expect(loaded.cipVendor(2) == "New, Inc.")
        }
    }

    @Test func missingDirectoryIsNamed() {
        #expect(throws: ReferenceData.LoadError.self) { try ReferenceData.load(explicit: "/nonexistent/palisade-data") }
    }
}
