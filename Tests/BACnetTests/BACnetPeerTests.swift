import BACnet
import Foundation
import Monitor
import Testing

/// Field values against the ICSNPP BACnet Zeek logs of the corpus, and the peers scenarios' ground
/// truth (../shared/peers/README.md).
@Suite struct BACnetPeerTests {
    /// Zeek's snake_case service name for one of our (Wireshark) names: readProperty → read_property,
    /// i-Am → i_am.
    static func zeekName(_ name: String) -> String {
        var result = ""
        for character in name {
            if character == "-" {
                result.append("_")
            } else if character.isUppercase {
                if !result.isEmpty && result.last != "_" { result.append("_") }
                result.append(Character(character.lowercased()))
            } else {
                result.append(character)
            }
        }
        return result
    }

    static let zeekErrorCodes = ["password-failure": 26, "unknown-property": 32, "unknown-object": 31]

    /// bacnet.log: one row per APDU with its service; compared as (service, request/ok/error code).
    @Test(arguments: ["bacnet_example", "bacnet_services"])
    func servicesMatchZeek(_ name: String) throws {
        var zeek: [String: Int] = [:]
        for row in try Corpus.zeekLog("bacnet/\(name).zeek-bacnet.log") {
            guard let service = row["pdu_service"], service != "-", let type = row["pdu_type"], type != "NPDU" else {
                continue
            }
            let outcome: String
            switch type {
            case "CONFIRMED_REQUEST", "UNCONFIRMED_REQUEST": outcome = "request"
            case "SIMPLE_ACK", "COMPLEX_ACK": outcome = "ok"
            default: outcome = "error \(Self.zeekErrorCodes[row["result_code"] ?? ""] ?? -1)"
            }
            zeek["\(service) \(outcome)", default: 0] += 1
        }
        var ours: [String: Int] = [:]
        var networkMessages = 0
        for event in Corpus.ipEvents("bacnet/\(name).pcap") where event.protocolName == "bacnet" {
            guard event.function != nil else {
                if event.functionName.hasSuffix("-To-Network") { networkMessages += 1 }
                continue
            }
            let outcome: String
            switch event.resultStatus {
            case .absent: outcome = "request"
            case .ok: outcome = "ok"
            case .error: outcome = "error \(event.resultCode)"
            }
            ours["\(Self.zeekName(event.functionName)) \(outcome)", default: 0] += 1
        }
        if name == "bacnet_services" {
            // Frames 279 and 281 are the two segments of one ComplexACK (invoke id 136): tshark gives
            // each its service, Zeek logs the reassembled message once.
            ours["read_property_multiple ok", default: 0] -= 1
        }
        #expect(ours == zeek)
        let zeekNetwork = try Corpus.zeekLog("bacnet/\(name).zeek-bacnet.log").filter { $0["pdu_type"] == "NPDU" }.count
        #expect(networkMessages == zeekNetwork)
    }

    /// bacnet_discovery.log: each I-Am's device instance and vendor (Zeek drops commas from names).
    @Test(arguments: ["bacnet_example", "bacnet_services"])
    func iAmMatchesZeek(_ name: String) throws {
        var zeek: [String: Int] = [:]
        for row in try Corpus.zeekLog("bacnet/\(name).zeek-bacnet_discovery.log") where row["pdu_service"] == "i-am" {
            zeek["\(row["instance_number"] ?? "") \(row["vendor"] ?? "")", default: 0] += 1
        }
        var ours: [String: Int] = [:]
        for event in Corpus.ipEvents("bacnet/\(name).pcap")
        where event.protocolName == "bacnet" && event.function == 0 && event.resultStatus == .absent
            && event.functionName == "i-Am"
        {
            let vendor = (event.identity["vendor"] ?? "").replacingOccurrences(of: ",", with: "")
            ours["\(event.targetNumbers[1]) \(vendor)", default: 0] += 1
        }
        #expect(!zeek.isEmpty)
        #expect(ours == zeek)
    }

