import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS

/// A transport failure in words.
public struct AlertTransportError: Error, CustomStringConvertible {
    public var description: String
}

/// Syslog over UDP: one datagram per message (RFC 5426), cut at `maxBytes` on a UTF-8 boundary.
final class UDPSink: MessageSink {
    private let group: any EventLoopGroup
    private let host: String
    private let port: Int
    private let maxBytes: Int
    private var channel: (any Channel)?
    private var address: SocketAddress?

    init(group: any EventLoopGroup, host: String, port: Int, maxBytes: Int) {
        self.group = group
        self.host = host
        self.port = port
        self.maxBytes = maxBytes
    }

    func open() throws {
        let address: SocketAddress
        do {
            address = try SocketAddress.makeAddressResolvingHost(host, port: port)
        } catch {
            throw AlertTransportError(description: "cannot resolve \(host): \(error)")
        }
        let local = address.protocol == .inet6 ? "::" : "0.0.0.0"
        channel = try DatagramBootstrap(group: group).bind(host: local, port: 0).wait()
        self.address = address
    }

    func send(_ message: String) throws {
        guard let channel, let address else { throw AlertTransportError(description: "not open") }
        let buffer = channel.allocator.buffer(string: message.utf8Prefix(maxBytes: maxBytes))
        try channel.writeAndFlush(AddressedEnvelope(remoteAddress: address, data: buffer)).wait()
    }

    func finishBatch() throws {}

    func close() {
        try? channel?.close().wait()
        channel = nil
    }
}

/// The TLS side of a TCP sink: the trust roots, an optional client certificate and the name to
/// verify (the host unless given; an IP address is verified against the certificate's IP SANs).
struct TLSSettings {
    var context: NIOSSLContext
    var serverName: String?

    init(caFile: String?, certFile: String?, keyFile: String?, serverName: String?) throws {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .fullVerification
        if let caFile { configuration.trustRoots = .file(caFile) }
        do {
            if let certFile {
                configuration.certificateChain = try NIOSSLCertificate.fromPEMFile(certFile).map { .certificate($0) }
            }
            if let keyFile { configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: keyFile, format: .pem)) }
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw AlertTransportError(description: "TLS setup failed: \(error)")
        }
        self.serverName = serverName
    }
}

/// Syslog over TCP with RFC 6587 octet counting (`LENGTH SP MESSAGE`), optionally inside TLS
/// (RFC 5425). Connection and handshake time out after 10 s; a handshake failure is reported
/// as `TLS handshake with HOST:PORT failed: …`.
final class StreamSink: MessageSink {
    private let group: any EventLoopGroup
    private let host: String
    private let port: Int
    private let tls: TLSSettings?
    private var channel: (any Channel)?
    static let timeout = TimeAmount.seconds(10)

    init(group: any EventLoopGroup, host: String, port: Int, tls: TLSSettings?) {
        self.group = group
        self.host = host
        self.port = port
        self.tls = tls
    }

    func open() throws {
        let tls = tls
        let host = host
        let serverName = tls.map { $0.serverName ?? host }.flatMap { Self.isIPAddress($0) ? nil : $0 }
        let eventLoop = group.next()
        let ready = eventLoop.makePromise(of: Void.self)
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(Self.timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        let handler = try NIOSSLClientHandler(context: tls.context, serverHostname: serverName)
                        try channel.pipeline.syncOperations.addHandler(handler)
                    }
                    try channel.pipeline.syncOperations.addHandler(
                        ConnectionWatcher(ready: ready, waitsForTLS: tls != nil))
                }
            }
        let channel: any Channel
        do {
            channel = try bootstrap.connect(host: host, port: port).wait()
        } catch {
            ready.fail(error)
            throw AlertTransportError(description: "cannot connect to \(host):\(port): \(error)")
        }
        let timeout = eventLoop.scheduleTask(in: Self.timeout) {
            ready.fail(AlertTransportError(description: "timed out"))
        }
        do {
            try ready.futureResult.wait()
            timeout.cancel()
        } catch {
            timeout.cancel()
            channel.close(promise: nil)
            if tls != nil {
                throw AlertTransportError(description: "TLS handshake with \(host):\(port) failed: \(error)")
            }
            throw AlertTransportError(description: "connection to \(host):\(port) failed: \(error)")
        }
        self.channel = channel
    }

    func send(_ message: String) throws {
        guard let channel, channel.isActive else {
            throw AlertTransportError(description: "connection to \(host):\(port) closed")
        }
        var buffer = channel.allocator.buffer(capacity: message.utf8.count + 8)
        buffer.writeString("\(message.utf8.count) ")
        buffer.writeString(message)
        do {
            try channel.writeAndFlush(buffer).wait()
        } catch {
            throw AlertTransportError(description: "send to \(host):\(port) failed: \(error)")
        }
    }

    func finishBatch() throws {}

    func close() {
        try? channel?.close().wait()
        channel = nil
    }

    static func isIPAddress(_ text: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }
}

/// Completes `ready` when the connection can carry messages (at once for TCP, after the
/// handshake for TLS) and fails it when the connection errs or closes first. Discards what the
/// receiver sends.
private final class ConnectionWatcher: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    private let ready: EventLoopPromise<Void>
    private let waitsForTLS: Bool
    private var settled = false

    init(ready: EventLoopPromise<Void>, waitsForTLS: Bool) {
        self.ready = ready
        self.waitsForTLS = waitsForTLS
    }

    func channelActive(context: ChannelHandlerContext) {
        if !waitsForTLS { settle(nil) }
        context.fireChannelActive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSUserEvent, case .handshakeCompleted = event { settle(nil) }
        context.fireUserInboundEventTriggered(event)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        settle(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        settle(AlertTransportError(description: "closed by the receiver"))
        context.fireChannelInactive()
    }

    private func settle(_ error: (any Error)?) {
        guard !settled else { return }
        settled = true
        if let error { ready.fail(error) } else { ready.succeed() }
    }
}

/// `palisade.alert/1` lines appended to a file. The file is reopened when it was rotated away
/// (its path now names another file, or none); each drained batch is fsync'ed, so what was
/// reported sent survives a crash while a burst costs one sync.
final class FileSink: MessageSink {
    private let path: String
    private var descriptor: Int32 = -1
    private var identity: (device: UInt64, inode: UInt64) = (0, 0)
    private var dirty = false

    init(path: String) { self.path = path }

    func open() throws {
        let fd = Glibc.open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else {
            throw AlertTransportError(description: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        var status = stat()
        fstat(fd, &status)
        descriptor = fd
        identity = (UInt64(status.st_dev), UInt64(status.st_ino))
    }

    func send(_ message: String) throws {
        if wasRotated() {
            try? finishBatch()
            close()
            try open()
        }
        var line = message
        line.append("\n")
        try line.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw AlertTransportError(
                        description: "write to \(path) failed: \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
        dirty = true
    }

    func finishBatch() throws {
        guard dirty, descriptor >= 0 else { return }
        dirty = false
        if fsync(descriptor) != 0 {
            throw AlertTransportError(description: "fsync of \(path) failed: \(String(cString: strerror(errno)))")
        }
    }

    func close() {
        if descriptor >= 0 { Glibc.close(descriptor) }
        descriptor = -1
    }

    private func wasRotated() -> Bool {
        var status = stat()
        guard stat(path, &status) == 0 else { return true }
        return (UInt64(status.st_dev), UInt64(status.st_ino)) != identity
    }
}
