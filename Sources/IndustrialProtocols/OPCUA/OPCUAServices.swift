import EventModel

/// OPC UA service encoding node ids (OPC 10000-6 Annex A, "NodeIds.csv" `*_Encoding_DefaultBinary`),
/// as tshark's `opcua.servicenodeid.numeric`, with the name and what the service does.
enum OPCUAService {
    struct Meaning {
        let name: StaticString
        let operation: Operation
        let isResponse: Bool
    }

    static func meaning(of id: UInt32) -> Meaning? {
        switch id {
        case 397: Meaning(name: "ServiceFault", operation: .other, isResponse: true)
        case 422: Meaning(name: "FindServersRequest", operation: .discovery, isResponse: false)
        case 425: Meaning(name: "FindServersResponse", operation: .discovery, isResponse: true)
        case 428: Meaning(name: "GetEndpointsRequest", operation: .discovery, isResponse: false)
        case 431: Meaning(name: "GetEndpointsResponse", operation: .discovery, isResponse: true)
        case 437: Meaning(name: "RegisterServerRequest", operation: .discovery, isResponse: false)
        case 440: Meaning(name: "RegisterServerResponse", operation: .discovery, isResponse: true)
        case 446: Meaning(name: "OpenSecureChannelRequest", operation: .session, isResponse: false)
        case 449: Meaning(name: "OpenSecureChannelResponse", operation: .session, isResponse: true)
        case 452: Meaning(name: "CloseSecureChannelRequest", operation: .session, isResponse: false)
        case 455: Meaning(name: "CloseSecureChannelResponse", operation: .session, isResponse: true)
        case 461: Meaning(name: "CreateSessionRequest", operation: .session, isResponse: false)
        case 464: Meaning(name: "CreateSessionResponse", operation: .session, isResponse: true)
        case 467: Meaning(name: "ActivateSessionRequest", operation: .session, isResponse: false)
        case 470: Meaning(name: "ActivateSessionResponse", operation: .session, isResponse: true)
        case 473: Meaning(name: "CloseSessionRequest", operation: .session, isResponse: false)
        case 476: Meaning(name: "CloseSessionResponse", operation: .session, isResponse: true)
        case 479: Meaning(name: "CancelRequest", operation: .session, isResponse: false)
        case 482: Meaning(name: "CancelResponse", operation: .session, isResponse: true)
        case 488: Meaning(name: "AddNodesRequest", operation: .write, isResponse: false)
        case 491: Meaning(name: "AddNodesResponse", operation: .write, isResponse: true)
        case 494: Meaning(name: "AddReferencesRequest", operation: .write, isResponse: false)
        case 497: Meaning(name: "AddReferencesResponse", operation: .write, isResponse: true)
        case 500: Meaning(name: "DeleteNodesRequest", operation: .write, isResponse: false)
        case 503: Meaning(name: "DeleteNodesResponse", operation: .write, isResponse: true)
        case 506: Meaning(name: "DeleteReferencesRequest", operation: .write, isResponse: false)
        case 509: Meaning(name: "DeleteReferencesResponse", operation: .write, isResponse: true)
        case 527: Meaning(name: "BrowseRequest", operation: .discovery, isResponse: false)
        case 530: Meaning(name: "BrowseResponse", operation: .discovery, isResponse: true)
        case 533: Meaning(name: "BrowseNextRequest", operation: .discovery, isResponse: false)
        case 536: Meaning(name: "BrowseNextResponse", operation: .discovery, isResponse: true)
        case 554: Meaning(name: "TranslateBrowsePathsToNodeIdsRequest", operation: .discovery, isResponse: false)
        case 557: Meaning(name: "TranslateBrowsePathsToNodeIdsResponse", operation: .discovery, isResponse: true)
        case 560: Meaning(name: "RegisterNodesRequest", operation: .read, isResponse: false)
        case 563: Meaning(name: "RegisterNodesResponse", operation: .read, isResponse: true)
        case 566: Meaning(name: "UnregisterNodesRequest", operation: .read, isResponse: false)
        case 569: Meaning(name: "UnregisterNodesResponse", operation: .read, isResponse: true)
        case 613: Meaning(name: "QueryFirstRequest", operation: .read, isResponse: false)
        case 616: Meaning(name: "QueryFirstResponse", operation: .read, isResponse: true)
        case 619: Meaning(name: "QueryNextRequest", operation: .read, isResponse: false)
        case 622: Meaning(name: "QueryNextResponse", operation: .read, isResponse: true)
        case 631: Meaning(name: "ReadRequest", operation: .read, isResponse: false)
        case 634: Meaning(name: "ReadResponse", operation: .read, isResponse: true)
        case 664: Meaning(name: "HistoryReadRequest", operation: .read, isResponse: false)
        case 667: Meaning(name: "HistoryReadResponse", operation: .read, isResponse: true)
        case 673: Meaning(name: "WriteRequest", operation: .write, isResponse: false)
        case 676: Meaning(name: "WriteResponse", operation: .write, isResponse: true)
        case 700: Meaning(name: "HistoryUpdateRequest", operation: .write, isResponse: false)
        case 703: Meaning(name: "HistoryUpdateResponse", operation: .write, isResponse: true)
        case 712: Meaning(name: "CallRequest", operation: .control, isResponse: false)
        case 715: Meaning(name: "CallResponse", operation: .control, isResponse: true)
        case 751: Meaning(name: "CreateMonitoredItemsRequest", operation: .read, isResponse: false)
        case 754: Meaning(name: "CreateMonitoredItemsResponse", operation: .read, isResponse: true)
        case 763: Meaning(name: "ModifyMonitoredItemsRequest", operation: .read, isResponse: false)
        case 766: Meaning(name: "ModifyMonitoredItemsResponse", operation: .read, isResponse: true)
        case 769: Meaning(name: "SetMonitoringModeRequest", operation: .read, isResponse: false)
        case 772: Meaning(name: "SetMonitoringModeResponse", operation: .read, isResponse: true)
        case 775: Meaning(name: "SetTriggeringRequest", operation: .read, isResponse: false)
        case 778: Meaning(name: "SetTriggeringResponse", operation: .read, isResponse: true)
        case 781: Meaning(name: "DeleteMonitoredItemsRequest", operation: .read, isResponse: false)
        case 784: Meaning(name: "DeleteMonitoredItemsResponse", operation: .read, isResponse: true)
        case 787: Meaning(name: "CreateSubscriptionRequest", operation: .read, isResponse: false)
        case 790: Meaning(name: "CreateSubscriptionResponse", operation: .read, isResponse: true)
        case 793: Meaning(name: "ModifySubscriptionRequest", operation: .read, isResponse: false)
        case 796: Meaning(name: "ModifySubscriptionResponse", operation: .read, isResponse: true)
        case 799: Meaning(name: "SetPublishingModeRequest", operation: .read, isResponse: false)
        case 802: Meaning(name: "SetPublishingModeResponse", operation: .read, isResponse: true)
        case 826: Meaning(name: "PublishRequest", operation: .data, isResponse: false)
        case 829: Meaning(name: "PublishResponse", operation: .data, isResponse: true)
        case 832: Meaning(name: "RepublishRequest", operation: .data, isResponse: false)
        case 835: Meaning(name: "RepublishResponse", operation: .data, isResponse: true)
        case 841: Meaning(name: "TransferSubscriptionsRequest", operation: .session, isResponse: false)
        case 844: Meaning(name: "TransferSubscriptionsResponse", operation: .session, isResponse: true)
        case 847: Meaning(name: "DeleteSubscriptionsRequest", operation: .read, isResponse: false)
        case 850: Meaning(name: "DeleteSubscriptionsResponse", operation: .read, isResponse: true)
        case 12208: Meaning(name: "RegisterServer2Request", operation: .discovery, isResponse: false)
        case 12211: Meaning(name: "RegisterServer2Response", operation: .discovery, isResponse: true)
        case 12190: Meaning(name: "FindServersOnNetworkRequest", operation: .discovery, isResponse: false)
        case 12191: Meaning(name: "FindServersOnNetworkResponse", operation: .discovery, isResponse: true)
        default: nil
        }
    }

    /// User identity token encodings (OPC 10000-4 §7.36) as ActivateSession carries them.
    static func identityTokenName(_ id: UInt32) -> String? {
        switch id {
        case 321: "anonymous"
        case 324: "username"
        case 327: "certificate"
        case 940: "issued-token"
        default: nil
        }
    }
}
