package io.jenkins.plugins.coraocr.client.testing;

import static io.jenkins.plugins.coraocr.client.testing.HostileServer.closeAfterRequest;
import static io.jenkins.plugins.coraocr.client.testing.HostileServer.neverRead;
import static io.jenkins.plugins.coraocr.client.testing.HostileServer.respond;
import static io.jenkins.plugins.coraocr.client.testing.HostileServer.respondRaw;
import static io.jenkins.plugins.coraocr.client.testing.HostileServer.respondRawAndClose;
import static io.jenkins.plugins.coraocr.client.testing.HostileServer.stallHeaders;
import static io.jenkins.plugins.coraocr.client.testing.HostileServer.trickleBody;
import static io.jenkins.plugins.coraocr.client.testing.HostileServer.trickleHeaders;
import static io.jenkins.plugins.coraocr.client.testing.RawClient.PATIENCE;
import static io.jenkins.plugins.coraocr.client.testing.RawClient.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.Test;

class HostileServerTest {
    private static final Duration SHORT = Duration.ofMillis(500);
    /** Longer than any test waits for a byte that must not come. */
    private static final Duration GLACIAL = Duration.ofSeconds(60);

    private static final String ENVELOPE =
            SoapAnswers.getStatusEnvelope(SoapAnswers.Version.SOAP_11, "Queued", "NoError", null);

    @Test
    void stallHeadersRecordsTheRequestNeverAnswersAndSeesTheClientGiveUp() throws Exception {
        try (HostileServer server = HostileServer.start(stallHeaders())) {
            try (RawClient client = new RawClient(server)) {
                client.send(post(LoopbackServer.ENDPOINT_PATH, "<hello/>"));
                RecordedRequest request = server.awaitRequests(1, PATIENCE).get(0);
                assertThat(request.method()).isEqualTo("POST");
                assertThat(request.target()).isEqualTo(LoopbackServer.ENDPOINT_PATH);
                assertThat(request.version()).isEqualTo("HTTP/1.1");
                assertThat(request.header("content-type")).isEqualTo("text/xml; charset=utf-8");
                assertThat(request.bodyText()).isEqualTo("<hello/>");
                assertThat(client.silentFor(SHORT)).isTrue();
                assertThat(server.connections()).singleElement().satisfies(c -> {
                    assertThat(c.isOpen()).isTrue();
                    assertThat(c.remotePort()).isEqualTo(client.localPort());
                });
            }
            assertThat(server.awaitClosedByClient(1, PATIENCE).state())
                    .isEqualTo(ConnectionRecord.State.CLOSED_BY_CLIENT);
        }
    }

    @Test
    void neverReadAcceptsButNeitherReadsNorAnswersUntilTheServerCloses() throws Exception {
        HostileServer server = HostileServer.start(neverRead());
        try (RawClient client = new RawClient(server)) {
            client.send(post(LoopbackServer.ENDPOINT_PATH, "<hello/>"));
            server.awaitConnections(1, PATIENCE);
            assertThat(client.silentFor(SHORT)).isTrue();
            assertThat(server.requests()).isEmpty();
            assertThat(server.connections())
                    .singleElement()
                    .satisfies(c -> assertThat(c.isOpen()).isTrue());
            server.close();
            assertThat(server.connections())
                    .singleElement()
                    .satisfies(c -> assertThat(c.state()).isEqualTo(ConnectionRecord.State.CLOSED_BY_SERVER));
            assertEnds(client);
        } finally {
            server.close();
        }
    }

    @Test
    void trickleBodySendsTheHeadAtOnceAndHoldsBackTheBody() throws Exception {
        try (HostileServer server = HostileServer.start(trickleBody(ENVELOPE, GLACIAL))) {
            try (RawClient client = new RawClient(server)) {
                String head =
                        client.send(post(LoopbackServer.ENDPOINT_PATH, "")).readHead();
                assertThat(head)
                        .startsWith("HTTP/1.1 200 OK\r\n")
                        .contains("Content-Type: text/xml; charset=utf-8\r\n")
                        .contains("Content-Length: " + ENVELOPE.length() + "\r\n");
                assertThat(client.silentFor(SHORT)).isTrue();
            }
            // The server was pausing for a minute before the next byte: it saw the close while it waited.
            assertThat(server.awaitClosedByClient(1, PATIENCE).closedByClient()).isTrue();
        }
    }

