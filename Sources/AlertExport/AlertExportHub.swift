import Detection
import Foundation
import NIOCore
import NIOPosix

/// Every configured destination, fed by one call per alert. Owns one event-loop thread for the
/// network transports and one delivery thread per destination; nothing here runs on the packet
/// path, and `export` only appends to bounded queues.
public final class AlertExportHub: Sendable {
    public let exporters: [any AlertExporter]
    private let group: MultiThreadedEventLoopGroup

    /// Builds the exporters (TLS files are read here, so a bad certificate is an error now, not
    /// a silent failure later). `onError` hears each new delivery problem once, from the
    /// exporters' threads.
    public init(
        configuration: AlertExportConfiguration, identity: AlertSourceIdentity = AlertSourceIdentity(),
        onError: @escaping @Sendable (String) -> Void = { _ in }
    ) throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        var exporters: [any AlertExporter] = []
        do {
            for destination in configuration.destinations {
                exporters.append(try Self.exporter(destination, group: group, identity: identity, onError: onError))
            }
        } catch {
            for exporter in exporters { exporter.close(timeout: 0) }
            try? group.syncShutdownGracefully()
            throw error
        }
        self.group = group
        self.exporters = exporters
    }

    static func exporter(
        _ destination: AlertDestination, group: MultiThreadedEventLoopGroup, identity: AlertSourceIdentity,
        onError: @escaping @Sendable (String) -> Void
    ) throws -> any AlertExporter {
        switch destination {
        case .file(let file):
            return QueuedExporter(
                label: destination.label, capacity: file.queue, sink: FileSink(path: file.path), onError: onError
            ) { AlertFormatter.jsonLine($0) }
        case .syslog(let syslog):
            let sink: MessageSink
            switch syslog.transport {
            case .udp:
                sink = UDPSink(group: group, host: syslog.host, port: syslog.port, maxBytes: syslog.maxMessageBytes)
            case .tcp:
                sink = StreamSink(group: group, host: syslog.host, port: syslog.port, tls: nil)
            case .tls:
                let tls = try TLSSettings(
                    caFile: syslog.caFile, certFile: syslog.certFile, keyFile: syslog.keyFile,
                    serverName: syslog.serverName)
                sink = StreamSink(group: group, host: syslog.host, port: syslog.port, tls: tls)
            }
            let framing = SyslogFraming(
                facility: syslog.facility, hostname: syslog.hostname, structuredData: syslog.structuredData)
            let format = syslog.format
            return QueuedExporter(label: destination.label, capacity: syslog.queue, sink: sink, onError: onError) {
                framing.message(for: $0, payload: AlertPayload.render($0, as: format, identity: identity))
            }
        }
    }

    /// Queues `alert` for every destination; never blocks, never throws.
    public func export(_ alert: Alert) {
        for exporter in exporters { exporter.export(alert) }
    }

    public var statistics: [(label: String, statistics: AlertExportStatistics)] {
        exporters.map { ($0.label, $0.statistics) }
    }

    /// Delivers what is queued for up to `timeout` seconds per destination, then stops.
    public func close(timeout: Double = 5) {
        for exporter in exporters { exporter.close(timeout: timeout) }
        try? group.syncShutdownGracefully()
    }
}
