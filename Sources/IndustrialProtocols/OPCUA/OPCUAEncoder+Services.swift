import BinaryParsing

/// The services the simulator sends (OPC 10000-4 §5), each as one MSG.
extension OPCUAEncoder {
    /// ApplicationDescription (OPC 10000-4 §7.2).
    public struct ApplicationDescription: Sendable, Equatable {
        public var applicationURI: String
        public var productURI: String
        public var applicationName: String
        /// 0 server, 1 client, 2 client and server, 3 discovery server.
        public var applicationType: UInt32
        public var discoveryURLs: [String]

        public init(
            applicationURI: String, productURI: String, applicationName: String, applicationType: UInt32,
            discoveryURLs: [String] = []
        ) {
            self.applicationURI = applicationURI
            self.productURI = productURI
            self.applicationName = applicationName
            self.applicationType = applicationType
            self.discoveryURLs = discoveryURLs
        }
    }

    /// EndpointDescription (OPC 10000-4 §7.14) of a SecurityPolicy None endpoint with anonymous login.
    public struct EndpointDescription: Sendable, Equatable {
        public var endpointURL: String
        public var server: ApplicationDescription

        public init(endpointURL: String, server: ApplicationDescription) {
            self.endpointURL = endpointURL
            self.server = server
        }
    }

    /// The result of one method call: status and output arguments.
    public struct CallResult: Sendable, Equatable {
        public var status: UInt32
        public var outputs: [Variant]

        public init(status: UInt32 = 0, outputs: [Variant] = []) {
            self.status = status
            self.outputs = outputs
        }
    }

    /// One method call: the object, the method, the input arguments.
    public struct MethodCall: Sendable, Equatable {
        public var object: NodeID
        public var method: NodeID
        public var arguments: [Variant]

        public init(object: NodeID, method: NodeID, arguments: [Variant] = []) {
            self.object = object
            self.method = method
            self.arguments = arguments
        }
    }

    /// §5.4.4 GetEndpoints request: the URL the client used, no locale or profile filter.
    public static func getEndpointsRequest(_ envelope: Envelope, endpointURL: String) -> [UInt8] {
        var body = Writer()
        body.requestHeader(envelope)
        body.string(endpointURL)
        body.strings([])  // LocaleIds
        body.strings([])  // ProfileUris
        return message("MSG", envelope, type: ServiceID.getEndpointsRequest, body)
    }

    /// §5.4.4 GetEndpoints response.
    public static func getEndpointsResponse(_ envelope: Envelope, endpoints: [EndpointDescription]) -> [UInt8] {
        var body = Writer()
        body.responseHeader(envelope, serviceResult: 0)
        body.int32(Int32(endpoints.count))
        for endpoint in endpoints { body.endpoint(endpoint) }
        return message("MSG", envelope, type: ServiceID.getEndpointsResponse, body)
    }

    /// §5.6.2 CreateSession request, without a client certificate.
    public static func createSessionRequest(
        _ envelope: Envelope, client: ApplicationDescription, endpointURL: String, sessionName: String,
        clientNonce: [UInt8], requestedSessionTimeout: Double = 3_600_000, maxResponseMessageSize: UInt32 = 0
    ) -> [UInt8] {
        var body = Writer()
        body.requestHeader(envelope)
        body.application(client)
        body.string(nil)  // ServerUri
        body.string(endpointURL)
        body.string(sessionName)
        body.byteString(clientNonce)
        body.byteString(nil)  // ClientCertificate
        body.double(requestedSessionTimeout)
        body.uint32(maxResponseMessageSize)
        return message("MSG", envelope, type: ServiceID.createSessionRequest, body)
    }

    /// §5.6.2 CreateSession response: the session id and its authentication token (which later requests
    /// carry in `Envelope.authenticationToken`), the server's endpoints, no certificate or signature.
    public static func createSessionResponse(
        _ envelope: Envelope, sessionID: NodeID, authenticationToken: NodeID, revisedSessionTimeout: Double = 3_600_000,
        serverNonce: [UInt8], endpoints: [EndpointDescription], maxRequestMessageSize: UInt32 = 0
    ) -> [UInt8] {
        var body = Writer()
        body.responseHeader(envelope, serviceResult: 0)
        body.nodeID(sessionID)
        body.nodeID(authenticationToken)
        body.double(revisedSessionTimeout)
        body.byteString(serverNonce)
        body.byteString(nil)  // ServerCertificate
        body.int32(Int32(endpoints.count))
        for endpoint in endpoints { body.endpoint(endpoint) }
        body.int32(0)  // ServerSoftwareCertificates
        body.string(nil)  // ServerSignature: algorithm
        body.byteString(nil)  // ServerSignature: signature
        body.uint32(maxRequestMessageSize)
        return message("MSG", envelope, type: ServiceID.createSessionResponse, body)
    }