    @Test
    void trickleBodyDeliversEveryByteOneAtATimeAndThenCloses() throws Exception {
        byte[] body = "<a>\u00e9</a>".getBytes(StandardCharsets.UTF_8);
        Duration perByte = Duration.ofMillis(30);
        try (HostileServer server = HostileServer.start(trickleBody(body, perByte));
                RawClient client = new RawClient(server)) {
            long start = System.nanoTime();
            client.send(post(LoopbackServer.ENDPOINT_PATH, ""));
            assertThat(client.readHead()).contains("Content-Length: " + body.length + "\r\n");
            assertThat(client.readBytes(body.length)).isEqualTo(body);
            // A lower bound only: sleeps can only get longer on a busy machine.
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isGreaterThanOrEqualTo(perByte.multipliedBy(body.length));
            assertThat(client.readToEnd()).isEmpty();
            assertThat(server.awaitConnections(1, PATIENCE)).isNotEmpty();
        }
    }

    @Test
    void trickleHeadersHoldsBackTheStatusLine() throws Exception {
        HttpAnswer answer = SoapAnswers.getStatus(SoapAnswers.Version.SOAP_11, "Queued", "NoError", null);
        try (HostileServer server = HostileServer.start(trickleHeaders(answer, GLACIAL))) {
            try (RawClient client = new RawClient(server)) {
                client.send(post(LoopbackServer.ENDPOINT_PATH, ""));
                server.awaitRequests(1, PATIENCE);
                assertThat(client.silentFor(SHORT)).isTrue();
            }
            assertThat(server.awaitClosedByClient(1, PATIENCE).closedByClient()).isTrue();
        }
    }

