// A large plant-like store for the console speed benchmark (bench/console/run.sh): 10,000
// assets in 100 production cells, their edges and identity facts, 100,000 alerts over 30 days
// and a vulnerability assessment, all written through the store ports the sensor uses
// (observations → inventory rebuild → saveInventory, recordAlerts, replaceAssessment).
// Deterministic: the same arguments give the same store.
//
//   palisade-console-bench-store DB [ASSETS] [ALERTS]
import AssetInventory
import EventModel
import Foundation
import PacketLayers
import SQLiteStore
import Storage

let arguments = CommandLine.arguments
guard arguments.count > 1 else {
    FileHandle.standardError.write(Data("usage: palisade-console-bench-store DB [ASSETS] [ALERTS]\n".utf8))
    exit(2)
}
let path = arguments[1]
let assetTarget = arguments.count > 2 ? max(100, Int(arguments[2]) ?? 10_000) : 10_000
let alertTarget = arguments.count > 3 ? max(0, Int(arguments[3]) ?? 100_000) : 100_000
for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }

/// A cell: an HMI and an engineering workstation at level 2, eight controllers, and field
/// devices (I/O, drives) polled by the controllers; 100 assets.
let cellSize = 100
let controllersPerCell = 8
let cells = assetTarget / cellSize
let start: Int64 = 1_764_547_200_000_000_000  // 2025-12-01T00:00:00Z
let day: Int64 = 86_400_000_000_000
let span = 30 * day

