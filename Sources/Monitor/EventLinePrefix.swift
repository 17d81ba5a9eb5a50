#if canImport(Glibc)
    import Glibc
#endif

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

extension EventFormatter {
    /// How many bytes at the start of `line` `writeLinePrefix` rebuilds from these column values,
    /// or 0 when the line does not start with exactly those bytes followed by a comma (it is then
    /// kept whole). `scratch` is emptied and reused, so a caller measuring many lines allocates
    /// nothing per line.
    public static func linePrefixLength(
        of line: String, frame: UInt64, timestamp: Int64, source: String, destination: String, sourcePort: UInt16?,
        destinationPort: UInt16?, sourceMAC: String?, destinationMAC: String?, scratch: inout JSONWriter
    ) -> Int {
        scratch.removeAll()
        writeLinePrefix(
            frame: frame, timestamp: timestamp, source: source, destination: destination, sourcePort: sourcePort,
            destinationPort: destinationPort, sourceMAC: sourceMAC, destinationMAC: destinationMAC, into: &scratch)
        var line = line
        return line.withUTF8 { bytes in
            scratch.withUnsafeBytes { head in
                bytes.count > head.count && bytes[head.count] == UInt8(ascii: ",")
                    && memcmp(bytes.baseAddress!, head.baseAddress!, head.count) == 0 ? head.count : 0
            }
        }
    }
}
