package io.jenkins.plugins.coraocr.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    @Test
    void closingFreesThePort() throws Exception {
        CoraOcrSimulator simulator = CoraOcrSimulator.start();
        int port = simulator.port();
        Wire.getStatus11(simulator, 1);

        simulator.close();

        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void aClosedPortCanBeServedAgainByANewSimulator() throws Exception {
        int port;
        try (CoraOcrSimulator first = CoraOcrSimulator.start()) {
            port = first.port();
            first.script(3, WorkflowScript.builder().status("Failed").build());
            assertThat(Wire.Status.of(Wire.getStatus11(first, 3)).status()).isEqualTo("Failed");
        }
        try (CoraOcrSimulator second = CoraOcrSimulator.builder().port(port).start()) {
            assertThat(second.port()).isEqualTo(port);
            assertThat(Wire.Status.of(Wire.getStatus11(second, 3)).status()).isEqualTo("NotFound");
        }
    }

    @Test
    void simulatorsSideBySideAreIndependent() throws Exception {
        try (CoraOcrSimulator one = CoraOcrSimulator.start();
                CoraOcrSimulator two = CoraOcrSimulator.start()) {
            assertThat(one.port()).isNotEqualTo(two.port());
            one.script(9, WorkflowScript.builder().status("Completed").build());
            two.script(9, WorkflowScript.builder().status("Aborted").build());

            assertThat(Wire.Status.of(Wire.getStatus11(one, 9)).status()).isEqualTo("Completed");
            assertThat(Wire.Status.of(Wire.getStatus12(two, 9)).status()).isEqualTo("Aborted");
            assertThat(one.requests()).hasSize(1);
            assertThat(two.requests()).hasSize(1);

            one.close();
            assertThatThrownBy(() -> Wire.getStatus11(one, 9)).isInstanceOf(IOException.class);
            assertThat(Wire.Status.of(Wire.getStatus11(two, 9)).status()).isEqualTo("Aborted");
        }
    }

    @Test
    void closeTwiceIsHarmless() {
        CoraOcrSimulator simulator = CoraOcrSimulator.start();
        simulator.close();
        simulator.close();
    }

    @Test
    void aWarmStartTakesWellUnderASecond() {
        CoraOcrSimulator.start().close();

        long started = System.nanoTime();
        try (CoraOcrSimulator simulator = CoraOcrSimulator.start()) {
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void aTakenPortIsReported() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> CoraOcrSimulator.builder()
                            .port(taken.getLocalPort())
                            .start())
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }
}
