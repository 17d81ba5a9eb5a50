import AssetInventory
import EventModel
import GRDB
import Storage

extension SQLiteStore: ObservationStore {
    public func apply(_ delta: StoreDelta, to source: Int64) throws(StoreError) {
        try write { db in
            try Self.mergeEndpoints(delta.endpoints, source: source, db: db)
            try Self.mergeEdges(delta.edges, source: source, db: db)
            try Self.mergeFacts(delta.facts, source: source, db: db)
            try Self.insertEvents(delta.events, source: source, db: db)
            try Self.insertEvents(delta.eventRows, source: source, db: db)
            try Self.addCounts(delta.counts, source: source, db: db)
            try Self.upsertSessions(delta.sessions, source: source, db: db)
            var first: Int64?
            var last: Int64?
            for observation in delta.endpoints.values where observation.firstSeen <= observation.lastSeen {
                first = min(first ?? .max, observation.firstSeen)
                last = max(last ?? .min, observation.lastSeen)
            }
            try db.execute(
                sql: """
                    UPDATE source SET packets = packets + ?, bytes = bytes + ?, events = events + ?, updated = ?,
                        first_packet = min(coalesce(first_packet, ?), coalesce(?, first_packet)),
                        last_packet = max(coalesce(last_packet, ?), coalesce(?, last_packet))
                    WHERE id = ?
                    """,
                arguments: [
                    ColumnCoding.int(delta.packets), ColumnCoding.int(delta.bytes), delta.eventCount, Self.now(),
                    first, first, last, last, source,
                ])
        }
    }

    static func mergeEndpoints(
        _ endpoints: [EndpointKey: EndpointObservation], source: Int64, db: Database
    ) throws {
        guard !endpoints.isEmpty else { return }
        let upsert = try db.cachedStatement(
            sql: """
                INSERT INTO endpoint_observation VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO UPDATE SET
                    first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen),
                    packets_sent = packets_sent + excluded.packets_sent,
                    packets_received = packets_received + excluded.packets_received,
                    bytes_sent = bytes_sent + excluded.bytes_sent, bytes_received = bytes_received + excluded.bytes_received,
                    flows_as_client = flows_as_client + excluded.flows_as_client,
                    flows_as_server = flows_as_server + excluded.flows_as_server,
                    client_protocols = palisade_list_union(client_protocols, excluded.client_protocols),
                    server_protocols = palisade_list_union(server_protocols, excluded.server_protocols),
                    vlans = palisade_list_union(vlans, excluded.vlans)
                """)
        let row = RawBinder(upsert, in: db)
        for (key, observation) in endpoints {
            row.bind(1, source)
            row.bind(2, key)
            row.bind(4, observation.firstSeen)
            row.bind(5, observation.lastSeen)
            row.bind(6, ColumnCoding.int(observation.packetsSent))
            row.bind(7, ColumnCoding.int(observation.packetsReceived))
            row.bind(8, ColumnCoding.int(observation.bytesSent))
            row.bind(9, ColumnCoding.int(observation.bytesReceived))
            row.bind(10, ColumnCoding.int(observation.flowsAsClient))
            row.bind(11, ColumnCoding.int(observation.flowsAsServer))
            row.bind(12, ColumnCoding.text(observation.clientProtocols))
            row.bind(13, ColumnCoding.text(observation.serverProtocols))
            row.bind(14, ColumnCoding.text(observation.vlans))
            try row.run()
        }
    }

    static func endpoint(_ row: Row, offset: Int) -> EndpointObservation {
        var observation = EndpointObservation()
        observation.firstSeen = row[offset]
        observation.lastSeen = row[offset + 1]
        observation.packetsSent = ColumnCoding.uint(row[offset + 2])
        observation.packetsReceived = ColumnCoding.uint(row[offset + 3])
        observation.bytesSent = ColumnCoding.uint(row[offset + 4])
        observation.bytesReceived = ColumnCoding.uint(row[offset + 5])
        observation.flowsAsClient = ColumnCoding.uint(row[offset + 6])
        observation.flowsAsServer = ColumnCoding.uint(row[offset + 7])
        observation.clientProtocols = ColumnCoding.protocolSet(row[offset + 8])
        observation.serverProtocols = ColumnCoding.protocolSet(row[offset + 9])
        observation.vlans = ColumnCoding.vlans(row[offset + 10])
        return observation
    }

