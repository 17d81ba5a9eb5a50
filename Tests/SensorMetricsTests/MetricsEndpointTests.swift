import Foundation
import NIOCore
import SensorMetrics
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct MetricsEndpointTests {
    static func startedEndpoint(idleTimeout: TimeAmount = .seconds(30)) throws -> (MetricsEndpoint, Int) {
        let metrics = SensorMetrics(version: "test")
        metrics.record(interface: "eth0", packets: 5, bytes: 300, kernelDrops: 0, interfaceDrops: 0, queueDrops: 0)
        let endpoint = try MetricsEndpoint(address: "127.0.0.1:0", metrics: metrics, idleTimeout: idleTimeout)
        return (endpoint, try endpoint.start())
    }

    @Test func otherPathsAre404() throws {
        let (endpoint, port) = try Self.startedEndpoint()
        defer { endpoint.shutdown() }
        for path in ["/", "/metricsx", "/metrics/", "/api/v1/query"] {
            let response = try HTTPTestClient.request(port: port, path: path)
            #expect(response.status == 404, "\(path)")
            #expect(!response.body.contains("palisade_"))
        }
        // A query string does not change the path.
        #expect(try HTTPTestClient.request(port: port, path: "/metrics?format=text").status == 200)
    }

    @Test func otherMethodsAre405() throws {
        let (endpoint, port) = try Self.startedEndpoint()
        defer { endpoint.shutdown() }
        for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
            let response = try HTTPTestClient.request(port: port, method: method, extraHeaders: "Content-Length: 0\r\n")
            #expect(response.status == 405, "\(method)")
            #expect(response.headers["allow"] == "GET, HEAD")
        }
        let posted = try HTTPTestClient.request(
            port: port, method: "POST", extraHeaders: "Content-Length: 11\r\n\r\nhello world")
        #expect(posted.status == 405)
    }

    @Test func headAnswersWithoutABody() throws {
        let (endpoint, port) = try Self.startedEndpoint()
        defer { endpoint.shutdown() }
        let response = try HTTPTestClient.request(port: port, method: "HEAD")
        #expect(response.status == 200)
        #expect(response.body.isEmpty)
        #expect(Int(response.headers["content-length"] ?? "") ?? 0 > 100)
    }

    @Test func keepAliveServesSeveralScrapesOnOneConnection() throws {
        let (endpoint, port) = try Self.startedEndpoint()
        defer { endpoint.shutdown() }
        let client = try HTTPTestClient(port: port)
        defer { client.close() }
        let request = "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n"
        try client.send(request + request + "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let text = String(decoding: client.receiveAll(), as: UTF8.self)
        #expect(text.components(separatedBy: "HTTP/1.1 200 OK").count - 1 == 3)
        #expect(text.components(separatedBy: #"palisade_packets_total{interface="eth0"} 5"#).count - 1 == 3)
    }

    @Test func idleConnectionsAreClosed() throws {
        let (endpoint, port) = try Self.startedEndpoint(idleTimeout: .milliseconds(200))
        defer { endpoint.shutdown() }
        let client = try HTTPTestClient(port: port)
        defer { client.close() }
        // Nothing sent: the server closes within the client's 5 s receive timeout.
        #expect(client.serverClosed())
    }

    @Test func oversizedRequestHeadIsRejected() throws {
        let (endpoint, port) = try Self.startedEndpoint()
        defer { endpoint.shutdown() }
        let big = String(repeating: "a", count: 10_000)
        let response = try HTTPTestClient.request(port: port, extraHeaders: "X-Padding: \(big)\r\n")
        #expect(response.status == 400)
        let longURL = try HTTPTestClient.request(port: port, path: "/metrics?" + big)
        #expect(longURL.status == 400)
    }

    @Test func shutdownStopsListeningAndIsIdempotent() throws {
        let (endpoint, port) = try Self.startedEndpoint()
        endpoint.shutdown()
        endpoint.shutdown()
        #expect(endpoint.boundPort == nil)
        #expect(throws: HTTPTestClient.Failure.self) { try HTTPTestClient(port: port) }
        #expect(throws: MetricsEndpointError.alreadyStarted(address: "127.0.0.1:0")) { try endpoint.start() }
    }

    @Test func shutdownJoinsTheEndpointThread() throws {
        // NIO names each group's threads NIO-ELT-<group>-#<n>, unique in the process; the scrape
        // records the serving thread's name so the test can look for it after shutdown.
        let servingThread = Mutex("")
        let endpoint = try MetricsEndpoint(address: "127.0.0.1:0") {
            servingThread.withLock { $0 = Self.currentThreadName() }
            return Array("up 1\n".utf8)
        }
        let port = try endpoint.start()
        #expect(try HTTPTestClient.request(port: port).status == 200)
        let name = servingThread.withLock { $0 }
        #expect(name.hasPrefix("NIO-ELT-"))
        #expect(Self.threadNames().contains(name))
        endpoint.shutdown()
        #expect(!Self.threadNames().contains(name))
    }

    static func currentThreadName() -> String {
        ((try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? "")
            .trimmingCharacters(in: .newlines)
    }

    /// The names of this process's threads (Linux: /proc/self/task/*/comm).
    static func threadNames() -> Set<String> {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return Set(
            tasks.compactMap { task in
                (try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8))?
                    .trimmingCharacters(in: .newlines)
            })
    }

    @Test func portInUseNamesTheAddress() throws {
        let (endpoint, port) = try Self.startedEndpoint()
        defer { endpoint.shutdown() }
        let second = try MetricsEndpoint(address: "127.0.0.1:\(port)", render: { [] })
        let error = #expect(throws: MetricsEndpointError.self) { try second.start() }
        #expect(error == .cannotListen(address: "127.0.0.1:\(port)", reason: "address already in use"))
        #expect(error?.description == "metrics endpoint: cannot listen on 127.0.0.1:\(port): address already in use")
        // The failed endpoint left nothing running and the first one still answers.
        #expect(second.boundPort == nil)
        #expect(try HTTPTestClient.request(port: port).status == 200)
    }

    @Test func addressNotOnThisHostNamesTheAddress() throws {
        // 192.0.2.1 is TEST-NET-1 (RFC 5737): never assigned to this host.
        let endpoint = try MetricsEndpoint(address: "192.0.2.1:9464", render: { [] })
        let error = #expect(throws: MetricsEndpointError.self) { try endpoint.start() }
        #expect(error?.description.hasPrefix("metrics endpoint: cannot listen on 192.0.2.1:9464: ") == true)
    }

    @Test(arguments: [
        ("9464", "expected host:port"),
        ("127.0.0.1", "expected host:port"),
        ("127.0.0.1:", "port must be a number from 0 to 65535"),
        ("127.0.0.1:65536", "port must be a number from 0 to 65535"),
        ("127.0.0.1:-1", "port must be a number from 0 to 65535"),
        ("127.0.0.1:http", "port must be a number from 0 to 65535"),
        ("::1:9464", "write an IPv6 address as [address]:port"),
        ("[::1:9464", "missing ']' after the IPv6 address"),
        ("[::1]9464", "expected ':port' after ']'"),
        ("[]:9464", "empty IPv6 address"),
    ])
    func badAddressesAreRejectedWithTheAddress(address: String, reason: String) {
        let error = #expect(throws: MetricsEndpointError.self) {
            try MetricsEndpoint(address: address, render: { [] })
        }
        #expect(error == .invalidAddress(address: address, reason: reason))
        #expect(error?.description == "metrics endpoint: invalid --metrics-listen address '\(address)': \(reason)")
    }

    @Test func ipv6LoopbackAndAllInterfacesForms() throws {
        // [::1]:0 binds where the host has IPv6 loopback; a missing ::1 is a bind error, not a parse error.
        let v6 = try MetricsEndpoint(address: "[::1]:0", render: { Array("up 1\n".utf8) })
        do {
            let port = try v6.start()
            #expect(port > 0)
            v6.shutdown()
        } catch {
            #expect(error.description.hasPrefix("metrics endpoint: cannot listen on [::1]:0: "))
        }
        let any = try MetricsEndpoint(address: ":0", render: { Array("up 1\n".utf8) })
        let port = try any.start()
        defer { any.shutdown() }
        let response = try HTTPTestClient.request(port: port)
        #expect(response.body == "up 1\n")
    }
}
