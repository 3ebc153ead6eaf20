package io.jenkins.plugins.coraocr.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What only the raw bytes show: status lines, headers, connection reuse, and a drop without any answer. */
class HttpWireTest {

    private static CoraOcrSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = CoraOcrSimulator.builder()
                .scenario(Scenario.builder()
                        .workflow(1, WorkflowScript.builder().status("Queued").build())
                        .workflow(2, WorkflowScript.builder().soapFault("boom").build())
                        .workflow(3, WorkflowScript.builder().dropConnection().build())
                        .workflow(
                                4,
                                WorkflowScript.builder()
                                        .status("Queued")
                                        .httpError(503)
                                        .soapFault("boom")
                                        .status("Completed")
                                        .build())
                        .build())
                .start();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void forgetRequests() {
        simulator.clearRequests();
    }

    @ParameterizedTest
    @CsvSource({
        "400, HTTP/1.1 400 Bad Request",
        "500, HTTP/1.1 500 Internal Server Error",
        "502, HTTP/1.1 502 Bad Gateway",
        "503, HTTP/1.1 503 Service Unavailable",
        "504, HTTP/1.1 504 Gateway Timeout"
    })
    void scriptedHttpErrorsCarryIisReasonPhrases(int status, String statusLine) throws Exception {
        simulator.script(10, WorkflowScript.builder().httpError(status).build());
        try (RawHttp http = new RawHttp(simulator.port())) {
            RawHttp.Response response = http.getStatus11(10);

            assertThat(response.statusLine()).isEqualTo(statusLine);
            assertThat(response.body()).contains("<TITLE>" + statusLine.substring(13) + "</TITLE>");
        }
    }

    @Test
    void everyOtherAnswerCarriesIisReasonPhrasesToo() throws Exception {
        try (RawHttp http = new RawHttp(simulator.port())) {
            assertThat(http.getStatus11(1).statusLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(http.getStatus11(2).statusLine()).isEqualTo("HTTP/1.1 500 Internal Server Error");
            assertThat(http.send("GET", "/elsewhere", Map.of(), "").statusLine())
                    .isEqualTo("HTTP/1.1 404 Not Found");
            assertThat(http.send("PUT", CoraOcrWire.ENDPOINT_PATH, Map.of(), "x")
                            .statusLine())
                    .isEqualTo("HTTP/1.1 405 Method Not Allowed");
        }
        try (CoraOcrSimulator guarded =
                        CoraOcrSimulator.builder().basicAuth("u", "p").start();
                RawHttp http = new RawHttp(guarded.port())) {
            assertThat(http.getStatus11(1).statusLine()).isEqualTo("HTTP/1.1 401 Unauthorized");
        }
    }

    @Test
    void everyAnswerCarriesIisHeaders() throws Exception {
        try (RawHttp http = new RawHttp(simulator.port())) {
            for (RawHttp.Response response : new RawHttp.Response[] {
                http.getStatus11(1), http.getStatus11(2), http.send("GET", "/elsewhere", Map.of(), "")
            }) {
                assertThat(response.headers())
                        .containsEntry("Server", "Microsoft-IIS/10.0")
                        .containsEntry("X-AspNet-Version", "4.0.30319")
                        .containsEntry("X-Powered-By", "ASP.NET");
            }
        }
    }

    @Test
    void oneConnectionCarriesRequestAfterRequestWhateverTheyAreAnswered() throws Exception {
        try (RawHttp http = new RawHttp(simulator.port())) {
            assertThat(http.getStatus11(4).status()).isEqualTo(200);
            assertThat(http.getStatus11(4).status()).isEqualTo(503);
            assertThat(http.getStatus11(4).status()).isEqualTo(500);
            assertThat(http.send("HEAD", CoraOcrWire.ENDPOINT_PATH, Map.of(), "")
                            .status())
                    .isEqualTo(405);
            RawHttp.Response last = http.getStatus11(4);

            assertThat(last.status()).isEqualTo(200);
            assertThat(last.body()).contains("<Status>Completed</Status>");
            assertThat(last.headers()).doesNotContainKey("Connection");
        }
        assertThat(simulator.requests()).hasSize(5);
    }

    @Test
    void aDroppedConnectionIsClosedBeforeAnyByteOfAnAnswer() throws Exception {
        try (RawHttp http = new RawHttp(simulator.port())) {
            assertThatThrownBy(() -> http.getStatus11(3))
                    .isInstanceOf(EOFException.class)
                    .hasMessage("connection closed after 0 bytes");
        }
        assertThat(simulator.requests())
                .singleElement()
                .satisfies(request -> assertThat(request.bodyText())
                        .contains("<MasterWorkflowInstanceId>3</MasterWorkflowInstanceId>"));
    }

    @Test
    void headGetsTheHeadersOfTheAnswerButNoBody() throws Exception {
        try (RawHttp http = new RawHttp(simulator.port())) {
            RawHttp.Response head = http.send("HEAD", CoraOcrWire.ENDPOINT_PATH, Map.of(), "");

            assertThat(head.statusLine()).isEqualTo("HTTP/1.1 405 Method Not Allowed");
            assertThat(Integer.parseInt(head.headers().get("Content-Length")))
                    .isEqualTo(IisPages.methodNotAllowed().length());
            assertThat(head.body()).isEmpty();
            // Nothing of the page was sent after all: the next answer on the connection starts cleanly.
            assertThat(http.getStatus11(1).statusLine()).isEqualTo("HTTP/1.1 200 OK");
        }
    }
}