    static func mergeEdges(_ edges: [EdgeKey: EdgeObservation], source: Int64, db: Database) throws {
        guard !edges.isEmpty else { return }
        let upsert = try db.cachedStatement(
            sql: """
                INSERT INTO edge_observation VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO UPDATE SET
                    flows = flows + excluded.flows,
                    packets_to_server = packets_to_server + excluded.packets_to_server,
                    packets_to_client = packets_to_client + excluded.packets_to_client,
                    bytes_to_server = bytes_to_server + excluded.bytes_to_server,
                    bytes_to_client = bytes_to_client + excluded.bytes_to_client,
                    first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen),
                    first_frame = CASE WHEN first_frame < 0 THEN excluded.first_frame
                        WHEN excluded.first_frame < 0 THEN first_frame ELSE min(first_frame, excluded.first_frame) END,
                    operations = palisade_tally_sum(operations, excluded.operations)
                """)
        let row = RawBinder(upsert, in: db)
        for (key, observation) in edges {
            row.bind(1, source)
            row.bind(2, key.client)
            row.bind(4, key.server)
            row.bind(6, ColumnCoding.protocolName(key.protocolID))
            row.bind(7, Int(key.serverPort))
            row.bind(8, Int(key.transport))
            row.bind(9, ColumnCoding.int(observation.flows))
            row.bind(10, ColumnCoding.int(observation.packetsToServer))
            row.bind(11, ColumnCoding.int(observation.packetsToClient))
            row.bind(12, ColumnCoding.int(observation.bytesToServer))
            row.bind(13, ColumnCoding.int(observation.bytesToClient))
            row.bind(14, observation.firstSeen)
            row.bind(15, observation.lastSeen)
            row.bind(16, ColumnCoding.int(observation.firstFrame))
            withUnsafeBytes(of: observation.operations.counts) { row.bind(17, blob: $0) }
            try row.run()
        }
    }

    static func edge(_ row: Row, offset: Int) -> EdgeObservation {
        var observation = EdgeObservation()
        observation.flows = ColumnCoding.uint(row[offset])
        observation.packetsToServer = ColumnCoding.uint(row[offset + 1])
        observation.packetsToClient = ColumnCoding.uint(row[offset + 2])
        observation.bytesToServer = ColumnCoding.uint(row[offset + 3])
        observation.bytesToClient = ColumnCoding.uint(row[offset + 4])
        observation.firstSeen = row[offset + 5]
        observation.lastSeen = row[offset + 6]
        observation.firstFrame = ColumnCoding.uint(row[offset + 7])
        observation.operations = ColumnCoding.tally(row[offset + 8])
        return observation
    }

    static func mergeFacts(_ facts: [FactKey: FactObservation], source: Int64, db: Database) throws {
        guard !facts.isEmpty else { return }
        let upsert = try db.cachedStatement(
            sql: """
                INSERT INTO fact_observation VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO UPDATE SET
                    first_frame = CASE WHEN excluded.first_seen < first_seen THEN excluded.first_frame ELSE first_frame END,
                    first_seen = min(first_seen, excluded.first_seen),
                    last_frame = CASE WHEN excluded.last_seen >= last_seen THEN excluded.last_frame ELSE last_frame END,
                    last_seen = max(last_seen, excluded.last_seen),
                    count = count + excluded.count
                """)
        let row = RawBinder(upsert, in: db)
        for (key, observation) in facts {
            row.bind(1, source)
            row.bind(2, key.subject)
            row.bind(4, key.key.name)
            row.bind(5, key.value)
            row.bind(6, ColumnCoding.protocolName(key.protocolID))
            row.bind(7, key.selfReported)
            row.bind(8, observation.firstSeen)
            row.bind(9, observation.lastSeen)
            row.bind(10, ColumnCoding.int(observation.firstFrame))
            row.bind(11, ColumnCoding.int(observation.lastFrame))
            row.bind(12, ColumnCoding.int(observation.count))
            try row.run()
        }
    }

