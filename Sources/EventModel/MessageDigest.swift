import BinaryParsing
import CLibcrypto

/// MD5, SHA-256 and BLAKE2b-512 from the system's libcrypto (OpenSSL), for client fingerprints
/// (JA3 and HASSH are MD5 hex strings, JA4 uses truncated SHA-256; computed once per handshake, not
/// per packet) and capture content hashes.
public enum MessageDigest {
    public enum Algorithm: Sendable {
        case md5, sha256, blake2b512

        var evp: OpaquePointer? {
            switch self {
            case .md5: EVP_md5()
            case .sha256: EVP_sha256()
            case .blake2b512: EVP_blake2b512()
            }
        }
    }

    /// The digest of `bytes` as lowercase hex.
    public static func hex(_ algorithm: Algorithm, of bytes: some Collection<UInt8>) -> String {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let digest = algorithm.evp
        let ok = Array(bytes).withUnsafeBytes { input in
            output.withUnsafeMutableBufferPointer { out in
                EVP_Digest(input.baseAddress, input.count, out.baseAddress, &length, digest, nil)
            }
        }
        precondition(ok == 1, "libcrypto EVP_Digest failed")
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(Int(length) * 2)
        for byte in output.prefix(Int(length)) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    public static func hex(_ algorithm: Algorithm, of string: String) -> String {
        hex(algorithm, of: Array(string.utf8))
    }
}
