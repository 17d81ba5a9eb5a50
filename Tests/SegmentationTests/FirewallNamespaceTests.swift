import CorpusTestSupport
import Foundation
import Segmentation
import Testing

/// Loads an export into a router namespace between two host namespaces and checks with real TCP
/// connections that a flow with a conduit passes and flows without one are dropped.
@Suite(.serialized) struct FirewallNamespaceTests {
    static let isRoot = geteuid() == 0

    /// Namespaces of this run (names carry the process id; removed whatever happens).
    struct Lab {
        let prefix = "pseg\(getpid() % 100_000)"
        var router: String { "\(prefix)-r" }
        var hostA: String { "\(prefix)-a" }
        var hostB: String { "\(prefix)-b" }
        var servers: [Process] = []

        func ip(_ arguments: [String]) throws {
            let result = try run("/usr/sbin/ip", arguments)
            guard result.status == 0 else {
                throw LabError(message: "ip \(arguments.joined(separator: " ")): \(result.stderr)")
            }
        }

        func inside(_ namespace: String, _ command: [String]) throws -> ProcessOutput {
            try run("/usr/sbin/ip", ["netns", "exec", namespace] + command)
        }

        func build() throws {
            for namespace in [router, hostA, hostB] {
                // A namespace left by a killed run with the same process id goes first.
                _ = try? run("/usr/sbin/ip", ["netns", "delete", namespace])
                try ip(["netns", "add", namespace])
            }
            for (host, side, routerAddress, hostAddress) in [
                (hostA, "a", "10.91.1.1/24", "10.91.1.2/24"), (hostB, "b", "10.91.2.1/24", "10.91.2.2/24"),
            ] {
                let outer = "\(prefix)\(side)r"
                try ip(["link", "add", outer, "type", "veth", "peer", "name", "\(prefix)\(side)h"])
                try ip(["link", "set", outer, "netns", router])
                try ip(["link", "set", "\(prefix)\(side)h", "netns", host])
                try ip(["-n", router, "addr", "add", routerAddress, "dev", outer])
                try ip(["-n", router, "link", "set", outer, "up"])
                try ip(["-n", host, "link", "set", "\(prefix)\(side)h", "name", "eth0"])
                try ip(["-n", host, "addr", "add", hostAddress, "dev", "eth0"])
                try ip(["-n", host, "link", "set", "eth0", "up"])
                try ip(["-n", host, "link", "set", "lo", "up"])
                try ip(["-n", host, "route", "add", "default", "via", String(routerAddress.dropLast(3))])
            }
            let forwarding = try inside(router, ["sysctl", "-q", "-w", "net.ipv4.ip_forward=1"])
            guard forwarding.status == 0 else { throw LabError(message: "ip_forward: \(forwarding.stderr)") }
        }

        /// A Python HTTP server in `namespace` on `port` (standard library only).
        mutating func serve(in namespace: String, address: String, port: Int) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/sbin/ip")
            process.arguments = [
                "netns", "exec", namespace, "python3", "-m", "http.server", "--bind", address, String(port),
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            servers.append(process)
        }

        /// Whether a TCP connection from `namespace` to `address:port` is established within 2 s (a
        /// refusal is retried for 10 s: the servers take a moment to start).
        func connects(from namespace: String, to address: String, port: Int) throws -> Bool {
            let script = """
                import socket, sys
                for attempt in range(100):
                    try:
                        socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=2).close()
                        print("connected"); break
                    except ConnectionRefusedError:
                        import time; time.sleep(0.1)
                    except OSError as error:
                        print("failed", error); break
                """
            let result = try inside(namespace, ["python3", "-c", script, address, String(port)])
            return result.stdout.hasPrefix("connected")
        }

        func tearDown() {
            for server in servers where server.isRunning {
                // SIGKILL: the test process blocks SIGTERM in the threads that spawn, and the
                // child inherits the mask. `ip netns exec` execs python3: the same process id.
                kill(server.processIdentifier, SIGKILL)
                server.waitUntilExit()
            }
            for namespace in [router, hostA, hostB] { _ = try? run("/usr/sbin/ip", ["netns", "delete", namespace]) }
        }
    }

    struct LabError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    @Test(.enabled(if: isRoot, "needs root to create network namespaces (run the tests as root)"))
    func conduitPassesAndOtherFlowsAreDropped() throws {
        let nft = try #require(PolicyExportTests.nft, "nft is not installed (Debian: apt-get install nftables)")
        let policy = try ZonePolicyReader.parse(
            """
            zones:
              - name: plant-a
                cidrs: [10.91.1.0/24]
              - name: plant-b
                cidrs: [10.91.2.0/24]
            conduits:
              - name: a-to-b-modbus
                from: plant-a
                to: plant-b
                protocols: [modbus]
                ports: [502]
                justification: test conduit
            """, file: "lab.yaml")
        var lab = Lab()
        defer { lab.tearDown() }
        try lab.build()
        // Before the export everything is forwarded: the lab itself works.
        try lab.serve(in: lab.hostB, address: "10.91.2.2", port: 502)
        try lab.serve(in: lab.hostB, address: "10.91.2.2", port: 8080)
        try lab.serve(in: lab.hostA, address: "10.91.1.2", port: 502)
        #expect(try lab.connects(from: lab.hostA, to: "10.91.2.2", port: 8080))
        #expect(try lab.connects(from: lab.hostB, to: "10.91.1.2", port: 502))

        let folder = try temporaryFolder("lab")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("lab.nft")
        try NftablesExport.ruleset(policy).write(to: file, atomically: true, encoding: .utf8)
        let load = try lab.inside(lab.router, [nft, "-f", file.path])
        try #require(load.status == 0, "nft -f: \(load.stderr)")

        #expect(try lab.connects(from: lab.hostA, to: "10.91.2.2", port: 502), "the conduit's flow must pass")
        #expect(
            try !lab.connects(from: lab.hostA, to: "10.91.2.2", port: 8080), "a port no conduit allows must be dropped")
        #expect(try !lab.connects(from: lab.hostB, to: "10.91.1.2", port: 502), "the reverse direction has no conduit")
    }
}