    /// §5.6.3 ActivateSession request with an AnonymousIdentityToken (i=321) naming `policyID`.
    public static func activateSessionRequest(
        _ envelope: Envelope, policyID: String = "anonymous", localeIDs: [String] = [],
        signatureAlgorithm: String? = nil
    ) -> [UInt8] {
        var body = Writer()
        body.requestHeader(envelope)
        body.string(signatureAlgorithm)  // ClientSignature: algorithm
        body.byteString(signatureAlgorithm == nil ? nil : [])  // ClientSignature: signature
        body.int32(0)  // ClientSoftwareCertificates
        body.strings(localeIDs)
        var token = Writer()
        token.string(policyID)
        body.nodeID(.standard(321))  // AnonymousIdentityToken_Encoding_DefaultBinary
        body.byte(0x01)  // binary body
        body.byteString(token.bytes)
        body.string(nil)  // UserTokenSignature: algorithm
        body.byteString(nil)  // UserTokenSignature: signature
        return message("MSG", envelope, type: ServiceID.activateSessionRequest, body)
    }

    /// §5.6.3 ActivateSession response: a fresh server nonce, no per-certificate results.
    public static func activateSessionResponse(_ envelope: Envelope, serverNonce: [UInt8]) -> [UInt8] {
        var body = Writer()
        body.responseHeader(envelope, serviceResult: 0)
        body.byteString(serverNonce)
        body.int32(0)  // Results
        body.int32(0)  // DiagnosticInfos
        return message("MSG", envelope, type: ServiceID.activateSessionResponse, body)
    }

    /// §5.6.4 CloseSession request.
    public static func closeSessionRequest(_ envelope: Envelope, deleteSubscriptions: Bool = true) -> [UInt8] {
        var body = Writer()
        body.requestHeader(envelope)
        body.boolean(deleteSubscriptions)
        return message("MSG", envelope, type: ServiceID.closeSessionRequest, body)
    }

    /// §5.6.4 CloseSession response.
    public static func closeSessionResponse(_ envelope: Envelope) -> [UInt8] {
        var body = Writer()
        body.responseHeader(envelope, serviceResult: 0)
        return message("MSG", envelope, type: ServiceID.closeSessionResponse, body)
    }

    /// §5.8.2 Browse request: forward hierarchical references (i=33 and subtypes) of each node, all node
    /// classes, every result field.
    public static func browseRequest(_ envelope: Envelope, nodes: [NodeID], maxReferencesPerNode: UInt32 = 0)
        -> [UInt8]
    {
        var body = Writer()
        body.requestHeader(envelope)
        body.nodeID(.null)  // View: ViewId
        body.int64(0)  // View: Timestamp
        body.uint32(0)  // View: ViewVersion
        body.uint32(maxReferencesPerNode)
        body.int32(Int32(nodes.count))
        for node in nodes {
            body.nodeID(node)
            body.uint32(0)  // BrowseDirection: Forward
            body.nodeID(.standard(33))  // ReferenceTypeId: HierarchicalReferences
            body.boolean(true)  // IncludeSubtypes
            body.uint32(0)  // NodeClassMask: all
            body.uint32(0x3F)  // ResultMask: all
        }
        return message("MSG", envelope, type: ServiceID.browseRequest, body)
    }

    /// §5.10.2 Read request of the Value attribute (13) of each node, both timestamps returned.
    public static func readRequest(_ envelope: Envelope, nodes: [NodeID], maxAge: Double = 0) -> [UInt8] {
        var body = Writer()
        body.requestHeader(envelope)
        body.double(maxAge)
        body.uint32(2)  // TimestampsToReturn: Both
        body.int32(Int32(nodes.count))
        for node in nodes {
            body.nodeID(node)
            body.uint32(13)  // AttributeId: Value
            body.string(nil)  // IndexRange
            body.uint16(0)  // DataEncoding: namespace
            body.string(nil)  // DataEncoding: name
        }
        return message("MSG", envelope, type: ServiceID.readRequest, body)
    }

