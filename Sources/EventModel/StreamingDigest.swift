import CLibcrypto

/// A digest fed in pieces (a capture file's content hash, read once in large blocks).
public final class StreamingDigest {
    private let context: OpaquePointer

    public init(_ algorithm: MessageDigest.Algorithm) {
        guard let context = EVP_MD_CTX_new() else { fatalError("libcrypto EVP_MD_CTX_new failed") }
        self.context = context
        let ok = EVP_DigestInit_ex(context, algorithm.evp, nil)
        precondition(ok == 1, "libcrypto EVP_DigestInit_ex failed")
    }

    deinit { EVP_MD_CTX_free(context) }

    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        let ok = EVP_DigestUpdate(context, base, bytes.count)
        precondition(ok == 1, "libcrypto EVP_DigestUpdate failed")
    }

    /// The digest as lowercase hex; the object is spent afterwards.
    public func finalHex() -> String {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = output.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context, $0.baseAddress, &length) }
        precondition(ok == 1, "libcrypto EVP_DigestFinal_ex failed")
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        for byte in output.prefix(Int(length)) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
