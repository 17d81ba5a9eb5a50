import Foundation
import Monitor
import Testing

/// tshark decodes the simulated capture without a malformed packet or an expert error, and it
/// counts as many PDUs per industrial protocol as our decoders report events.
@Suite struct TSharkTests {
    /// Checksum validation is on, so a wrong IP, TCP or UDP checksum is an expert error too.
    @Test func noMalformedPacketsOrExpertErrors() throws {
        guard
            let output = try runTool(
                tshark,
                [
                    "-r", SimulatedCapture.attack.path, "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
                    "-o", "udp.check_checksum:TRUE", "-Y", "_ws.malformed || _ws.expert.severity >= error",
                ])
        else {
            print("skipped: tshark is not installed at \(tshark)")
            return
        }
        #expect(output.isEmpty, "tshark marks: \(output.prefix(2_000))")
    }

    /// tshark field → our protocol id; each field value is one PDU (IEC 104 frames may carry
    /// several APDUs, CIP messages nest in Unconnected Send: both sides count each).
    static let fields: [(field: String, protocolName: String)] = [
        ("modbus.func_code", "modbus"), ("s7comm.header.rosctr", "s7comm"), ("enip.command", "enip"),
        ("cip.service", "cip"), ("dnp3.al.func", "dnp3"), ("iec60870_104.type", "iec104"), ("mqtt.msgtype", "mqtt"),
        ("dns.flags.response", "dns"), ("arp.opcode", "arp"), ("bvlc.type", "bacnet"),
        ("pn_dcp.service_id", "profinet-dcp"), ("lldp.time_to_live", "lldp"), ("opcua.transport.type", "opcua"),
        ("dhcp.option.dhcp", "dhcp"),
    ]

    @Test(arguments: fields.map(\.field))
    func pduCountsAgree(field: String) throws {
        let protocolName = Self.fields.first { $0.field == field }!.protocolName
        guard
            let output = try runTool(
                tshark, ["-r", SimulatedCapture.attack.path, "-T", "fields", "-e", field, "-Y", field])
        else {
            print("skipped: tshark is not installed at \(tshark)")
            return
        }
        let tsharkCount = output.split(whereSeparator: { $0 == "\n" || $0 == "," }).count
        let ours = SimulatedCapture.events.filter { $0.protocolName == protocolName }.count
        #expect(tsharkCount > 0)
        #expect(ours == tsharkCount, "\(protocolName): ours \(ours), tshark \(tsharkCount)")
    }
}