    /// §5.10.2 Read response: one DataValue per node, stamped with `sourceTimestamp` when given.
    public static func readResponse(_ envelope: Envelope, values: [Variant], sourceTimestamp: Int64? = nil) -> [UInt8] {
        var body = Writer()
        body.responseHeader(envelope, serviceResult: 0)
        body.int32(Int32(values.count))
        for value in values { body.dataValue(value, sourceTimestamp: sourceTimestamp) }
        body.int32(0)  // DiagnosticInfos
        return message("MSG", envelope, type: ServiceID.readResponse, body)
    }

    /// §5.10.4 Write request of the Value attribute of each node.
    public static func writeRequest(_ envelope: Envelope, values: [(node: NodeID, value: Variant)]) -> [UInt8] {
        var body = Writer()
        body.requestHeader(envelope)
        body.int32(Int32(values.count))
        for item in values {
            body.nodeID(item.node)
            body.uint32(13)  // AttributeId: Value
            body.string(nil)  // IndexRange
            body.dataValue(item.value)
        }
        return message("MSG", envelope, type: ServiceID.writeRequest, body)
    }

    /// §5.10.4 Write response: one status code per written node (0 = Good).
    public static func writeResponse(_ envelope: Envelope, results: [UInt32]) -> [UInt8] {
        var body = Writer()
        body.responseHeader(envelope, serviceResult: 0)
        body.int32(Int32(results.count))
        for result in results { body.uint32(result) }
        body.int32(0)  // DiagnosticInfos
        return message("MSG", envelope, type: ServiceID.writeResponse, body)
    }

    /// §5.11.2 Call request.
    public static func callRequest(_ envelope: Envelope, calls: [MethodCall]) -> [UInt8] {
        var body = Writer()
        body.requestHeader(envelope)
        body.int32(Int32(calls.count))
        for call in calls {
            body.nodeID(call.object)
            body.nodeID(call.method)
            body.int32(Int32(call.arguments.count))
            for argument in call.arguments { body.variant(argument) }
        }
        return message("MSG", envelope, type: ServiceID.callRequest, body)
    }

    /// §5.11.2 Call response: per call its status, no per-argument results, its output arguments.
    public static func callResponse(_ envelope: Envelope, results: [CallResult]) -> [UInt8] {
        var body = Writer()
        body.responseHeader(envelope, serviceResult: 0)
        body.int32(Int32(results.count))
        for result in results {
            body.uint32(result.status)
            body.int32(0)  // InputArgumentResults
            body.int32(0)  // InputArgumentDiagnosticInfos
            body.int32(Int32(result.outputs.count))
            for output in result.outputs { body.variant(output) }
        }
        body.int32(0)  // DiagnosticInfos
        return message("MSG", envelope, type: ServiceID.callResponse, body)
    }
}

extension OPCUAEncoder.Writer {
    mutating func application(_ description: OPCUAEncoder.ApplicationDescription) {
        string(description.applicationURI)
        string(description.productURI)
        localizedText(description.applicationName)
        uint32(description.applicationType)
        string(nil)  // GatewayServerUri
        string(nil)  // DiscoveryProfileUri
        strings(description.discoveryURLs)
    }

    /// EndpointDescription: None security, one anonymous user token policy, the binary transport.
    mutating func endpoint(_ endpoint: OPCUAEncoder.EndpointDescription) {
        string(endpoint.endpointURL)
        application(endpoint.server)
        byteString(nil)  // ServerCertificate
        uint32(1)  // SecurityMode: None
        string(OPCUAEncoder.securityPolicyNone)
        int32(1)  // UserIdentityTokens
        string("anonymous")  // PolicyId
        uint32(0)  // TokenType: Anonymous
        string(nil)  // IssuedTokenType
        string(nil)  // IssuerEndpointUrl
        string(nil)  // SecurityPolicyUri
        string("http://opcfoundation.org/UA-Profile/Transport/uatcp-uasc-uabinary")
        byte(0)  // SecurityLevel
    }
}
