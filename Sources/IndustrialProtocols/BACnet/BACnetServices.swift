import EventModel

/// Service choices and the other code tables of BACnet, with Wireshark's names (packet-bacapp.c,
/// `BACnetConfirmedServiceChoice`, `BACnetUnconfirmedServiceChoice`) so events read like tshark.
enum BACnetServices {
    /// BACnetConfirmedServiceChoice (ASHRAE 135 §21).
    static func confirmedName(_ choice: Int) -> StaticString {
        switch choice {
        case 0: "acknowledgeAlarm"
        case 1: "confirmedCOVNotification"
        case 2: "confirmedEventNotification"
        case 3: "getAlarmSummary"
        case 4: "getEnrollmentSummary"
        case 5: "subscribeCOV"
        case 6: "atomicReadFile"
        case 7: "atomicWriteFile"
        case 8: "addListElement"
        case 9: "removeListElement"
        case 10: "createObject"
        case 11: "deleteObject"
        case 12: "readProperty"
        case 13: "readPropertyConditional"
        case 14: "readPropertyMultiple"
        case 15: "writeProperty"
        case 16: "writePropertyMultiple"
        case 17: "deviceCommunicationControl"
        case 18: "confirmedPrivateTransfer"
        case 19: "confirmedTextMessage"
        case 20: "reinitializeDevice"
        case 21: "vtOpen"
        case 22: "vtClose"
        case 23: "vtData"
        case 24: "authenticate"
        case 25: "requestKey"
        case 26: "readRange"
        case 27: "lifeSafetyOperation"
        case 28: "subscribeCOVProperty"
        case 29: "getEventInformation"
        case 30: "subscribeCovPropertyMultiple"
        case 31: "confirmedCovNotificationMultiple"
        case 32: "confirmedAuditNotification"
        case 33: "auditLogQuery"
        default: "unknown confirmed service"
        }
    }

    /// What a confirmed service does to its target.
    static func confirmedOperation(_ choice: Int) -> Operation {
        switch choice {
        case 3, 4, 5, 6, 12, 13, 14, 26, 28, 29, 30, 33: .read
        case 0, 8, 9, 10, 11, 15, 16: .write
        case 7: .program  // AtomicWriteFile replaces files: configuration, programs, firmware images
        case 17, 20, 27: .control  // DeviceCommunicationControl, ReinitializeDevice, LifeSafetyOperation
        case 1, 2, 31, 32: .data
        case 21, 22, 23, 24, 25: .session
        default: .other  // private transfer, text message, unknown
        }
    }

    /// BACnetUnconfirmedServiceChoice (§21).
    static func unconfirmedName(_ choice: Int) -> StaticString {
        switch choice {
        case 0: "i-Am"
        case 1: "i-Have"
        case 2: "unconfirmedCOVNotification"
        case 3: "unconfirmedEventNotification"
        case 4: "unconfirmedPrivateTransfer"
        case 5: "unconfirmedTextMessage"
        case 6: "timeSynchronization"
        case 7: "who-Has"
        case 8: "who-Is"
        case 9: "utcTimeSynchronization"
        case 10: "writeGroup"
        case 11: "unconfirmedCovNotificationMultiple"
        case 12: "unconfirmedAuditNotification"
        case 13: "who-Am-I"
        case 14: "you-Are"
        default: "unknown unconfirmed service"
        }
    }

    static func unconfirmedOperation(_ choice: Int) -> Operation {
        switch choice {
        case 0, 1, 7, 8, 13, 14: .discovery
        case 2, 3, 11, 12: .data
        case 6, 9, 10: .write  // time synchronisation sets the device clock; WriteGroup writes channels
        default: .other
        }
    }

    /// BVLC functions (Annex J.2).
    static func bvlcName(_ function: Int) -> StaticString {
        switch function {
        case 0x00: "BVLC-Result"
        case 0x01: "Write-Broadcast-Distribution-Table"
        case 0x02: "Read-Broadcast-Distribution-Table"
        case 0x03: "Read-Broadcast-Distribution-Table-Ack"
        case 0x04: "Forwarded-NPDU"
        case 0x05: "Register-Foreign-Device"
        case 0x06: "Read-Foreign-Device-Table"
        case 0x07: "Read-Foreign-Device-Table-Ack"
        case 0x08: "Delete-Foreign-Device-Table-Entry"
        case 0x09: "Distribute-Broadcast-To-Network"
        case 0x0A: "Original-Unicast-NPDU"
        case 0x0B: "Original-Broadcast-NPDU"
        case 0x0C: "Secure-BVLL"
        default: "unknown BVLC function"
        }
    }

    /// What a BVLC-only message (no NPDU) does: the broadcast tables are configuration.
    static func bvlcOperation(_ function: Int) -> Operation {
        switch function {
        case 0x01, 0x08: .write
        case 0x02, 0x03, 0x06, 0x07: .read
        case 0x05: .session
        default: .other
        }
    }

