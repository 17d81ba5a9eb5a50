import EventModel
import Testing

/// Known answers from RFC 1321 §A.5 (MD5) and FIPS 180-2 appendix B.1 (SHA-256).
@Suite struct MessageDigestTests {
    @Test func md5KnownAnswers() {
        #expect(MessageDigest.hex(.md5, of: "") == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(MessageDigest.hex(.md5, of: "abc") == "900150983cd24fb0d6963f7d28e17f72")
        #expect(
            MessageDigest.hex(
                .md5, of: "12345678901234567890123456789012345678901234567890123456789012345678901234567890")
                == "57edf4a22be3c955ac49da2e2107b67a")
    }

    @Test func sha256KnownAnswer() {
        #expect(
            MessageDigest.hex(.sha256, of: "abc")
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
