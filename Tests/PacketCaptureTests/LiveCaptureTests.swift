import Foundation
import PacketCapture
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Live capture errors name the interface and the problem; with the privilege to capture, a datagram
/// sent over the loopback interface comes back through `LiveCapture`.
@Suite("Live capture")
struct LiveCaptureTests {
    @Test("a missing interface is refused with a .live error naming it")
    func missingInterface() {
        let name = "palisade-no0"
        do {
            _ = try LiveCapture(interface: name)
            Issue.record("capturing on a missing interface succeeded")
        } catch {
            #expect(error.code == .live)
            #expect(error.path == name)
            #expect(error.offset == nil)
            #expect(error.description.hasPrefix("\(name): cannot capture: "), "\(error)")
            // Without privileges libpcap may report the permission problem first.
            let reason = error.description
            #expect(
                reason.contains("no such interface") || reason.contains("permission")
                    || reason.contains("No such device"), "\(reason)")
        }
    }

    @Test("a bad capture filter is refused with the filter in the message")
    func badFilter() {
        var options = LiveCapture.Options()
        options.filter = "tcp port ((("
        do {
            _ = try LiveCapture(interface: "lo", options: options)
            Issue.record("a bad filter was accepted")
        } catch {
            #expect(error.code == .live)
            #expect(error.path == "lo")
            // Unprivileged runs fail before compiling the filter.
            if !error.description.contains("permission") && !error.description.contains("Operation not permitted") {
                #expect(error.description.contains("bad capture filter 'tcp port ((('"), "\(error)")
            }
        }
    }

    #if os(Linux)
        /// Sends one UDP datagram to 127.0.0.1:`port`.
        static func sendLoopbackDatagram(_ payload: [UInt8], port: UInt16) -> Bool {
            let descriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
            guard descriptor >= 0 else { return false }
            defer { close(descriptor) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
            let sent = payload.withUnsafeBytes { bytes in
                withUnsafePointer(to: &address) { pointer in
                    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        sendto(
                            descriptor, bytes.baseAddress, bytes.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size)
                        )
                    }
                }
            }
            return sent == payload.count
        }

        @Test("a datagram sent over loopback is captured (skipped without the privilege to capture)")
        func loopbackDatagram() throws {
            let port = UInt16(40_000 + Int(getpid()) % 20_000)
            var options = LiveCapture.Options()
            options.filter = "udp and dst port \(port)"
            options.timeoutMilliseconds = 50
            let capture: LiveCapture
            do {
                capture = try LiveCapture(interface: "lo", options: options)
            } catch {
                // No CAP_NET_RAW (or no loopback capture) on this machine: nothing to check here.
                #expect(error.code == .live)
                return
            }
            #expect(capture.linkType == .ethernet)  // Linux loopback has a (zeroed) Ethernet header
            #expect(capture.name == "lo")
            let marker = Array("palisade-live-test-\(port)".utf8)
            let before = Int64(Date().timeIntervalSince1970 * 1e9)
            var found: [UInt8]?
            var timestamp: Int64 = 0
            var idle = 0
            for attempt in 0..<200 where found == nil {
                if attempt % 20 == 0 { #expect(Self.sendLoopbackDatagram(marker, port: port)) }
                switch capture.next() {
                case .packet(let record):
                    if record.interfaceID == -1 {
                        idle += 1
                        #expect(record.bytes.isEmpty)
                        continue
                    }
                    found = record.bytes.array
                    timestamp = record.timestamp
                    #expect(record.originalLength == record.bytes.count)
                case .end:
                    Issue.record("live capture ended")
                    return
                case .failed(let error):
                    Issue.record("live capture failed: \(error)")
                    return
                }
            }
            let frame = try #require(found, "no datagram captured on lo after 200 reads (\(idle) idle timeouts)")
            // Ethernet (14) + IPv4 (20) + UDP (8) + payload, the filter's port at its place.
            #expect(frame.count == 14 + 20 + 8 + marker.count)
            #expect(Array(frame.suffix(marker.count)) == marker)
            #expect(frame[12] == 0x08 && frame[13] == 0x00)
            #expect(Array(frame[36..<38]) == [UInt8(port >> 8), UInt8(port & 0xFF)])
            #expect(Array(frame[30..<34]) == [127, 0, 0, 1])
            let after = Int64(Date().timeIntervalSince1970 * 1e9)
            #expect(timestamp >= before - 1_000_000_000 && timestamp <= after + 1_000_000_000)
            #expect(capture.statistics().received >= 1)
            capture.stop()
            if case .packet = capture.next() { Issue.record("a packet after stop()") }
        }
    #endif
}
