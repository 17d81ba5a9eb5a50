import EventModel

/// Names from the IANA TLS registries (RFC 8446 §4, §6; RFC 5246 §7).
enum TLSNames {
    /// HandshakeType (RFC 8446 §4, RFC 5246 §7.4), in Wireshark's spelling.
    static func handshake(_ type: UInt8) -> StaticString {
        switch type {
        case 0: "Hello Request"
        case 1: "Client Hello"
        case 2: "Server Hello"
        case 3: "Hello Verify Request"
        case 4: "New Session Ticket"
        case 5: "End of Early Data"
        case 6: "Hello Retry Request"
        case 8: "Encrypted Extensions"
        case 11: "Certificate"
        case 12: "Server Key Exchange"
        case 13: "Certificate Request"
        case 14: "Server Hello Done"
        case 15: "Certificate Verify"
        case 16: "Client Key Exchange"
        case 20: "Finished"
        case 21: "Certificate URL"
        case 22: "Certificate Status"
        case 24: "Key Update"
        case 254: "Message Hash"
        default: "Unknown Handshake"
        }
    }

    /// AlertDescription (RFC 8446 §6).
    static func alert(_ description: UInt8) -> StaticString {
        switch description {
        case 0: "close_notify"
        case 10: "unexpected_message"
        case 20: "bad_record_mac"
        case 21: "decryption_failed"
        case 22: "record_overflow"
        case 30: "decompression_failure"
        case 40: "handshake_failure"
        case 41: "no_certificate"
        case 42: "bad_certificate"
        case 43: "unsupported_certificate"
        case 44: "certificate_revoked"
        case 45: "certificate_expired"
        case 46: "certificate_unknown"
        case 47: "illegal_parameter"
        case 48: "unknown_ca"
        case 49: "access_denied"
        case 50: "decode_error"
        case 51: "decrypt_error"
        case 60: "export_restriction"
        case 70: "protocol_version"
        case 71: "insufficient_security"
        case 80: "internal_error"
        case 86: "inappropriate_fallback"
        case 90: "user_canceled"
        case 100: "no_renegotiation"
        case 109: "missing_extension"
        case 110: "unsupported_extension"
        case 111: "certificate_unobtainable"
        case 112: "unrecognized_name"
        case 113: "bad_certificate_status_response"
        case 114: "bad_certificate_hash_value"
        case 115: "unknown_psk_identity"
        case 116: "certificate_required"
        case 120: "no_application_protocol"
        default: "unknown_alert"
        }
    }

    /// "TLS 1.2" for 0x0303 (ProtocolVersion, RFC 8446 §4.2.1).
    static func version(_ version: UInt16) -> String {
        switch version {
        case 0x0300: "SSL 3.0"
        case 0x0301: "TLS 1.0"
        case 0x0302: "TLS 1.1"
        case 0x0303: "TLS 1.2"
        case 0x0304: "TLS 1.3"
        default: "0x" + hex16(version)
        }
    }

    static func hex16(_ value: UInt16) -> String {
        let digits = Array("0123456789abcdef".utf8)
        let bytes = [12, 8, 4, 0].map { digits[Int(value >> UInt16($0) & 0xF)] }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// GREASE values (RFC 8701 §2): 0x0A0A, 0x1A1A, … 0xFAFA.
    static func isGREASE(_ value: UInt16) -> Bool {
        value & 0x0F0F == 0x0A0A && value >> 8 == value & 0xFF
    }
}