    @Test
    void trickleHeadersDeliversTheWholeAnswer() throws Exception {
        HttpAnswer answer = SoapAnswers.getStatus(SoapAnswers.Version.SOAP_11, "Queued", "NoError", null);
        try (HostileServer server = HostileServer.start(trickleHeaders(answer, Duration.ofMillis(1)));
                RawClient client = new RawClient(server)) {
            assertThat(client.send(post(LoopbackServer.ENDPOINT_PATH, "")).readAnswer())
                    .isEqualTo(new String(answer.toBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void respondRawSendsTheBytesAsTheyAreAndKeepsTheConnection() throws Exception {
        String unauthorized = "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Negotiate\r\nWWW-Authenticate: NTLM\r\n"
                + "Content-Length: 0\r\n\r\n";
        String gzip = "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\n"
                + "\u001f\u0000\u0001\u0002";
        try (HostileServer server = HostileServer.start(
                        respondRaw(unauthorized.getBytes(StandardCharsets.ISO_8859_1)),
                        respondRaw(gzip.getBytes(StandardCharsets.ISO_8859_1)));
                RawClient client = new RawClient(server)) {
            assertThat(client.send(post("/first", "")).readAnswer()).isEqualTo(unauthorized);
            assertThat(client.send(post("/second", "")).readAnswer()).isEqualTo(gzip);
            assertThat(client.send(post("/third", "")).readAnswer()).isEqualTo(gzip);
            assertThat(server.requests())
                    .extracting(RecordedRequest::target)
                    .containsExactly("/first", "/second", "/third");
            assertThat(server.requests())
                    .extracting(RecordedRequest::connection)
                    .containsOnly(1);
        }
    }

    @Test
    void theScriptRunsAcrossConnectionsAndItsLastBehaviourRepeats() throws Exception {
        try (HostileServer server = HostileServer.start(
                respond(HttpAnswer.of(503, "text/html", "<h1>busy</h1>")),
                respond(SoapAnswers.fault(
                        SoapAnswers.Version.SOAP_11, "Server was unable to process request. \u0007")))) {
            List<String> statusLines = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                try (RawClient client = new RawClient(server)) {
                    statusLines.add(client.send(post("/", "")).readAnswer().split("\r\n")[0]);
                }
            }
            assertThat(statusLines)
                    .containsExactly(
                            "HTTP/1.1 503 Service Unavailable",
                            "HTTP/1.1 500 Internal Server Error",
                            "HTTP/1.1 500 Internal Server Error");
            assertThat(server.requests())
                    .extracting(RecordedRequest::connection)
                    .containsExactly(1, 2, 3);
        }
    }

    @Test
    void closeAfterRequestReadsTheRequestAndHangsUp() throws Exception {
        HostileServer server = HostileServer.start(closeAfterRequest());
        try (RawClient client = new RawClient(server)) {
            assertThat(client.send(post("/", "<x/>")).readToEnd()).isEmpty();
            assertThat(server.requests())
                    .singleElement()
                    .satisfies(r -> assertThat(r.bodyText()).isEqualTo("<x/>"));
            server.close();
            assertThat(server.connections())
                    .singleElement()
                    .satisfies(c -> assertThat(c.state()).isEqualTo(ConnectionRecord.State.CLOSED_BY_SERVER));
        } finally {
            server.close();
        }
    }

    @Test
    void respondRawAndCloseEndsTheAnswerWithTheConnection() throws Exception {
        String unframed = "HTTP/1.1 501 Not Implemented\r\nContent-Type: text/html\r\n\r\n<h1>no</h1>";
        try (HostileServer server = HostileServer.start(respondRawAndClose(unframed.getBytes(StandardCharsets.UTF_8)));
                RawClient client = new RawClient(server)) {
            assertThat(client.send(post("/", "")).readToEnd()).isEqualTo(unframed);
        }
    }

    @Test
    void chunkedBodiesAreRecordedDecodedAndExpectContinueIsAnswered() throws Exception {
        try (HostileServer server = HostileServer.start(respond(HttpAnswer.status(204)));
                RawClient client = new RawClient(server)) {
            client.send(
                    "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\n\r\n");
            assertThat(client.readAnswer()).startsWith("HTTP/1.1 204 No Content\r\n");
            client.send("POST /e HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
            assertThat(client.readHead()).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
            client.send("ok");
            assertThat(client.readAnswer()).startsWith("HTTP/1.1 204 No Content\r\n");
            assertThat(server.requests()).extracting(RecordedRequest::bodyText).containsExactly("abcde", "ok");
        }
    }

    @Test
    void closeEndsStalledConnectionsPromptlyAndStopsListening() throws Exception {
        HostileServer server = HostileServer.start(stallHeaders(), neverRead(), trickleBody(ENVELOPE, GLACIAL));
        List<RawClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                clients.add(new RawClient(server).send(post("/", "")));
                server.awaitConnections(i + 1, PATIENCE);
            }
            long start = System.nanoTime();
            server.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(server.connections())
                    .hasSize(3)
                    .allSatisfy(c -> assertThat(c.state()).isEqualTo(ConnectionRecord.State.CLOSED_BY_SERVER));
            for (RawClient client : clients) {
                assertEnds(client);
            }
            assertThatThrownBy(() -> new Socket(Loopback.ADDRESS, server.port()).close())
                    .isInstanceOf(ConnectException.class);
        } finally {
            server.close();
            for (RawClient client : clients) {
                client.close();
            }
        }
    }

    @Test
    void apacheHttpClientTimesOutOnAStallAndClosesTheConnection() throws Exception {
        RequestConfig config = RequestConfig.custom()
                .setResponseTimeout(Timeout.ofMilliseconds(300))
                .build();
        try (HostileServer server = HostileServer.start(stallHeaders());
                CloseableHttpClient client =
                        HttpClients.custom().setDefaultRequestConfig(config).build()) {
            HttpPost post = new HttpPost(server.endpointUrl());
            post.setEntity(new StringEntity(ENVELOPE, ContentType.TEXT_XML));
            assertThatThrownBy(() -> client.execute(post, response -> response.getCode()))
                    .isInstanceOf(SocketTimeoutException.class);
            assertThat(server.awaitClosedByClient(1, PATIENCE).closedByClient()).isTrue();
            assertThat(server.requests())
                    .singleElement()
                    .satisfies(r -> assertThat(r.bodyText()).isEqualTo(ENVELOPE));
        }
    }

    /** Reads until the connection ends, by an end of stream or a reset; fails if it is still open after a while. */
    private static void assertEnds(RawClient client) {
        try {
            client.readToEnd(); // whatever the server had written before its close
        } catch (SocketTimeoutException stillOpen) {
            throw new AssertionError("the connection is still open", stillOpen);
        } catch (IOException reset) {
            // a reset ends it too
        }
    }
}
