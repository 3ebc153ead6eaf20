package io.jenkins.plugins.coraocr.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.bus.spring.SpringBusFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jenkins core carries Spring's context classes. With them on the class path, CXF's default bus factory is
 * the Spring one, which applies any cxf.xml it finds; the client's bus must be a plain one all the same.
 */
class SpringBusFactoryTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    @Test
    void springOnTheClassPathMakesCxfsDefaultFactoryApplyCxfXml() {
        assertThat(BusFactory.newInstance()).isInstanceOf(SpringBusFactory.class);
        Bus springBus = BusFactory.newInstance().createBus();
        try {
            assertThat(springBus.getOutInterceptors()).anyMatch(MarkingInterceptor.class::isInstance);
        } finally {
            springBus.shutdown(true);
        }
    }

    @Test
    void theClientsBusIgnoresCxfXml() throws Exception {
        server.stubFor(post(anyUrl())
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml; charset=utf-8")
                        .withBody(Envelopes.soap11(Envelopes.wrapped("Queued", "NoError", null)))));
        try (CoraOcrClient client = CoraOcrClient.builder(server.baseUrl()).build()) {
            assertThat(client.getStatus(3).rawStatus()).isEqualTo("Queued");
        }
        assertThat(server.findAll(anyRequestedFor(anyUrl())))
                .singleElement()
                .satisfies(request -> assertThat(request.containsHeader(MarkingInterceptor.HEADER))
                        .isFalse());
    }
}
