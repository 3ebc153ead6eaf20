package io.jenkins.plugins.coraocr.simulator;

import static io.jenkins.plugins.coraocr.simulator.Wire.SOAP11;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthenticationTest {

    private static CoraOcrSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = CoraOcrSimulator.builder()
                .basicAuth("cora", "s3cret")
                .realm("SequenceServices")
                .start();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void withoutCredentialsIisAnswers401BeforeAnySoap() throws Exception {
        simulator.clearRequests();
        HttpResponse<String> response = Wire.getStatus11(simulator, 1);

        assertUnauthorized(response, "SequenceServices");
        assertThat(simulator.requests())
                .singleElement()
                .satisfies(request -> assertThat(request.bodyText()).contains("MasterWorkflowInstanceId"));
    }

    @Test
    void wrongCredentialsAre401() throws Exception {
        HttpResponse<String> response = Wire.send(Wire.withBasicAuth(getStatus(), "cora", "guess"));

        assertUnauthorized(response, "SequenceServices");
    }

    @Test
    void rightCredentialsReachTheService() throws Exception {
        HttpResponse<String> response = Wire.send(Wire.withBasicAuth(getStatus(), "cora", "s3cret"));

        assertThat(Wire.Status.of(response).status()).isEqualTo("NotFound");
    }

    @Test
    void everyPathIsProtected() throws Exception {
        assertUnauthorized(Wire.get(URI.create(simulator.endpointUrl() + "?wsdl")), "SequenceServices");
        assertUnauthorized(Wire.get(simulator.endpointUrl().resolve("/elsewhere")), "SequenceServices");
        HttpResponse<String> wsdl = Wire.send(Wire.withBasicAuth(
                HttpRequest.newBuilder(URI.create(simulator.endpointUrl() + "?wsdl"))
                        .timeout(Duration.ofSeconds(10)),
                "cora",
                "s3cret"));
        assertThat(wsdl.statusCode()).isEqualTo(200);
    }

    @Test
    void realmDefaultsToTheHost() throws Exception {
        try (CoraOcrSimulator defaultRealm =
                CoraOcrSimulator.builder().basicAuth("u", "p").start()) {
            assertUnauthorized(Wire.getStatus11(defaultRealm, 1), "127.0.0.1");
        }
    }

    private static HttpRequest.Builder getStatus() {
        return Wire.soap11(simulator.endpointUrl(), "GetStatus", Wire.getStatusEnvelope(SOAP11, 1L));
    }

    private static void assertUnauthorized(HttpResponse<String> response, String realm) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Basic realm=\"" + realm + "\"");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html");
        assertThat(response.body())
                .contains("<title>401 - Unauthorized: Access is denied due to invalid credentials.</title>");
    }
}
