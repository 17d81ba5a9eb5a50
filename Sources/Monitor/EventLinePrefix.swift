extension EventFormatter {
    /// Writes the start of an event's JSON line that its store columns alone determine (schema,
    /// frame, time, addresses, ports, MAC addresses), without the comma that follows, into an
    /// empty `json`. `jsonLine` writes the same bytes, so a store may keep only the rest of the
    /// line (about half of it) and rebuild this part on read; whoever drops it checks that the
    /// line starts with it.
    public static func writeLinePrefix(
        frame: UInt64, timestamp: Int64, source: String, destination: String, sourcePort: UInt16?,
        destinationPort: UInt16?, sourceMAC: String?, destinationMAC: String?, into json: inout JSONWriter
    ) {
        json.beginObject()
        json.field(static: "schema", schema)
        json.field(static: "frame", frame)
        json.key(static: "ts")
        json.value(rfc3339: timestamp)
        json.field(static: "src", source)
        json.field(static: "dst", destination)
        if let sourcePort, let destinationPort {
            json.field(static: "src_port", sourcePort)
            json.field(static: "dst_port", destinationPort)
        }
        if let sourceMAC, let destinationMAC {
            json.field(static: "src_mac", sourceMAC)
            json.field(static: "dst_mac", destinationMAC)
        }
    }
}
