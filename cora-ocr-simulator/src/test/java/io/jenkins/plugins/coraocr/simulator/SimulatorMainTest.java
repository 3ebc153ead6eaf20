package io.jenkins.plugins.coraocr.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorMainTest {

    @Test
    void argumentsConfigureTheSimulatorAndThePasswordComesFromTheEnvironment() throws Exception {
        String[] args = {
            "--port", "0", "--scenario", "examples/scenario.json", "--user", "cora", "--password-env", "CORA_PW"
        };

        try (CoraOcrSimulator simulator =
                SimulatorMain.builder(args, Map.of("CORA_PW", "pw")).start()) {
            assertThat(simulator.endpointUrl().getHost()).isEqualTo("127.0.0.1");
            assertThat(Wire.getStatus11(simulator, 42).statusCode()).isEqualTo(401);
            HttpResponse<String> response = Wire.send(Wire.withBasicAuth(
                    Wire.soap11(simulator.endpointUrl(), "GetStatus", Wire.getStatusEnvelope(Wire.SOAP11, 42L)),
                    "cora",
                    "pw"));
            assertThat(Wire.Status.of(response).status()).isEqualTo("Queued");
        }
    }

    @Test
    void badArgumentsAreExplained() {
        assertThatThrownBy(() -> SimulatorMain.builder(new String[] {"--port"}, Map.of()))
                .hasMessage("missing value after --port");
        assertThatThrownBy(() -> SimulatorMain.builder(new String[] {"--port", "x"}, Map.of()))
                .hasMessage("--port needs a number, not x");
        assertThatThrownBy(() -> SimulatorMain.builder(new String[] {"--colour", "red"}, Map.of()))
                .hasMessage("unknown option --colour");
        assertThatThrownBy(() -> SimulatorMain.builder(new String[] {"--user", "u"}, Map.of()))
                .hasMessage("--user and --password-env go together");
        assertThatThrownBy(
                        () -> SimulatorMain.builder(new String[] {"--user", "u", "--password-env", "NOPE"}, Map.of()))
                .hasMessage("environment variable NOPE is not set");
    }
}
