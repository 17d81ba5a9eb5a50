import EventModel

/// Names from MS-SMB2 §2.2.1 (commands), MS-CIFS §2.2.2.1 and MS-ERREF §2.3 (NTSTATUS).
enum SMBNames {
    static func smb2Command(_ command: UInt16) -> StaticString {
        switch command {
        case 0x00: "NEGOTIATE"
        case 0x01: "SESSION_SETUP"
        case 0x02: "LOGOFF"
        case 0x03: "TREE_CONNECT"
        case 0x04: "TREE_DISCONNECT"
        case 0x05: "CREATE"
        case 0x06: "CLOSE"
        case 0x07: "FLUSH"
        case 0x08: "READ"
        case 0x09: "WRITE"
        case 0x0A: "LOCK"
        case 0x0B: "IOCTL"
        case 0x0C: "CANCEL"
        case 0x0D: "ECHO"
        case 0x0E: "QUERY_DIRECTORY"
        case 0x0F: "CHANGE_NOTIFY"
        case 0x10: "QUERY_INFO"
        case 0x11: "SET_INFO"
        case 0x12: "OPLOCK_BREAK"
        case 0x13: "SERVER_TO_CLIENT_NOTIFICATION"
        default: "UNKNOWN"
        }
    }

    static func smb2Operation(_ command: UInt16) -> Operation {
        switch command {
        case 0x00, 0x01, 0x02, 0x03, 0x04: .session
        case 0x08, 0x0E, 0x10: .read
        case 0x09, 0x11: .write
        case 0x0B: .control
        case 0x0D: .diagnostic
        default: .other
        }
    }

    static func smb1Command(_ command: UInt8) -> StaticString {
        switch command {
        case 0x04: "SMB_COM_CLOSE"
        case 0x06: "SMB_COM_DELETE"
        case 0x10: "SMB_COM_CHECK_DIRECTORY"
        case 0x24: "SMB_COM_LOCKING_ANDX"
        case 0x25: "SMB_COM_TRANSACTION"
        case 0x2B: "SMB_COM_ECHO"
        case 0x2D: "SMB_COM_OPEN_ANDX"
        case 0x2E: "SMB_COM_READ_ANDX"
        case 0x2F: "SMB_COM_WRITE_ANDX"
        case 0x32: "SMB_COM_TRANSACTION2"
        case 0x34: "SMB_COM_FIND_CLOSE2"
        case 0x71: "SMB_COM_TREE_DISCONNECT"
        case 0x72: "SMB_COM_NEGOTIATE"
        case 0x73: "SMB_COM_SESSION_SETUP_ANDX"
        case 0x74: "SMB_COM_LOGOFF_ANDX"
        case 0x75: "SMB_COM_TREE_CONNECT_ANDX"
        case 0xA0: "SMB_COM_NT_TRANSACT"
        case 0xA2: "SMB_COM_NT_CREATE_ANDX"
        case 0xA4: "SMB_COM_NT_CANCEL"
        default: "SMB_COM_UNKNOWN"
        }
    }

    static func smb1Operation(_ command: UInt8) -> Operation {
        switch command {
        case 0x72, 0x73, 0x74, 0x75, 0x71: .session
        case 0x2E: .read
        case 0x2F, 0x06: .write
        case 0x2B: .diagnostic
        case 0x25, 0x32, 0xA0: .control
        default: .other
        }
    }

    /// The NTSTATUS values SMB servers commonly return (MS-ERREF §2.3.1).
    static func status(_ code: UInt32) -> StaticString {
        switch code {
        case 0x0000_0000: "STATUS_SUCCESS"
        case 0x0000_0103: "STATUS_PENDING"
        case 0x8000_0005: "STATUS_BUFFER_OVERFLOW"
        case 0x8000_0006: "STATUS_NO_MORE_FILES"
        case 0xC000_0001: "STATUS_UNSUCCESSFUL"
        case 0xC000_0002: "STATUS_NOT_IMPLEMENTED"
        case 0xC000_0004: "STATUS_INFO_LENGTH_MISMATCH"
        case 0xC000_000D: "STATUS_INVALID_PARAMETER"
        case 0xC000_000F: "STATUS_NO_SUCH_FILE"
        case 0xC000_0010: "STATUS_INVALID_DEVICE_REQUEST"
        case 0xC000_0011: "STATUS_END_OF_FILE"
        case 0xC000_0016: "STATUS_MORE_PROCESSING_REQUIRED"
        case 0xC000_0022: "STATUS_ACCESS_DENIED"
        case 0xC000_0033: "STATUS_OBJECT_NAME_INVALID"
        case 0xC000_0034: "STATUS_OBJECT_NAME_NOT_FOUND"
        case 0xC000_0035: "STATUS_OBJECT_NAME_COLLISION"
        case 0xC000_003A: "STATUS_OBJECT_PATH_NOT_FOUND"
        case 0xC000_0043: "STATUS_SHARING_VIOLATION"
        case 0xC000_006A: "STATUS_WRONG_PASSWORD"
        case 0xC000_006D: "STATUS_LOGON_FAILURE"
        case 0xC000_006E: "STATUS_ACCOUNT_RESTRICTION"
        case 0xC000_006F: "STATUS_INVALID_LOGON_HOURS"
        case 0xC000_0071: "STATUS_PASSWORD_EXPIRED"
        case 0xC000_0072: "STATUS_ACCOUNT_DISABLED"
        case 0xC000_00B0: "STATUS_PIPE_DISCONNECTED"
        case 0xC000_00BA: "STATUS_FILE_IS_A_DIRECTORY"
        case 0xC000_00BB: "STATUS_NOT_SUPPORTED"
        case 0xC000_00BE: "STATUS_BAD_NETWORK_PATH"
        case 0xC000_00C9: "STATUS_NETWORK_NAME_DELETED"
        case 0xC000_00CC: "STATUS_BAD_NETWORK_NAME"
        case 0xC000_0101: "STATUS_DIRECTORY_NOT_EMPTY"
        case 0xC000_0103: "STATUS_NOT_A_DIRECTORY"
        case 0xC000_0120: "STATUS_CANCELLED"
        case 0xC000_0128: "STATUS_FILE_CLOSED"
        case 0xC000_014B: "STATUS_PIPE_BROKEN"
        case 0xC000_0203: "STATUS_USER_SESSION_DELETED"
        case 0xC000_0225: "STATUS_NOT_FOUND"
        case 0xC000_0234: "STATUS_ACCOUNT_LOCKED_OUT"
        case 0xC000_035C: "STATUS_NETWORK_SESSION_EXPIRED"
        default: "STATUS_UNKNOWN"
        }
    }

    /// The response's result: success, pending, more-processing and buffer-overflow (a partial
    /// read that continues) are normal steps; other statuses are errors.
    static func result(_ status: UInt32) -> EventResult {
        switch status {
        case 0, 0x0000_0103, 0xC000_0016, 0x8000_0005: .ok
        default: .error(Int64(status), SMBNames.status(status))
        }
    }

    /// DialectRevision (MS-SMB2 §2.2.4) as "3.1.1".
    static func dialect(_ revision: UInt16) -> StaticString {
        switch revision {
        case 0x0202: "2.0.2"
        case 0x0210: "2.1"
        case 0x0222: "2.2.2"
        case 0x0224: "2.2.4"
        case 0x02FF: "2.???"
        case 0x0300: "3.0"
        case 0x0302: "3.0.2"
        case 0x0310: "3.1"
        case 0x0311: "3.1.1"
        default: "unknown"
        }
    }
}
