import ArgumentParser
import FlowTracking
import Monitor

struct Flows: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flows", abstract: "Print one record per flow (bidirectional 5-tuple + VLAN).")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, jsonl, csv }

    @OptionGroup var options: CaptureOptions

    @Option(help: "Output format: table, jsonl or csv.")
    var format: Format = .table

    func run() throws {
        try runAnalysis(options: options) { configuration in
            configuration.collectFlows = true
            configuration.decodeApplications = false
        } report: { result in
            switch format {
            case .jsonl:
                for flow in result.flows { print(jsonLine(flow)) }
            case .csv:
                print(
                    "first_frame,first_ts,last_ts,transport,client,client_port,server,server_port,vlan,application,packets_to_server,packets_to_client,bytes_to_server,bytes_to_client,tcp_state,end_reason"
                )
                for flow in result.flows { print(csvLine(flow)) }
            case .table:
                print(
                    "FRAME     TRANSPORT CLIENT                                        SERVER                                        APP            PACKETS      BYTES STATE"
                )
                for flow in result.flows { print(tableLine(flow)) }
            }
        }
    }

    struct Fields {
        var transport: String
        var client: String
        var clientPort: UInt16
        var server: String
        var serverPort: UInt16
        var packetsToServer: UInt64
        var packetsToClient: UInt64
        var bytesToServer: UInt64
        var bytesToClient: UInt64
    }

    func fields(_ flow: FlowSummary) -> Fields {
        let entry = flow.entry
        let client = entry.client
        let server = entry.server
        let transport: String
        switch entry.key.ipProtocol {
        case 6: transport = "tcp"
        case 17: transport = "udp"
        case 1: transport = "icmp"
        case 58: transport = "icmpv6"
        default: transport = "ip-\(entry.key.ipProtocol)"
        }
        let fromClientIsA = entry.initiatorIsA
        return Fields(
            transport: transport, client: client.address.description, clientPort: client.port,
            server: server.address.description, serverPort: server.port,
            packetsToServer: fromClientIsA ? entry.packetsFromA : entry.packetsFromB,
            packetsToClient: fromClientIsA ? entry.packetsFromB : entry.packetsFromA,
            bytesToServer: fromClientIsA ? entry.bytesFromA : entry.bytesFromB,
            bytesToClient: fromClientIsA ? entry.bytesFromB : entry.bytesFromA)
    }

    func jsonLine(_ flow: FlowSummary) -> String {
        let f = fields(flow)
        var json = JSONWriter()
        json.beginObject()
        json.field("first_frame", flow.entry.firstFrame)
        json.field("first_ts", rfc3339(flow.entry.firstSeen))
        json.field("last_ts", rfc3339(flow.entry.lastSeen))
        json.field("transport", f.transport)
        json.field("client", f.client)
        json.field("client_port", f.clientPort)
        json.field("server", f.server)
        json.field("server_port", f.serverPort)
        if flow.entry.key.vlan != 0 { json.field("vlan", flow.entry.key.vlan) }
        json.field("application", flow.application.name)
        json.field("packets_to_server", f.packetsToServer)
        json.field("packets_to_client", f.packetsToClient)
        json.field("bytes_to_server", f.bytesToServer)
        json.field("bytes_to_client", f.bytesToClient)
        if flow.entry.key.ipProtocol == 6 { json.field("tcp_state", "\(flow.entry.tcpState)") }
        json.field("end_reason", flow.reason.rawValue)
        json.endObject()
        return json.output
    }

    func csvLine(_ flow: FlowSummary) -> String {
        let f = fields(flow)
        let state = flow.entry.key.ipProtocol == 6 ? "\(flow.entry.tcpState)" : ""
        return [
            String(flow.entry.firstFrame), rfc3339(flow.entry.firstSeen), rfc3339(flow.entry.lastSeen), f.transport,
            f.client, String(f.clientPort), f.server, String(f.serverPort), String(flow.entry.key.vlan),
            flow.application.name, String(f.packetsToServer), String(f.packetsToClient), String(f.bytesToServer),
            String(f.bytesToClient), state, flow.reason.rawValue,
        ].joined(separator: ",")
    }

    func tableLine(_ flow: FlowSummary) -> String {
        let f = fields(flow)
        let state = flow.entry.key.ipProtocol == 6 ? "\(flow.entry.tcpState)" : ""
        func pad(_ text: String, _ width: Int) -> String {
            text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
        }
        func right(_ text: String, _ width: Int) -> String {
            text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
        }
        return pad(String(flow.entry.firstFrame), 9) + " " + pad(f.transport, 9) + " "
            + pad("\(f.client):\(f.clientPort)", 45) + " " + pad("\(f.server):\(f.serverPort)", 45) + " "
            + pad(flow.application.name, 12) + right(String(flow.entry.packets), 9) + " "
            + right(String(flow.entry.bytes), 10) + " " + state
    }
}
