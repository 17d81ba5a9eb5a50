import OPCUA

/// An OPC UA client reading a server (TCP 4840, SecurityPolicy None): HEL/ACK, OpenSecureChannel,
/// GetEndpoints, CreateSession, ActivateSession (anonymous), then a Read of the tags each cycle.
/// Each side numbers its own chunks; a response carries its request's id and handle.
final class OPCUAReadScript: SessionScript {
    let server: ApplicationIdentity
    let client: OPCUAEncoder.ApplicationDescription
    let endpointURL: String
    let nodes: [OPCUAEncoder.NodeID]
    let channelID: UInt32
    let startTicks: Int64
    let interval: Int64
    private var clientSequence: UInt32 = 1
    private var serverSequence: UInt32 = 1
    private var requestID: UInt32 = 0
    private var token = OPCUAEncoder.NodeID.null
    private var cycleTicks: Int64 = 0

    /// What a server says about itself (ApplicationDescription).
    struct ApplicationIdentity {
        var applicationURI: String
        var productURI: String
        var applicationName: String
    }

    /// `start` and `interval` in µs: header timestamps follow the simulated clock.
    init(
        server: ApplicationIdentity, client: OPCUAEncoder.ApplicationDescription, endpointURL: String,
        nodes: [OPCUAEncoder.NodeID], channelID: UInt32, start: Int64, interval: Int64
    ) {
        self.server = server
        self.client = client
        self.endpointURL = endpointURL
        self.nodes = nodes
        self.channelID = channelID
        // 100 ns ticks from 1601-01-01 to 1970-01-01, plus the Unix time.
        self.startTicks = 116_444_736_000_000_000 + start * 10
        self.interval = interval
    }

    private var serverDescription: OPCUAEncoder.ApplicationDescription {
        OPCUAEncoder.ApplicationDescription(
            applicationURI: server.applicationURI, productURI: server.productURI,
            applicationName: server.applicationName, applicationType: 0, discoveryURLs: [endpointURL])
    }

    /// The envelopes of one request and its response.
    private func envelopes() -> (request: OPCUAEncoder.Envelope, response: OPCUAEncoder.Envelope) {
        requestID += 1
        defer {
            clientSequence += 1
            serverSequence += 1
        }
        let time = startTicks + cycleTicks
        let request = OPCUAEncoder.Envelope(
            channelID: channelID, tokenID: 1, sequenceNumber: clientSequence, requestID: requestID, timestamp: time,
            authenticationToken: token)
        let response = OPCUAEncoder.Envelope(
            channelID: channelID, tokenID: 1, sequenceNumber: serverSequence, requestID: requestID,
            timestamp: time + 20_000, authenticationToken: token)
        return (request, response)
    }

    func opening(random: inout SplitMix64) -> [Exchange] {
        var exchanges: [Exchange] = [
            Exchange(
                request: OPCUAEncoder.hello(endpointURL: endpointURL), replies: [OPCUAEncoder.acknowledge()],
                latency: 800)
        ]
        var open = envelopes()
        open.request.channelID = 0
        exchanges.append(
            Exchange(
                request: OPCUAEncoder.openSecureChannelRequest(open.request),
                replies: [OPCUAEncoder.openSecureChannelResponse(open.response, createdAt: open.response.timestamp)],
                latency: 1_500))
        let endpoint = OPCUAEncoder.EndpointDescription(endpointURL: endpointURL, server: serverDescription)
        let endpoints = envelopes()
        exchanges.append(
            Exchange(
                request: OPCUAEncoder.getEndpointsRequest(endpoints.request, endpointURL: endpointURL),
                replies: [OPCUAEncoder.getEndpointsResponse(endpoints.response, endpoints: [endpoint])],
                latency: 2_000))
        let session = envelopes()
        let sessionID = OPCUAEncoder.NodeID.numeric(namespace: 1, id: UInt32(truncatingIfNeeded: random.next()))
        let authentication = OPCUAEncoder.NodeID.numeric(namespace: 1, id: UInt32(truncatingIfNeeded: random.next()))
        exchanges.append(
            Exchange(
                request: OPCUAEncoder.createSessionRequest(
                    session.request, client: client, endpointURL: endpointURL, sessionName: client.applicationName,
                    clientNonce: nonce(&random)),
                replies: [
                    OPCUAEncoder.createSessionResponse(
                        session.response, sessionID: sessionID, authenticationToken: authentication,
                        serverNonce: nonce(&random), endpoints: [endpoint])
                ], latency: 4_000))
        token = authentication
        let activate = envelopes()
        exchanges.append(
            Exchange(
                request: OPCUAEncoder.activateSessionRequest(activate.request),
                replies: [OPCUAEncoder.activateSessionResponse(activate.response, serverNonce: nonce(&random))],
                latency: 3_000))
        return exchanges
    }

    func poll(cycle: Int, random: inout SplitMix64) -> [Exchange] {
        cycleTicks = Int64(cycle) * interval * 10
        let read = envelopes()
        let values = nodes.indices.map { index in
            OPCUAEncoder.Variant.double(
                ProcessValues.analog(
                    base: 60 + Double(index) * 25, amplitude: 4, cycle: cycle, period: 45, random: &random))
        }
        return [
            Exchange(
                request: OPCUAEncoder.readRequest(read.request, nodes: nodes),
                replies: [
                    OPCUAEncoder.readResponse(read.response, values: values, sourceTimestamp: read.response.timestamp)
                ],
                latency: random.int(in: 1_000...5_000))
        ]
    }

    private func nonce(_ random: inout SplitMix64) -> [UInt8] {
        (0..<32).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    }
}