    static func addCounts(_ counts: [EventCountKey: UInt64], source: Int64, db: Database) throws {
        guard !counts.isEmpty else { return }
        let upsert = try db.cachedStatement(
            sql: """
                INSERT INTO event_count VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO UPDATE SET count = count + excluded.count
                """)
        let row = RawBinder(upsert, in: db)
        for (key, count) in counts {
            row.bind(1, source)
            row.bind(2, key.bucket)
            row.bind(3, key.client)
            row.bind(5, key.server)
            row.bind(7, ColumnCoding.protocolName(key.protocolID))
            row.bind(8, Int(key.serverPort))
            row.bind(9, Int(key.transport))
            row.bind(10, key.operation.name)
            row.bind(11, key.function)
            row.bind(12, ColumnCoding.int(count))
            try row.run()
        }
    }

    public func loadObservations(into collector: InventoryCollector) throws(StoreError) {
        try read { db in
            let endpoints = try Row.fetchCursor(
                db,
                sql: """
                    SELECT mac, ip, first_seen, last_seen, packets_sent, packets_received, bytes_sent, bytes_received,
                        flows_as_client, flows_as_server, client_protocols, server_protocols, vlans
                    FROM endpoint_observation
                    """)
            while let row = try endpoints.next() {
                collector.absorb(
                    endpoint: EndpointKey(mac: ColumnCoding.mac(row[0]), ip: ColumnCoding.ip(row[1])),
                    Self.endpoint(row, offset: 2))
            }
            let edges = try Row.fetchCursor(
                db,
                sql: """
                    SELECT client_mac, client_ip, server_mac, server_ip, protocol, server_port, transport,
                        flows, packets_to_server, packets_to_client, bytes_to_server, bytes_to_client, first_seen,
                        last_seen, first_frame, operations
                    FROM edge_observation
                    """)
            while let row = try edges.next() {
                guard let protocolID = ColumnCoding.protocolID(row[4]) else { continue }
                let key = EdgeKey(
                    client: EndpointKey(mac: ColumnCoding.mac(row[0]), ip: ColumnCoding.ip(row[1])),
                    server: EndpointKey(mac: ColumnCoding.mac(row[2]), ip: ColumnCoding.ip(row[3])),
                    protocolID: protocolID, serverPort: UInt16(truncatingIfNeeded: row[5] as Int),
                    transport: UInt8(truncatingIfNeeded: row[6] as Int))
                collector.absorb(edge: key, Self.edge(row, offset: 7))
            }
            let facts = try Row.fetchCursor(
                db,
                sql: """
                    SELECT subject_mac, subject_ip, key, value, protocol, self_reported, first_seen, last_seen,
                        first_frame, last_frame, count
                    FROM fact_observation
                    """)
            while let row = try facts.next() {
                guard let key = ColumnCoding.keysByName[row[2]], let protocolID = ColumnCoding.protocolID(row[4])
                else { continue }
                let factKey = FactKey(
                    subject: EndpointKey(mac: ColumnCoding.mac(row[0]), ip: ColumnCoding.ip(row[1])), key: key,
                    value: row[3], protocolID: protocolID, selfReported: row[5])
                collector.absorb(
                    fact: factKey,
                    FactObservation(
                        firstSeen: row[6], lastSeen: row[7], firstFrame: ColumnCoding.uint(row[8]),
                        lastFrame: ColumnCoding.uint(row[9]), count: ColumnCoding.uint(row[10])))
            }
        }
    }
}
