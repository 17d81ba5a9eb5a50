import BinaryParsing
import EventModel
import Testing

@testable import HTTP

/// `Authorization: Basic` (RFC 7617): the user name becomes an `account` fact, the password is
/// never decoded.
@Suite struct HTTPBasicAuthorizationTests {
    static func request(authorization: String) -> [UInt8] {
        Array(
            ("GET /config.htm HTTP/1.1\r\n"
                + "Host: plc7.plant.local\r\n"
                + "Authorization: \(authorization)\r\n"  // RFC 7617 §2: base64(user-id ":" password)
                + "\r\n").utf8)
    }

    @Test func basicCredentialsGiveTheUserNameOnly() {
        // base64("operator:s3cret")
        let batch = converse([(true, Self.request(authorization: "Basic b3BlcmF0b3I6czNjcmV0"))])
        #expect(summary(batch) == ["-1 GET read /config.htm name@dst=plc7.plant.local account=operator"])
        #expect(!String(decoding: batch.arena, as: UTF8.self).contains("s3cret"))
    }

    @Test func schemeIsCaseInsensitiveAndAnEmptyPasswordStillEndsTheName() {
        // base64("admin:")
        let batch = converse([(true, Self.request(authorization: "basic YWRtaW46"))])
        #expect(summary(batch) == ["-1 GET read /config.htm name@dst=plc7.plant.local account=admin"])
    }

    @Test func otherSchemesAndGarbageGiveNoAccount() {
        for value in ["Bearer eyJhbGciOi", "Basic", "Basic ", "Basic ####", "Digest username=\"x\""] {
            let batch = converse([(true, Self.request(authorization: value))])
            #expect(summary(batch) == ["-1 GET read /config.htm name@dst=plc7.plant.local"], "\(value)")
        }
    }
}
