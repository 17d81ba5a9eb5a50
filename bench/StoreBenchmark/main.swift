// Store write throughput: notable events per second through `SQLiteStore.apply` in the batch
// sizes the sensor and the importer commit (one transaction per batch), on a fresh store.
//
//   swift run -c release palisade-store-benchmark [EVENTS] [BATCH] [DB]
import Foundation
import SQLiteStore
import Storage

let arguments = CommandLine.arguments
let total = arguments.count > 1 ? Int(arguments[1]) ?? 200_000 : 200_000
let batchSize = arguments.count > 2 ? Int(arguments[2]) ?? 1_000 : 1_000
let path =
    arguments.count > 3 ? arguments[3] : FileManager.default.temporaryDirectory.appendingPathComponent(
        "palisade-store-bench-\(getpid()).db"
    ).path
for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }

/// A realistic notable event: a Modbus write with its JSON line (~400 bytes).
func event(_ index: Int) -> StoredEvent {
    let time: Int64 = 1_767_592_800_000_000_000 + Int64(index) * 1_000_000
    let json =
        "{\"schema\":\"palisade.event/1\",\"ts\":\"2026-01-05T06:00:00.\(index % 1_000_000)Z\",\"frame\":\(index),\"protocol\":\"modbus\",\"src\":\"10.10.2.\(index % 250)\",\"sport\":\(49152 + index % 10000),\"dst\":\"10.10.3.10\",\"dport\":502,\"direction\":\"request\",\"function\":6,\"function_name\":\"write_single_register\",\"operation\":\"write\",\"target\":{\"kind\":\"register\",\"address\":\(index % 1000),\"count\":1},\"unit\":1,\"transaction\":\(index % 65536)}"
    return StoredEvent(
        timestamp: time, frame: UInt64(index), protocolName: "modbus", operation: "write", function: 6,
        functionName: "write_single_register", direction: "request", source: "10.10.2.\(index % 250)",
        destination: "10.10.3.10", sourceMAC: "00:1b:1b:00:00:\(String(format: "%02x", index % 250))",
        destinationMAC: "00:80:f4:00:00:01", sourcePort: UInt16(49152 + index % 10000), destinationPort: 502,
        anomaly: nil, json: json)
}

do {
    let store = try SQLiteStore(path: path)
    let source = try store.sensorSource(interface: "bench0")
    let batches = (total + batchSize - 1) / batchSize
    let prepared: [StoreDelta] = (0..<batches).map { batch in
        var delta = StoreDelta()
        delta.events = (batch * batchSize..<min(total, (batch + 1) * batchSize)).map(event)
        return delta
    }
    let start = Date()
    for delta in prepared { try store.apply(delta, to: source) }
    let seconds = Date().timeIntervalSince(start)
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)??.int64Value ?? 0
    print(
        String(
            format: "%d events in %d transactions of %d: %.2f s, %.0f events/s, %.1f MB (store %@)", total, batches,
            batchSize, seconds, Double(total) / seconds, Double(size) / 1_048_576, path))
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
} catch {
    FileHandle.standardError.write(Data("palisade-store-benchmark: \(error)\n".utf8))
    exit(1)
}
