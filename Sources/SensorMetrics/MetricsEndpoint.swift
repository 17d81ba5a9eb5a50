import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why the metrics endpoint could not start; `description` is the one line the sensor prints.
public enum MetricsEndpointError: Error, Equatable, CustomStringConvertible {
    /// `address` is not `host:port` or `[ipv6]:port` with a port in 0...65535.
    case invalidAddress(address: String, reason: String)
    /// Binding `address` failed (port in use, address not on this host, permission).
    case cannotListen(address: String, reason: String)
    /// `start()` was called on an endpoint that is running or was shut down.
    case alreadyStarted(address: String)

    public var description: String {
        switch self {
        case .invalidAddress(let address, let reason):
            "metrics endpoint: invalid --metrics-listen address '\(address)': \(reason)"
        case .cannotListen(let address, let reason):
            "metrics endpoint: cannot listen on \(address): \(reason)"
        case .alreadyStarted(let address):
            "metrics endpoint: \(address) was already started"
        }
    }
}

/// An HTTP/1.1 server answering `GET /metrics` with the Prometheus text exposition format.
///
/// It runs on its own one-thread event loop group and only reads the registry (atomics and a lock
/// per scrape), so it never touches the capture path. Other paths get 404, methods other than GET
/// and HEAD get 405. Request heads are capped at `maximumRequestHeadBytes`, request bodies are
/// discarded and capped, and connections idle for `idleTimeout` are closed.
public final class MetricsEndpoint: Sendable {
    /// Content type of the Prometheus text format, version 0.0.4.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// The address as given (`host:port`, `[v6]:port`).
    public let address: String
    public let idleTimeout: TimeAmount
    public let maximumRequestHeadBytes: Int
    private let host: String
    private let port: Int
    private let render: @Sendable () -> [UInt8]
    private let state = Mutex(RunState.idle)

    private enum RunState {
        case idle
        case running(group: MultiThreadedEventLoopGroup, channel: any Channel)
        case stopped
    }

    /// - Parameters:
    ///   - address: `host:port`, `[ipv6]:port`, or `:port` for every IPv4 address; port 0 picks a
    ///     free port (see `start()`'s result).
    ///   - render: the exposition body, called once per scrape on the endpoint's thread.
    public init(
        address: String, idleTimeout: TimeAmount = .seconds(30), maximumRequestHeadBytes: Int = 8192,
        render: @escaping @Sendable () -> [UInt8]
    ) throws(MetricsEndpointError) {
        (host, port) = try Self.parse(address)
        self.address = address
        self.idleTimeout = idleTimeout
        self.maximumRequestHeadBytes = maximumRequestHeadBytes
        self.render = render
    }

    /// Serves `metrics.exposition()`.
    public convenience init(
        address: String, metrics: SensorMetrics, idleTimeout: TimeAmount = .seconds(30),
        maximumRequestHeadBytes: Int = 8192
    ) throws(MetricsEndpointError) {
        try self.init(
            address: address, idleTimeout: idleTimeout, maximumRequestHeadBytes: maximumRequestHeadBytes,
            render: { metrics.exposition() })
    }

    /// Binds and starts serving; returns the bound port (the chosen one when the address said 0).
    /// Blocks until the socket is bound; call it from synchronous code.
    @discardableResult
    public func start() throws(MetricsEndpointError) -> Int {
        try state.withLock { (state) throws(MetricsEndpointError) -> Int in
            guard case .idle = state else { throw .alreadyStarted(address: address) }
            let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            do {
                let channel = try makeBootstrap(group: group).bind(to: try socketAddress()).wait()
                state = .running(group: group, channel: channel)
                return channel.localAddress?.port ?? port
            } catch {
                try? group.syncShutdownGracefully()
                throw .cannotListen(address: address, reason: Self.reason(error))
            }
        }
    }

    /// The bound port while running, else nil.
    public var boundPort: Int? {
        state.withLock { state in
            guard case .running(_, let channel) = state else { return nil }
            return channel.localAddress?.port
        }
    }

    /// Stops listening, closes open connections and joins the endpoint's thread. Idempotent.
    public func shutdown() {
        let running = state.withLock { state -> (MultiThreadedEventLoopGroup, any Channel)? in
            defer { state = .stopped }
            guard case .running(let group, let channel) = state else { return nil }
            return (group, channel)
        }
        guard let (group, channel) = running else { return }
        try? channel.close().wait()
        // Closes the accepted connections still open and joins the thread.
        try? group.syncShutdownGracefully()
    }

    deinit { shutdown() }