/// Simple deterministic generator (SplitMix64), so that runs compare.
struct Random {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
var random = Random(state: 2026)

func endpoint(cell: Int, host: Int) -> EndpointKey {
    // 10.(cell / 250).(cell % 250).host behind locally unique MACs 02:50:cc:cc:hh:hh.
    let ip = UInt32(10) << 24 | UInt32(cell / 250) << 16 | UInt32(cell % 250) << 8 | UInt32(host + 1)
    let mac = 0x0250_0000_0000 | UInt64(cell) << 16 | UInt64(host)
    return EndpointKey(mac: MACAddress(rawValue: mac), ip: IPAddress(ipv4: ip))
}

func observe(_ delta: inout StoreDelta, _ key: EndpointKey, first: Int64, last: Int64, packets: UInt64) {
    var observation = EndpointObservation()
    observation.firstSeen = first
    observation.lastSeen = last
    observation.packetsSent = packets
    observation.packetsReceived = packets
    observation.bytesSent = packets * 90
    observation.bytesReceived = packets * 90
    delta.endpoints[key, default: EndpointObservation()].merge(observation)
}

func converse(
    _ delta: inout StoreDelta, _ client: EndpointKey, _ server: EndpointKey, _ application: ApplicationProtocol,
    port: UInt16, operations: [(EventModel.Operation, UInt32)], first: Int64
) {
    var edge = EdgeObservation()
    edge.flows = 1
    edge.packetsToServer = 5_000
    edge.packetsToClient = 5_000
    edge.bytesToServer = 600_000
    edge.bytesToClient = 900_000
    edge.firstSeen = first
    // Last seen within the last hour, spread by the pair.
    edge.lastSeen = start + span - Int64((client.ip.low &+ server.ip.low &* 31) % 3_600) * 1_000_000_000
    edge.firstFrame = 1
    for (operation, count) in operations {
        for _ in 0..<count { edge.operations.add(operation, fromClient: true, isRequest: true) }
    }
    let key = EdgeKey(client: client, server: server, protocolID: application.id, serverPort: port, transport: 6)
    delta.edges[key, default: EdgeObservation()].merge(edge)
    var clientSide = EndpointObservation()
    clientSide.clientProtocols.insert(application.id)
    clientSide.flowsAsClient = 1
    delta.endpoints[client, default: EndpointObservation()].merge(clientSide)
    var serverSide = EndpointObservation()
    serverSide.serverProtocols.insert(application.id)
    serverSide.flowsAsServer = 1
    delta.endpoints[server, default: EndpointObservation()].merge(serverSide)
}

func fact(
    _ delta: inout StoreDelta, _ subject: EndpointKey, _ key: IdentityKey, _ value: String,
    _ application: ApplicationProtocol, first: Int64
) {
    delta.facts[
        FactKey(subject: subject, key: key, value: value, protocolID: application.id, selfReported: true)
    ] = FactObservation(firstSeen: first, lastSeen: start + span, firstFrame: 1, lastFrame: 100, count: 40)
}

let eventsPerCell = 40

/// The rule of alert `index`: in plant-like proportions, most of them low and medium.
func ruleIndex(_ index: Int) -> Int { index % 11 < 4 ? 0 : index % 11 < 6 ? 3 : index % 11 < 8 ? 6 : index % 11 - 5 }

func event(
    _ protocolName: String, _ operation: String, _ functionName: String, from client: EndpointKey,
    to server: EndpointKey, port: UInt16, time: Int64, response: Bool = false, json: String
) -> StoredEvent {
    StoredEvent(
        timestamp: time, frame: 1, protocolName: protocolName, operation: operation, function: nil,
        functionName: functionName, direction: response ? "response" : "request", source: client.ip.description,
        destination: server.ip.description, sourceMAC: client.mac.description, destinationMAC: server.mac.description,
        sourcePort: response ? port : 50_000, destinationPort: response ? 50_000 : port, anomaly: nil, json: json)
}

let controllerVendors = [
    ("Siemens", "SIMATIC S7-1500", ApplicationProtocol.s7comm, UInt16(102)),
    ("Rockwell Automation", "ControlLogix 5580", ApplicationProtocol.enip, UInt16(44818)),
    ("Schneider Electric", "Modicon M580", ApplicationProtocol.modbus, UInt16(502)),
]

do {
    let store = try SQLiteStore(path: path)
    let source = try store.sensorSource(interface: "bench0")
    var assetIDs: [String] = []
    var controllers: [(id: String, vendor: Int)] = []
    for cell in 0..<cells {
        var delta = StoreDelta()
        let first = start + Int64(cell) * 60_000_000_000
        let hmi = endpoint(cell: cell, host: 0)
        let engineering = endpoint(cell: cell, host: 1)
        for host in 0..<cellSize {
            observe(&delta, endpoint(cell: cell, host: host), first: first, last: start + span, packets: 10_000)
        }
        for index in 0..<controllersPerCell {
            let controller = endpoint(cell: cell, host: 2 + index)
            let vendor = (cell + index) % controllerVendors.count
            let (vendorName, product, application, port) = controllerVendors[vendor]
            converse(
                &delta, hmi, controller, application, port: port, operations: [(.read, 200), (.write, 3)],
                first: first)
            converse(
                &delta, engineering, controller, application, port: port,
                operations: [(.read, 20), (.diagnostic, 2)] + (index == 0 ? [(.program, 1)] : []), first: first)
            fact(&delta, controller, .vendor, vendorName, application, first: first)
            fact(&delta, controller, .product, product, application, first: first)
            fact(&delta, controller, .firmware, "V2.\(cell % 9).\(index)", application, first: first)
            fact(&delta, controller, .serial, "S C-\(cell)\(index)X\(random.below(100_000))", application, first: first)
            fact(&delta, controller, .stationName, "plc-\(cell)-\(index)", application, first: first)
            // Field devices: each controller polls its share of the cell's I/O and drives.
            for device in stride(from: 10 + index, to: cellSize, by: controllersPerCell) {
                let field = endpoint(cell: cell, host: device)
                converse(&delta, controller, field, .enip, port: 44818, operations: [(.read, 500)], first: first)
                fact(&delta, field, .vendor, device % 3 == 0 ? "WAGO" : "Phoenix Contact", .enip, first: first)
                fact(&delta, field, .product, device % 3 == 0 ? "750-362" : "AXC F 2152", .enip, first: first)
            }
            controllers.append(("mac:\(controller.mac)", vendor))
        }
        // The cell's HMI and workstation reach the site historian (cell 0's host 2 is a controller,
        // so the historian is cell 0's last host).
        let historian = endpoint(cell: 0, host: cellSize - 1)
        converse(&delta, hmi, historian, .opcua, port: 4840, operations: [(.data, 50)], first: first)
        // Remote access for the access page: the site server (the historian) reaches each
        // cell's workstation over RDP, the workstation reaches the HMI over VNC.
        converse(&delta, historian, engineering, .rdp, port: 3389, operations: [(.session, 1)], first: first)
        converse(&delta, engineering, hmi, .vnc, port: 5900, operations: [(.session, 1)], first: first)
        // Notable events: accounts crossing in clear (FTP, HTTP, a Telnet login prompt) and
        // program and write requests to the cell's controllers.
        let plc = endpoint(cell: cell, host: 2)
        delta.events.append(
            event(
                "ftp", "session", "USER", from: engineering, to: plc, port: 21, time: first + 1_000_000_000,
                json: "{\"protocol\":\"ftp\",\"identity\":{\"account\":\"engineer\"}}"))
        delta.events.append(
            event(
                "http", "session", "GET", from: hmi, to: endpoint(cell: cell, host: 3), port: 80,
                time: first + 2_000_000_000,
                json: "{\"protocol\":\"http\",\"identity\":{\"account\":\"admin\"}}"))
        delta.events.append(
            event(
                "telnet", "session", "Telnet Banner", from: endpoint(cell: cell, host: 4), to: engineering, port: 23,
                time: first + 3_000_000_000, response: true,
                json: "{\"protocol\":\"telnet\",\"identity\":{\"software\":\"login:\"}}"))
        for number in 0..<eventsPerCell {
            let controller = endpoint(cell: cell, host: 2 + number % controllersPerCell)
            let program = number % 10 == 0
            delta.events.append(
                event(
                    "s7comm", program ? "program" : "write", program ? "Download block" : "Write Var",
                    from: engineering, to: controller, port: 102,
                    time: first + Int64(random.below(Int(span / 1_000_000_000))) * 1_000_000_000,
                    json: "{\"protocol\":\"s7comm\",\"operation\":\"\(program ? "program" : "write")\"}"))
        }
        try store.apply(delta, to: source)
    }
    let collector = InventoryCollector()
    try store.loadObservations(into: collector)
    let inventory = InventoryBuilder(reference: ReferenceData()).build(collector)
    try store.saveInventory(inventory)
    assetIDs = inventory.assets.map(\.id)

    // Alerts: rules in plant-like proportions, most of them low and medium.
    let rules: [(rule: String, kind: String, severity: String, technique: String, summary: String)] = [
        ("new-connection", "baseline", "medium", "T0886", "New connection"),
        ("new-function", "baseline", "high", "T0836", "Function code not in the baseline"),
        ("program-download", "rule", "critical", "T0843", "Program download to a controller"),
        ("scan", "rule", "low", "T0846", "Address scan"),
        ("cleartext-credentials", "rule", "medium", "T0859", "Cleartext credentials"),
        ("firmware-change", "rule", "high", "T0857", "Firmware changed"),
        ("unusual-write-rate", "baseline", "info", "T0855", "Write rate above the baseline"),
    ]
    var batch: [StoredAlert] = []
    for index in 0..<alertTarget {
        let rule = rules[ruleIndex(index)]
        let victim = controllers.isEmpty ? assetIDs[index % assetIDs.count] : controllers[index % controllers.count].id
        let attacker = assetIDs[random.below(assetIDs.count)]
        let time = start + Int64(random.below(Int(span / 1_000_000_000))) * 1_000_000_000
        let evidence =
            "[{\"ts\":\"2025-12-\(String(format: "%02d", 1 + index % 28))T10:00:00Z\",\"protocol\":\"modbus\",\"src\":\"\(attacker)\",\"dst\":\"\(victim)\",\"function\":16,\"operation\":\"write\",\"frame\":\(index)}]"
        batch.append(
            StoredAlert(
                id: String(format: "%@-%08x", rule.rule, index), firstTime: time, lastTime: time + 1_000_000_000,
                severity: rule.severity, kind: rule.kind, rule: rule.rule, techniques: [rule.technique],
                assets: [attacker, victim], summary: "\(rule.summary): \(attacker) → \(victim)",
                explanation:
                    "\(rule.summary) between \(attacker) and \(victim), not seen while learning the baseline.",
                evidenceJSON: evidence, count: UInt64(1 + index % 5),
                state: index % 10 == 0 ? "closed" : index % 10 == 1 ? "acknowledged" : "new"))
        if batch.count == 5_000 {
            try store.recordAlerts(batch, source: source)
            batch.removeAll(keepingCapacity: true)
        }
    }
    try store.recordAlerts(batch, source: source)
    // Triage as analysts do it, one alert at a time (each change is audited): 10% closed,
    // 10% acknowledged.
    for index in stride(from: 0, to: alertTarget, by: 10) {
        for (offset, state) in [(0, "closed"), (1, "acknowledged")] where index + offset < alertTarget {
            let rule = rules[ruleIndex(index + offset)]
            _ = try store.setAlertState(
                id: String(format: "%@-%08x", rule.rule, index + offset), state: state, note: "bench triage",
                actor: "user:analyst\((index / 10) % 5)")
        }
    }
    // A sensor in monitoring mode with its baseline (bench/console/run.sh learns the file).
    try store.saveDetectionStatus(
        DetectionStatus(
            mode: "monitoring", learningStarted: start, learningUntil: start + 7 * day,
            lastBaselineChange: start + 7 * day,
            baselineEntries: 10_800,
            baselinePath: URL(fileURLWithPath: path).standardizedFileURL.path + ".baseline.yaml", updated: start + span),
        sensor: "bench0")

    // Vulnerabilities: a few advisories per controller family, matched to every controller.
    var advisories: [StoredAdvisory] = []
    for (vendorIndex, family) in controllerVendors.enumerated() {
        for number in 0..<20 {
            let cve = "CVE-2025-\(10_000 + vendorIndex * 100 + number)"
            advisories.append(
                StoredAdvisory(
                    id: "ICSA-25-\(100 + vendorIndex)-\(String(format: "%02d", number))",
                    title: "\(family.0) \(family.1) vulnerability \(number)", publisher: "CISA",
                    initialRelease: "2025-06-01", currentRelease: "2025-06-01", revision: "1", vendors: [family.0],
                    cves: [StoredAdvisoryCVE(cve: cve, cvss: 5 + Double(number % 5), cvssVector: nil, cwe: "CWE-20")],
                    maximumCVSS: 5 + Double(number % 5), source: "bench", documentJSON: "{}"))
        }
    }
    try store.saveAdvisories(advisories)
    var matches: [StoredVulnerabilityMatch] = []
    var risks: [StoredAssetRisk] = []
    let controllerVendor = Dictionary(controllers.map { ($0.id, $0.vendor) }, uniquingKeysWith: { a, _ in a })
    for id in assetIDs {
        if let vendor = controllerVendor[id] {
            for number in 0..<3 {
                let advisory = advisories[vendor * 20 + number]
                matches.append(
                    StoredVulnerabilityMatch(
                        assetID: id, advisoryID: advisory.id, title: advisory.title,
                        outcome: number == 0 ? "affected" : "possible", reason: "firmware in the affected range",
                        cves: advisory.cves.map(\.cve), maximumCVSS: advisory.maximumCVSS, cvssVector: nil,
                        knownExploited: number == 0 && vendor == 0, products: [controllerVendors[vendor].1],
                        remediations: ["vendor_fix: update the firmware"]))
            }
        }
        let score = controllerVendor[id] != nil ? 40 + Double(random.below(600)) / 10 : Double(random.below(300)) / 10
        risks.append(
            StoredAssetRisk(
                assetID: id, score: score,
                level: score >= 80 ? "critical" : score >= 60 ? "high" : score >= 30 ? "medium" : "low",
                factors: [StoredRiskFactor(name: "exposure", points: score, detail: "reachable from level 3")],
                assessedAt: start + span))
    }
    try store.replaceAssessment(matches: matches, risks: risks)
    let summary = try store.summary()
    print(
        "\(path): \(summary.assets) assets, \(summary.edges) edges, \(alertTarget) alerts, \(matches.count) vulnerability matches"
    )
} catch {
    FileHandle.standardError.write(Data("palisade-console-bench-store: \(error)\n".utf8))
    exit(1)
}
