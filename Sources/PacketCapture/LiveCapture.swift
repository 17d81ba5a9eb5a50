import BinaryParsing
import CPcap

#if canImport(Glibc)
    import Glibc
#endif

/// Live capture from an interface through libpcap: receive only. Nothing here (or anywhere on the
/// packet path) calls `pcap_inject`/`pcap_sendpacket`; the handle is opened for reading.
public final class LiveCapture: PacketSource {
    public struct Options: Sendable {
        public var snapLength: Int32 = 262_144
        public var promiscuous = true
        public var bufferSize: Int32 = 32 << 20
        /// Milliseconds libpcap may wait to batch packets; bounds latency when traffic is light.
        public var timeoutMilliseconds: Int32 = 100
        public var filter: String?
        public init() {}
    }

    /// Kernel counters (`pcap_stats`): packets received and dropped by the kernel and interface.
    public struct Statistics: Sendable, Equatable {
        public var received: UInt64 = 0
        public var droppedByKernel: UInt64 = 0
        public var droppedByInterface: UInt64 = 0
        public init() {}
        public init(received: UInt64, droppedByKernel: UInt64, droppedByInterface: UInt64) {
            self.received = received
            self.droppedByKernel = droppedByKernel
            self.droppedByInterface = droppedByInterface
        }
    }

    public let interface: String
    public var name: String { interface }
    public let linkType: LinkType
    public private(set) var anomalies = AnomalyCounter()
    private var handle: OpaquePointer?
    private var stopped = false
    /// The descriptor to wait on, with libpcap in non-blocking mode: on Linux (TPACKET_V3) a
    /// blocking read does not time out while the link is quiet, so `next()` polls with the
    /// timeout itself and callers get their scheduled flushes.
    private var selectable: Int32 = -1
    private let timeoutMilliseconds: Int32

    public init(interface: String, options: Options = Options()) throws(CaptureError) {
        self.interface = interface
        self.timeoutMilliseconds = max(1, options.timeoutMilliseconds)
        var errorBuffer = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE) + 1)
        guard let handle = pcap_create(interface, &errorBuffer) else {
            let message = errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
            throw CaptureError(.live, path: interface, "cannot capture: \(String(decoding: message, as: UTF8.self))")
        }
        pcap_set_snaplen(handle, options.snapLength)
        pcap_set_promisc(handle, options.promiscuous ? 1 : 0)
        pcap_set_timeout(handle, options.timeoutMilliseconds)
        pcap_set_buffer_size(handle, options.bufferSize)
        let status = pcap_activate(handle)
        if status < 0 {
            let reason: String
            switch status {
            case PCAP_ERROR_NO_SUCH_DEVICE: reason = "no such interface"
            case PCAP_ERROR_PERM_DENIED: reason = "no permission to capture (run as root or grant CAP_NET_RAW)"
            case PCAP_ERROR_IFACE_NOT_UP: reason = "interface is not up"
            default: reason = String(cString: pcap_geterr(handle))
            }
            pcap_close(handle)
            throw CaptureError(.live, path: interface, "cannot capture: \(reason)")
        }
        // Receive only: ignore what this host itself sends where the platform allows it.
        _ = pcap_setdirection(handle, PCAP_D_INOUT)
        self.handle = handle
        let descriptor = pcap_get_selectable_fd(handle)
        if descriptor >= 0, pcap_setnonblock(handle, 1, &errorBuffer) == 0 { selectable = descriptor }
        self.linkType = LinkType(rawValue: UInt32(pcap_datalink(handle)))
        if let filter = options.filter {
            var program = bpf_program()
            guard pcap_compile(handle, &program, filter, 1, PCAP_NETMASK_UNKNOWN) == 0 else {
                let reason = String(cString: pcap_geterr(handle))
                pcap_close(handle)
                self.handle = nil
                throw CaptureError(.live, path: interface, "bad capture filter '\(filter)': \(reason)")
            }
            defer { pcap_freecode(&program) }
            guard pcap_setfilter(handle, &program) == 0 else {
                let reason = String(cString: pcap_geterr(handle))
                pcap_close(handle)
                self.handle = nil
                throw CaptureError(.live, path: interface, "cannot set capture filter: \(reason)")
            }
        }
    }

    deinit { if let handle { pcap_close(handle) } }

    /// Asks a blocked `next()` to return `.end` (safe from a signal handler's thread).
    public func stop() {
        stopped = true
        if let handle { pcap_breakloop(handle) }
    }

    /// The next packet, borrowed from libpcap's ring. A timeout with no packet returns a record
    /// with an empty view and `interfaceID == -1` so callers can flush on schedule.
    public func next() -> CaptureReadResult {
        guard let handle, !stopped else { return .end }
        var header: UnsafeMutablePointer<pcap_pkthdr>?
        var data: UnsafePointer<UInt8>?
        var status = pcap_next_ex(handle, &header, &data)
        if status == 0 && selectable >= 0 {
            var descriptor = pollfd(fd: selectable, events: Int16(POLLIN), revents: 0)
            if poll(&descriptor, 1, timeoutMilliseconds) > 0, !stopped {
                status = pcap_next_ex(handle, &header, &data)
            }
        }
        if stopped { return .end }
        switch status {
        case 1:
            guard let header, let data else { return .end }
            let timestamp = Int64(header.pointee.ts.tv_sec) * 1_000_000_000 + Int64(header.pointee.ts.tv_usec) * 1000
            return .packet(
                PacketRecord(
                    timestamp: timestamp, originalLength: Int(header.pointee.len), linkType: linkType,
                    bytes: ByteView(base: UnsafeRawPointer(data), count: Int(header.pointee.caplen))))
        case 0:
            return .packet(
                PacketRecord(timestamp: 0, originalLength: 0, linkType: linkType, interfaceID: -1, bytes: .empty))
        case PCAP_ERROR_BREAK:
            return .end
        default:
            return .failed(
                CaptureError(.live, path: interface, "capture failed: \(String(cString: pcap_geterr(handle)))"))
        }
    }

    public func statistics() -> Statistics {
        guard let handle else { return Statistics() }
        var stats = pcap_stat()
        guard pcap_stats(handle, &stats) == 0 else { return Statistics() }
        return Statistics(
            received: UInt64(stats.ps_recv), droppedByKernel: UInt64(stats.ps_drop),
            droppedByInterface: UInt64(stats.ps_ifdrop))
    }
}
