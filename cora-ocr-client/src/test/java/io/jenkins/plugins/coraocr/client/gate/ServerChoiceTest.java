package io.jenkins.plugins.coraocr.client.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerChoiceTest {
    @Test
    void theOnlyServerNeedsNoName() {
        assertThat(ServerChoice.choose(null, List.of("prod"))).isEqualTo("prod");
        assertThat(ServerChoice.choose(" ", List.of("prod"))).isEqualTo("prod");
        assertThat(ServerChoice.choose(" test ", List.of("prod", "test"))).isEqualTo("test");
    }

    @Test
    void everyWrongChoiceIsAnArgumentMistakeThatListsTheChoices() {
        assertThatThrownBy(() -> ServerChoice.choose(null, List.of()))
                .isInstanceOf(ArgumentException.class)
                .hasMessage("server: no Cora OCR server is configured; an administrator adds one under Manage Jenkins"
                        + " » System » Cora OCR");
        assertThatThrownBy(() -> ServerChoice.choose(null, List.of("prod", "test")))
                .isInstanceOf(ArgumentException.class)
                .hasMessage("server: several Cora OCR servers are configured ('prod', 'test'); say which one with"
                        + " server: '<name>'");
        assertThatThrownBy(() -> ServerChoice.choose("qa", List.of("prod", "test")))
                .isInstanceOf(ArgumentException.class)
                .hasMessage("server: no Cora OCR server is named 'qa'; configured servers: 'prod', 'test'");
    }
}
