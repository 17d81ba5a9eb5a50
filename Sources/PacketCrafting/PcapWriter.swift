import BinaryParsing
import Foundation

/// Classic pcap (microsecond timestamps, LINKTYPE_ETHERNET), buffered: frames are appended in
/// time order and written out in 1 MiB blocks.
public final class PcapWriter {
    public static let linkTypeEthernet: UInt32 = 1
    public static let snapLength: UInt32 = 65535

    private let handle: FileHandle
    private var buffer = ByteWriter(capacity: 1 << 20)
    public private(set) var frameCount = 0
    public private(set) var lastTime: Int64 = .min

    public init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        buffer.append(littleEndian: UInt32(0xA1B2_C3D4))  // magic: microsecond resolution
        buffer.append(littleEndian: UInt16(2))
        buffer.append(littleEndian: UInt16(4))
        buffer.append(littleEndian: Int32(0))  // thiszone
        buffer.append(littleEndian: UInt32(0))  // sigfigs
        buffer.append(littleEndian: Self.snapLength)
        buffer.append(littleEndian: Self.linkTypeEthernet)
    }

    /// Appends one record; `time` is microseconds since the Unix epoch and must not go backwards.
    public func write(_ frame: TimedFrame) throws {
        precondition(frame.time >= lastTime, "pcap records must be written in time order")
        lastTime = frame.time
        buffer.append(littleEndian: UInt32(truncatingIfNeeded: frame.time / 1_000_000))
        buffer.append(littleEndian: UInt32(truncatingIfNeeded: frame.time % 1_000_000))
        buffer.append(littleEndian: UInt32(frame.bytes.count))
        buffer.append(littleEndian: UInt32(frame.bytes.count))
        buffer.append(frame.bytes)
        frameCount += 1
        if buffer.count >= 1 << 20 { try flush() }
    }

    public func flush() throws {
        try handle.write(contentsOf: buffer.bytes)
        buffer = ByteWriter(capacity: 1 << 20)
    }

    public func close() throws {
        try flush()
        try handle.close()
    }
}