    /// Network layer message types (§6.4).
    static func networkMessageName(_ type: Int) -> StaticString {
        switch type {
        case 0x00: "Who-Is-Router-To-Network"
        case 0x01: "I-Am-Router-To-Network"
        case 0x02: "I-Could-Be-Router-To-Network"
        case 0x03: "Reject-Message-To-Network"
        case 0x04: "Router-Busy-To-Network"
        case 0x05: "Router-Available-To-Network"
        case 0x06: "Initialize-Routing-Table"
        case 0x07: "Initialize-Routing-Table-Ack"
        case 0x08: "Establish-Connection-To-Network"
        case 0x09: "Disconnect-Connection-To-Network"
        case 0x0A: "Challenge-Request"
        case 0x0B: "Security-Payload"
        case 0x0C: "Security-Response"
        case 0x0D: "Request-Key-Update"
        case 0x0E: "Update-Key-Set"
        case 0x0F: "Update-Distribution-Key"
        case 0x10: "Request-Master-Key"
        case 0x11: "Set-Master-Key"
        case 0x12: "What-Is-Network-Number"
        case 0x13: "Network-Number-Is"
        default: type >= 0x80 ? "proprietary network message" : "unknown network message"
        }
    }

    static func networkMessageOperation(_ type: Int) -> Operation {
        switch type {
        case 0x00, 0x01, 0x02, 0x12, 0x13: .discovery
        case 0x06, 0x09: .write  // rewrite routing tables, drop connections
        case 0x07: .read
        case 0x08: .session
        default: .other
        }
    }

    /// BACnetErrorCode (§21), the codes common in practice.
    static func errorCodeName(_ code: Int64) -> StaticString {
        switch code {
        case 0: "other"
        case 1: "authentication-failed"
        case 2: "configuration-in-progress"
        case 3: "device-busy"
        case 4: "dynamic-creation-not-supported"
        case 5: "file-access-denied"
        case 6: "incompatible-security-levels"
        case 7: "inconsistent-parameters"
        case 8: "inconsistent-selection-criterion"
        case 9: "invalid-data-type"
        case 10: "invalid-file-access-method"
        case 11: "invalid-file-start-position"
        case 12: "invalid-operator-name"
        case 13: "invalid-parameter-data-type"
        case 14: "invalid-time-stamp"
        case 15: "key-generation-error"
        case 16: "missing-required-parameter"
        case 17: "no-objects-of-specified-type"
        case 18: "no-space-for-object"
        case 19: "no-space-to-add-list-element"
        case 20: "no-space-to-write-property"
        case 21: "no-vt-sessions-available"
        case 22: "property-is-not-a-list"
        case 23: "object-deletion-not-permitted"
        case 24: "object-identifier-already-exists"
        case 25: "operational-problem"
        case 26: "password-failure"
        case 27: "read-access-denied"
        case 28: "security-not-supported"
        case 29: "service-request-denied"
        case 30: "timeout"
        case 31: "unknown-object"
        case 32: "unknown-property"
        case 34: "unknown-vt-class"
        case 35: "unknown-vt-session"
        case 36: "unsupported-object-type"
        case 37: "value-out-of-range"
        case 38: "vt-session-already-closed"
        case 39: "vt-session-termination-failure"
        case 40: "write-access-denied"
        case 41: "character-set-not-supported"
        case 42: "invalid-array-index"
        case 43: "cov-subscription-failed"
        case 44: "not-cov-property"
        case 45: "optional-functionality-not-supported"
        case 46: "invalid-configuration-data"
        case 47: "datatype-not-supported"
        case 48: "duplicate-name"
        case 49: "duplicate-object-id"
        case 50: "property-is-not-an-array"
        default: "error"
        }
    }

    /// BACnetRejectReason (§18.8).
    static func rejectReasonName(_ reason: Int64) -> StaticString {
        switch reason {
        case 0: "other"
        case 1: "buffer-overflow"
        case 2: "inconsistent-parameters"
        case 3: "invalid-parameter-data-type"
        case 4: "invalid-tag"
        case 5: "missing-required-parameter"
        case 6: "parameter-out-of-range"
        case 7: "too-many-arguments"
        case 8: "undefined-enumeration"
        case 9: "unrecognized-service"
        default: "reject"
        }
    }

    /// BACnetAbortReason (§18.9).
    static func abortReasonName(_ reason: Int64) -> StaticString {
        switch reason {
        case 0: "other"
        case 1: "buffer-overflow"
        case 2: "invalid-apdu-in-this-state"
        case 3: "preempted-by-higher-priority-task"
        case 4: "segmentation-not-supported"
        case 5: "security-error"
        case 6: "insufficient-security"
        case 7: "window-size-out-of-range"
        case 8: "application-exceeded-reply-time"
        case 9: "out-of-resources"
        case 10: "tsm-timeout"
        case 11: "apdu-too-long"
        default: "abort"
        }
    }
}
