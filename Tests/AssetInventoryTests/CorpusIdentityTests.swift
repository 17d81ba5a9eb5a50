import AssetInventory
import CorpusTestSupport
import Foundation
import Testing

/// Identity facts in public captures land on the right asset with the values that Zeek/ICSNPP
/// and tshark read from the same packets.
@Suite struct CorpusIdentityTests {
    /// ICSNPP's cip_identity.log for enip_cip_example.pcap: the 1756-ENBT/A at 10.1.1.164.
    @Test func cipIdentityMatchesZeek() throws {
        let log = try String(
            contentsOf: corpusRoot.appendingPathComponent("enip/enip_cip_example.zeek-cip_identity.log"),
            encoding: .utf8)
        let rows = log.split(separator: "\n").filter { !$0.hasPrefix("#") }.map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
        let row = try #require(rows.first)
        // Columns (ICSNPP cip_identity): … device_ip (12), device_port, encapsulation_version,
        // vendor_name (15), device_type_id, device_type_name, product_code (18), revision (19),
        // device_status, serial_number (21), product_name (22), device_state.
        let deviceIP = row[12]
        let result = inventory(of: corpusRoot.appendingPathComponent("enip/enip_cip_example.pcap").path)
        let asset = try #require(result.asset(ip: deviceIP))
        #expect(asset.identity.vendor == row[15])
        #expect(asset.identity.deviceType == row[16])
        #expect(Set(result.facts(asset, "product_code")) == [row[18]])
        #expect(asset.identity.firmware == row[19])
        #expect(asset.identity.serial == row[21])
        #expect(asset.identity.product == row[22])
        #expect(asset.role == .controller)
        // The client that asked is not given the device's identity.
        #expect(result.assets.filter { $0.identity.product == row[22] }.count == 1)
    }

    /// PROFINET DCP Identify response: station name, vendor and device ids of the responder.
    @Test func profinetDCPMatchesTshark() throws {
        let base = corpusRoot.appendingPathComponent("profinet/pn_dcp_identify.pcap").path
        let table = try #require(TSharkTable(path: base + ".tshark.tsv"))
        let result = inventory(of: base)
        var checked = 0
        for row in table.rows {
            guard let station = table.value(row, "pn_dcp.suboption_device_nameofstation"),
                let source = table.value(row, "eth.src")
            else { continue }
            let asset = try #require(result.asset(mac: source))
            #expect(asset.identity.stationName == station)
            #expect(asset.names.contains { $0.name == station && $0.source == "profinet-dcp" })
            if let vendor = table.value(row, "pn_dcp.suboption_vendor_id") {
                #expect(result.facts(asset, "vendor_id").contains(vendor))
            }
            if let device = table.value(row, "pn_dcp.suboption_device_id") {
                #expect(result.facts(asset, "product_code").contains(device))
            }
            checked += 1
        }
        #expect(checked > 0)
    }

    /// LLDP: the system name of each sender, on the sender's MAC.
    @Test func lldpSystemNamesMatchTshark() throws {
        let base = corpusRoot.appendingPathComponent("it/lldp_detailed.pcap").path
        let table = try #require(TSharkTable(path: base + ".tshark.tsv"))
        let result = inventory(of: base)
        var checked = 0
        for row in table.rows {
            guard let name = table.value(row, "lldp.tlv.system.name"), let source = table.value(row, "eth.src") else {
                continue
            }
            let asset = try #require(result.asset(mac: source))
            #expect(asset.names.contains { $0.name == name && $0.source == "lldp" }, "\(source): \(asset.names)")
            checked += 1
        }
        #expect(checked > 0)
    }
}

@Suite struct CorpusIdentityMoreTests {
    /// Modbus FC 43 Read Device Identification: tshark's object strings on the responder.
    @Test func modbusDeviceIdentificationMatchesTshark() throws {
        let base = corpusRoot.appendingPathComponent("modbus/modbus_fc43_read_device_id.pcap").path
        let table = try #require(TSharkTable(path: base + ".tshark.tsv"))
        let result = inventory(of: base)
        var checked = 0
        for row in table.rows {
            guard let strings = table.value(row, "modbus.object_str_value"), let source = table.value(row, "ip.src")
            else { continue }
            let asset = try #require(result.asset(ip: source))
            let values = strings.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            // Objects 0, 1, 2: VendorName, ProductCode, MajorMinorRevision.
            #expect(asset.identity.vendor == values[0])
            #expect(result.facts(asset, "product_code").contains(values[1]))
            #expect(asset.identity.firmware == values[2])
            #expect(asset.role == .controller)
            checked += 1
        }
        #expect(checked > 0)
    }

    /// BACnet I-Am: ICSNPP's bacnet_discovery.log gives each device's instance and vendor.
    @Test func bacnetIAmMatchesZeek() throws {
        let log = try String(
            contentsOf: corpusRoot.appendingPathComponent("bacnet/bacnet_example.zeek-bacnet_discovery.log"),
            encoding: .utf8)
        let result = inventory(of: corpusRoot.appendingPathComponent("bacnet/bacnet_example.pcap").path)
        var checked = 0
        for line in log.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            // source_h (7), pdu_service (11), object_type (14), instance_number (15), vendor (16).
            guard fields.count > 16, fields[11] == "i-am", fields[14] == "device" else { continue }
            let asset = try #require(result.asset(ip: fields[7]), "\(fields[7]) missing")
            #expect(result.facts(asset, "device_id").contains(fields[15]), "\(fields[7])")
            // ICSNPP's vendor table spells names without commas ("Co. Ltd."); ASHRAE's (and
            // Wireshark's, which we use) keep them.
            let vendor = asset.identity.vendor?.replacingOccurrences(of: ",", with: "")
            #expect(vendor == fields[16], "\(fields[7]): \(asset.identity.vendor ?? "none")")
            checked += 1
        }
        #expect(checked > 0)
    }
}
