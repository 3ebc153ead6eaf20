package io.jenkins.plugins.coraocr.client.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.coraocr.client.Authentication;
import io.jenkins.plugins.coraocr.client.SoapVersion;
import io.jenkins.plugins.coraocr.simulator.CoraOcrSimulator;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One client per server, credential and proxy, closed once nothing configured uses it and no gate holds it. */
class SharedClientsTest {
    private CoraOcrSimulator simulator;
    private ScheduledExecutorService timers;
    private SharedClients clients;

    @BeforeEach
    void start() {
        simulator = CoraOcrSimulator.start();
        timers = Executors.newSingleThreadScheduledExecutor();
        clients = new SharedClients(timers, Executors.newCachedThreadPool(), 2);
    }

    @AfterEach
    void stop() {
        clients.closeAll();
        timers.shutdownNow();
        simulator.close();
    }

    private ServerSettings settings(int readTimeout) {
        return new ServerSettings(
                simulator.endpointUrl().toString(), Authentication.BASIC, null, SoapVersion.SOAP_11, 5, readTimeout);
    }

    @Test
    void theSameServerAndCredentialShareOneClient() throws Exception {
        SharedClients.Lease first = clients.lease("prod", settings(30), "bot", "pw", null);
        SharedClients.Lease second = clients.lease("prod", settings(30), "bot", "pw", null);
        assertThat(second.waiter()).isSameAs(first.waiter());
        assertThat(clients.open()).isEqualTo(1);
    }

    @Test
    void aRotatedPasswordGetsANewClientAndTheOldOneClosesWithItsLastLease() throws Exception {
        SharedClients.Lease before = clients.lease("prod", settings(30), "bot", "old", null);
        SharedClients.Lease after = clients.lease("prod", settings(30), "bot", "new", null);
        assertThat(after.waiter()).isNotSameAs(before.waiter());
        assertThat(clients.open()).isEqualTo(2);

        before.close();
        assertThat(clients.open()).isEqualTo(1);
        assertThat(after.waiter().client().getStatus(1).rawStatus()).isEqualTo("NotFound");
        assertThat(catchThrowable(() -> before.waiter().client().getStatus(1)))
                .as("a closed client refuses calls")
                .isNotNull();
    }

    @Test
    void anEditedOrRemovedServerClosesItsUnusedClientsWhenTheConfigurationChanges() throws Exception {
        clients.lease("prod", settings(30), "bot", "pw", null).close();
        SharedClients.Lease held = clients.lease("test", settings(30), "bot", "pw", null);
        assertThat(clients.open()).isEqualTo(2);

        clients.retain(Map.of("prod", settings(60)));
        assertThat(clients.open())
                .as("prod was edited and is unused; test was removed but is held")
                .isEqualTo(1);
        held.close();
        assertThat(clients.open()).isZero();
    }

    @Test
    void settingsThatCannotMakeAClientAreASetupFailure() {
        assertThatThrownBy(() -> clients.lease("prod", settings(30), "user:with:colons", "pw", null))
                .isInstanceOf(SetupException.class)
                .hasMessage("Cora OCR server 'prod' cannot be used: user name must not contain ':' (HTTP Basic cannot"
                        + " carry it)");
    }
}
