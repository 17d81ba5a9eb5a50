import EventModel
import Sensor
import SensorMetrics
import Storage

let palisadeVersion = "0.6.0"

/// Feeds the sensor's statistics, deltas and store writes into the Prometheus metrics.
enum SensorMetricsWiring {
    static func connect(_ metrics: SensorMetrics, sensor: LiveSensor, writer: StoreWriter) {
        for interface in sensor.interfaces { metrics.setCaptureUp(interface: interface.name, true) }
        sensor.onSamples = { samples, activeFlows in
            for sample in samples {
                metrics.record(
                    interface: sample.interface, packets: sample.packets, bytes: sample.bytes,
                    kernelDrops: sample.kernelDrops, interfaceDrops: sample.interfaceDrops,
                    queueDrops: sample.queueDrops)
            }
            metrics.recordFlows(total: samples.reduce(0) { $0 &+ $1.flows }, active: activeFlows.reduce(0, +))
        }
        sensor.onDelta = { delta in
            var counts: [String: [String: UInt64]] = [:]
            for (key, count) in delta.counts {
                let name = ApplicationProtocol.withID(key.protocolID)?.name ?? "unknown"
                counts[name, default: [:]][key.operation.name, default: 0] &+= count
            }
            for (name, operations) in counts {
                for (operation, count) in operations {
                    metrics.recordEvents(protocol: name, operation: operation, count: count)
                }
            }
        }
        writer.onWrite = { seconds, rows in metrics.recordStoreWrite(seconds: seconds, rows: rows, table: "batch") }
    }
}