    private func makeBootstrap(group: MultiThreadedEventLoopGroup) -> ServerBootstrap {
        let idleTimeout = idleTimeout
        let render = render
        // NIO counts the request line and every header name and value against these.
        let limits = {
            var limits = NIOHTTPDecoderLimitConfiguration()
            limits.maxHeaderListSize = maximumRequestHeadBytes
            limits.maxHeaderFieldSize = maximumRequestHeadBytes
            limits.maxHeaderFieldCount = 64
            return limits
        }()
        return ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 16)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(IdleStateHandler(allTimeout: idleTimeout))
                    try pipeline.configureHTTPServerPipeline(
                        withErrorHandling: true, withEncoderConfiguration: .init(),
                        withDecoderLimitConfiguration: limits)
                    try pipeline.addHandler(MetricsRequestHandler(render: render))
                }
            }
    }

    private func socketAddress() throws -> SocketAddress {
        if let literal = try? SocketAddress(ipAddress: host, port: port) { return literal }
        return try SocketAddress.makeAddressResolvingHost(host, port: port)
    }

    /// Splits `host:port`, `[v6]:port` or `:port`.
    static func parse(_ address: String) throws(MetricsEndpointError) -> (host: String, port: Int) {
        func invalid(_ reason: String) -> MetricsEndpointError { .invalidAddress(address: address, reason: reason) }
        let host: Substring
        let portText: Substring
        if address.hasPrefix("[") {
            guard let close = address.firstIndex(of: "]") else { throw invalid("missing ']' after the IPv6 address") }
            host = address[address.index(after: address.startIndex)..<close]
            let rest = address[address.index(after: close)...]
            guard rest.first == ":" else { throw invalid("expected ':port' after ']'") }
            portText = rest.dropFirst()
            guard !host.isEmpty else { throw invalid("empty IPv6 address") }
        } else {
            guard let colon = address.lastIndex(of: ":") else { throw invalid("expected host:port") }
            host = address[..<colon]
            portText = address[address.index(after: colon)...]
            if host.contains(":") { throw invalid("write an IPv6 address as [address]:port") }
        }
        guard !portText.isEmpty, portText.allSatisfy(\.isASCII), portText.allSatisfy(\.isNumber),
            let port = Int(portText), (0...65535).contains(port)
        else { throw invalid("port must be a number from 0 to 65535") }
        return (host.isEmpty ? "0.0.0.0" : String(host), port)
    }

    private static func reason(_ error: any Error) -> String {
        if let ioError = error as? IOError { return String(cString: strerror(ioError.errnoCode)).lowercased() }
        if let resolution = error as? SocketAddressError { return "cannot resolve the host (\(resolution))" }
        return "\(error)"
    }
}

/// Answers one request at a time (HTTPServerPipelineHandler orders pipelined ones).
private final class MetricsRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// Bodies are never read; a client streaming more than this is cut off.
    private static let maximumDiscardedBodyBytes = 64 * 1024

    private let render: @Sendable () -> [UInt8]
    private var request: HTTPRequestHead?
    private var discardedBodyBytes = 0

    init(render: @escaping @Sendable () -> [UInt8]) { self.render = render }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            request = head
            discardedBodyBytes = 0
        case .body(let body):
            discardedBodyBytes += body.readableBytes
            if discardedBodyBytes > Self.maximumDiscardedBodyBytes { context.close(promise: nil) }
        case .end:
            guard let head = request else { return }
            request = nil
            respond(to: head, context: context)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func respond(to head: HTTPRequestHead, context: ChannelHandlerContext) {
        let path = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let status: HTTPResponseStatus
        var headers = HTTPHeaders()
        let body: ByteBuffer
        if head.method != .GET && head.method != .HEAD {
            status = .methodNotAllowed
            headers.add(name: "Allow", value: "GET, HEAD")
            body = context.channel.allocator.buffer(string: "method not allowed\n")
        } else if path != "/metrics" {
            status = .notFound
            body = context.channel.allocator.buffer(string: "not found; metrics are at /metrics\n")
        } else {
            status = .ok
            body = context.channel.allocator.buffer(bytes: render())
        }
        headers.add(
            name: "Content-Type", value: status == .ok ? MetricsEndpoint.contentType : "text/plain; charset=utf-8")
        headers.add(name: "Content-Length", value: String(body.readableBytes))
        let keepAlive = head.isKeepAlive
        headers.add(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        // The response encoder drops the body of a HEAD response but keeps Content-Length.
        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))),
            promise: nil)
        if head.method != .HEAD { context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil) }
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            let channel = context.channel
            written.whenComplete { _ in channel.close(promise: nil) }
        }
    }
}