    /// bacnet_property.log: the device properties we report as identity, value for value.
    @Test(arguments: ["bacnet_example", "bacnet_services"])
    func deviceIdentityMatchesZeek(_ name: String) throws {
        let keys = [
            "object-name": ("name", 77), "vendor-name": ("vendor", 121), "model-name": ("model", 70),
            "firmware-revision": ("firmware", 44), "application-software-version": ("application_name", 12),
            "location": ("other", 58), "vendor-identifier": ("vendor_id", 120),
        ]
        var zeek: [String: Int] = [:]
        for row in try Corpus.zeekLog("bacnet/\(name).zeek-bacnet_property.log")
        where row["pdu_service"] == "read-property-ack" && row["object_type"] == "device" {
            guard let (key, _) = keys[row["property"] ?? ""] else { continue }
            zeek["\(row["instance_number"] ?? "") \(key)=\(row["value"] ?? "")", default: 0] += 1
        }
        let byProperty = Dictionary(uniqueKeysWithValues: keys.values.map { (Int64($0.1), $0.0) })
        var ours: [String: Int] = [:]
        for event in Corpus.ipEvents("bacnet/\(name).pcap")
        where event.protocolName == "bacnet" && event.function == 12 && event.resultStatus == .ok
            && event.targetNumbers[0] == 8
        {
            guard let key = byProperty[event.targetNumbers[2]], let value = event.identity[key] else { continue }
            ours["\(event.targetNumbers[1]) \(key)=\(value)", default: 0] += 1
        }
        #expect(!zeek.isEmpty)
        #expect(ours == zeek)
    }

    /// bms (device 2050) identity, read by the rogue in bacnet-attack and announced in I-Am.
    @Test func attackScenarioIdentity() {
        let events = Corpus.events("peers/bacnet-attack.pcap").filter {
            $0.protocolName == "bacnet" && $0.source == "10.77.2.50"
        }
        var identity: [String: String] = [:]
        for event in events { identity.merge(event.identity) { first, _ in first } }
        #expect(identity["name"] == "AHU-1-Controller")
        #expect(identity["vendor"] == "WAGO Kontakttechnik (bacpypes3 sim)")
        #expect(identity["model"] == "750-8212 PFC200")
        #expect(identity["firmware"] == "03.10.08")
        #expect(identity["application_name"] == "AHU-1 v2.4")
        #expect(identity["vendor_id"] == "999")
        #expect(
            events.contains { $0.functionName == "i-Am" && $0.targetNumbers[0] == 8 && $0.targetNumbers[1] == 2050 })
    }

    /// The rogue's dangerous operations carry the right operation; the normal scenario has none.
    @Test func attackScenarioDangerousOperations() {
        let attack = Corpus.events("peers/bacnet-attack.pcap").filter { $0.protocolName == "bacnet" }
        let rogue = attack.filter { $0.source == "10.77.9.66" && $0.direction == "request" }
        let writes = rogue.filter { $0.function == 15 }
        #expect(writes.count == 2 && writes.allSatisfy { $0.operation == "write" })
        #expect(
            writes.map { Array($0.targetNumbers.prefix(3)) }.sorted { $0[0] < $1[0] } == [[2, 1, 85], [5, 1, 85]])
        let communicationControl = rogue.filter { $0.function == 17 }
        #expect(communicationControl.count == 2 && communicationControl.allSatisfy { $0.operation == "control" })
        let reinitialize = rogue.filter { $0.function == 20 }
        #expect(reinitialize.count == 1 && reinitialize.allSatisfy { $0.operation == "control" })
        let dangerous: Set<String> = ["write", "control", "program", "firmware"]
        #expect(
            attack.filter { dangerous.contains($0.operation) && $0.direction == "request" }.allSatisfy {
                $0.source == "10.77.9.66"
            })

        let normal = Corpus.events("peers/bacnet-normal.pcap").filter { $0.protocolName == "bacnet" }
        #expect(!normal.isEmpty)
        #expect(normal.allSatisfy { !dangerous.contains($0.operation) })
        #expect(normal.contains { $0.function == 8 && $0.direction == "broadcast" })
        #expect(
            normal.filter { $0.function == 12 && $0.direction == "request" }.allSatisfy { $0.source == "10.77.1.10" })
    }

    /// mixed.pcap: the BACnet part of the all-protocol scenario.
    @Test func mixedScenario() throws {
        let reference = try Corpus.tsharkFunctions("peers/mixed.tshark.tsv")
        var ours: [String: Int] = [:]
        let events = Corpus.events("peers/mixed.pcap").filter { $0.protocolName == "bacnet" }
        for event in events {
            if let function = event.function { ours["\(event.frame)/\(function)", default: 0] += 1 }
        }
        let agreement = Agreement(reference: reference, ours: ours)
        print("bacnet agreement peers/mixed.pcap: \(agreement)")
        #expect(agreement.recall >= 0.995 && agreement.precision >= 0.995)
        #expect(events.contains { $0.function == 20 && $0.source == "10.77.9.66" && $0.operation == "control" })
    }
}
