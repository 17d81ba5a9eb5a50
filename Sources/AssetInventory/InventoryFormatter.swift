import EventModel
import Monitor

/// The inventory as JSON (an array of assets), CSV (one row per asset) or a table for people.
public enum InventoryFormatter {
    public static func json(_ inventory: Inventory) -> String {
        var bytes: [UInt8] = []
        writeJSON(inventory) { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The JSON array of `inventory`'s assets handed to `output` in pieces, in order, without
    /// building one string (the command writes them straight to standard output).
    public static func writeJSON(_ inventory: Inventory, to output: (UnsafeRawBufferPointer) -> Void) {
        let assets = inventory.assets[...]
        // A plant's tens of thousands of assets: each half of the array on its own thread.
        guard assets.count >= 1024 else {
            writer(assets).withUnsafeBytes(output)
            return
        }
        let middle = assets.startIndex + assets.count / 2
        let (first, second) = sideBySide({ writer(assets[..<middle]) }, { writer(assets[middle...]) })
        // Joined as `first` without its "]", a comma, `second` without its "[".
        first.withUnsafeBytes { output(UnsafeRawBufferPointer(rebasing: $0.dropLast())) }
        withUnsafeBytes(of: UInt8(ascii: ",")) { output($0) }
        second.withUnsafeBytes { output(UnsafeRawBufferPointer(rebasing: $0.dropFirst())) }
    }

    /// `assets` as one JSON array.
    static func writer(_ assets: ArraySlice<Asset>) -> JSONWriter {
        // About 1.1 KB per asset on the benchmark's plant; more is only address space.
        var json = JSONWriter(reservingCapacity: 64 + assets.count * 1_536)
        json.beginArray()
        // By index: `for asset in` copies each asset out of the array (a retain and release of
        // every string and array it holds).
        for index in assets.indices { write(assets[index], into: &json) }
        json.endArray()
        return json
    }

    /// One asset as a JSON object (the store keeps each asset this way).
    public static func json(_ asset: Asset) -> String {
        var json = JSONWriter()
        write(asset, into: &json)
        return json.output
    }

    static func write(_ asset: Asset, into json: inout JSONWriter) {
        json.beginObject()
        json.field(static: "id", asset.id)
        json.array(static: "macs", asset.macs) { $0.value($1) }
        json.array(static: "ips", asset.ips) { $0.value($1) }
        if !asset.vlans.isEmpty { json.array(static: "vlans", asset.vlans) { $0.value($1) } }
        json.key(static: "names")
        json.beginArray()
        for name in asset.names {
            json.beginObject()
            json.field(static: "name", name.name)
            json.field(static: "source", name.source)
            json.field(static: "confidence", name.confidence.rawValue)
            json.endObject()
        }
        json.endArray()
        // `vendor`: the MAC's registered organisation; `identity.vendor`: what the device says.
        optional("vendor", asset.macVendor, into: &json)
        json.key(static: "identity")
        json.beginObject()
        let identity = asset.identity
        optional("vendor", identity.vendor, into: &json)
        optional("product", identity.product, into: &json)
        optional("model", identity.model, into: &json)
        optional("order_number", identity.orderNumber, into: &json)
        optional("firmware", identity.firmware, into: &json)
        optional("hardware", identity.hardware, into: &json)
        optional("serial", identity.serial, into: &json)
        optional("station_name", identity.stationName, into: &json)
        optional("device_type", identity.deviceType, into: &json)
        optional("os", identity.operatingSystem, into: &json)
        if !identity.modules.isEmpty { strings("modules", identity.modules, into: &json) }
        if !identity.software.isEmpty { strings("software", identity.software, into: &json) }
        json.endObject()
        json.field(static: "role", asset.role.rawValue)
        strings("role_reasons", asset.roleReasons, into: &json)
        json.key(static: "purdue_level")
        if let level = asset.purdueLevel { json.value(level) } else { json.null() }
        strings("purdue_reasons", asset.purdueReasons, into: &json)
        json.key(static: "protocols")
        json.beginObject()
        strings("client", asset.clientProtocols, into: &json)
        strings("server", asset.serverProtocols, into: &json)
        json.endObject()
        json.key(static: "first_seen")
        json.value(rfc3339: asset.firstSeen)
        json.key(static: "last_seen")
        json.value(rfc3339: asset.lastSeen)
        json.key(static: "counters")
        json.beginObject()
        json.field(static: "packets_sent", asset.packetsSent)
        json.field(static: "packets_received", asset.packetsReceived)
        json.field(static: "bytes_sent", asset.bytesSent)
        json.field(static: "bytes_received", asset.bytesReceived)
        json.endObject()
        if asset.routedAddresses > 0 { json.field(static: "routed_addresses", asset.routedAddresses) }
        if let router = asset.behindRouter { json.field(static: "behind_router", router.description) }
        json.key(static: "facts")
        json.beginArray()
        for fact in asset.facts {
            json.beginObject()
            json.field(static: "key", fact.key.name)
            json.field(static: "value", fact.value)
            json.field(static: "protocol", fact.protocolName)
            json.field(static: "first_frame", fact.firstFrame)
            json.field(static: "last_frame", fact.lastFrame)
            json.key(static: "first_seen")
            json.value(rfc3339: fact.firstSeen)
            json.key(static: "last_seen")
            json.value(rfc3339: fact.lastSeen)
            json.field(static: "count", fact.count)
            json.field(static: "confidence", fact.confidence.rawValue)
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }

    static func strings(_ name: StaticString, _ values: [String], into json: inout JSONWriter) {
        json.array(static: name, values) { $0.value($1) }
    }

    static func optional(_ name: StaticString, _ value: String?, into json: inout JSONWriter) {
        json.key(static: name)
        if let value { json.value(value) } else { json.null() }
    }

    public static let csvHeader =
        "id,macs,ips,names,vendor,identity_vendor,product,model,order_number,firmware,serial,role,purdue_level,"
        + "client_protocols,server_protocols,first_seen,last_seen,packets_sent,packets_received,bytes_sent,bytes_received"

    public static func csv(_ inventory: Inventory) -> String {
        var lines = [csvHeader]
        for asset in inventory.assets {
            let fields: [String] = [
                asset.id, asset.macs.map(\.description).joined(separator: " "),
                asset.ips.map(\.description).joined(separator: " "),
                asset.names.map(\.name).joined(separator: "; "), asset.macVendor ?? "",
                asset.identity.vendor ?? "", asset.identity.product ?? "", asset.identity.model ?? "",
                asset.identity.orderNumber ?? "", asset.identity.firmware ?? "", asset.identity.serial ?? "",
                asset.role.rawValue, asset.purdueLevel.map(String.init) ?? "",
                asset.clientProtocols.joined(separator: " "), asset.serverProtocols.joined(separator: " "),
                rfc3339(asset.firstSeen), rfc3339(asset.lastSeen), String(asset.packetsSent),
                String(asset.packetsReceived), String(asset.bytesSent), String(asset.bytesReceived),
            ]
            lines.append(fields.map(csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n")
    }

    /// RFC 4180 quoting; a leading = + - @ is prefixed with ' so spreadsheets do not run it.
    static func csvField(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@".contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public static func table(_ inventory: Inventory) -> String {
        var rows: [[String]] = [["ADDRESS", "MAC", "VENDOR", "NAME", "ROLE", "LEVEL", "IDENTITY", "PROTOCOLS"]]
        for asset in inventory.assets {
            var parts: [String] = []
            if let product = asset.identity.product ?? asset.identity.model { parts.append(product) }
            if let order = asset.identity.orderNumber { parts.append(order) }
            if let firmware = asset.identity.firmware { parts.append("fw " + firmware) }
            let identity = parts.joined(separator: " ")
            let vendor = asset.identity.vendor ?? asset.macVendor ?? ""
            let protocols = asset.serverProtocols.map { $0 + "(s)" } + asset.clientProtocols
            rows.append([
                asset.ips.map(\.description).joined(separator: " "),
                asset.macs.map(\.description).joined(separator: " "),
                String(vendor.prefix(28)),
                String((asset.names.first?.name ?? "").prefix(28)), asset.role.title,
                asset.purdueLevel.map(String.init) ?? "-", String(identity.prefix(40)),
                protocols.joined(separator: " "),
            ])
        }
        var widths = [Int](repeating: 0, count: rows[0].count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
