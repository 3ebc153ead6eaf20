package io.jenkins.plugins.coraocr.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** How answers the protocol leaves open are read. */
class GetStatusResponseTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private WorkflowStatus statusFor(SoapVersion version, String payload) throws CoraOcrException {
        boolean soap12 = version == SoapVersion.SOAP_12;
        server.stubFor(post(anyUrl())
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader(
                                "Content-Type",
                                soap12 ? "application/soap+xml; charset=utf-8" : "text/xml; charset=utf-8")
                        .withBody(soap12 ? Envelopes.soap12(payload) : Envelopes.soap11(payload))));
        try (CoraOcrClient client =
                CoraOcrClient.builder(server.baseUrl()).soapVersion(version).build()) {
            return client.getStatus(12);
        }
    }

    @ParameterizedTest
    @EnumSource(SoapVersion.class)
    void readsTheUsualAsmxShapeWithTheResultWrapper(SoapVersion version) throws Exception {
        WorkflowStatus status = statusFor(version, Envelopes.wrapped("Completed", "NoError", "batch 7 of invoices"));
        assertThat(status.status()).isEqualTo(OcrStatus.COMPLETED);
        assertThat(status.errorCode()).isEqualTo(OcrErrorCode.NO_ERROR);
        assertThat(status.externalContext()).contains("batch 7 of invoices");
    }

    @ParameterizedTest
    @EnumSource(SoapVersion.class)
    void readsFieldsDirectlyUnderTheResponse(SoapVersion version) throws Exception {
        WorkflowStatus status = statusFor(version, Envelopes.bare("Failed", "InputFileNotFound", null));
        assertThat(status.status()).isEqualTo(OcrStatus.FAILED);
        assertThat(status.errorCode()).isEqualTo(OcrErrorCode.INPUT_FILE_NOT_FOUND);
        assertThat(status.externalContext()).isEmpty();
    }

    @Test
    void ignoresUnknownElementsAndLookalikesFromOtherNamespaces() throws Exception {
        String payload = "<GetStatusResponse xmlns=\"" + Envelopes.NS + "\"><GetStatusResult>"
                + "<Status xmlns=\"urn:other\">Completed</Status>"
                + "<Progress>40</Progress>"
                + "<Status>\n  ProcessingInput\n</Status><ErrorCode>NoError</ErrorCode>"
                + "<Extra><Status>Failed</Status></Extra>"
                + "</GetStatusResult><Trailer/></GetStatusResponse>";
        WorkflowStatus status = statusFor(SoapVersion.SOAP_11, payload);
        assertThat(status.status()).isEqualTo(OcrStatus.PROCESSING_INPUT);
        assertThat(status.rawStatus()).isEqualTo("ProcessingInput");
    }

    @Test
    void keepsUnrecognisedValuesAsRawText() throws Exception {
        WorkflowStatus status = statusFor(SoapVersion.SOAP_11, Envelopes.wrapped("Paused", "DiskFull", "ctx"));
        assertThat(status.status()).isEqualTo(OcrStatus.UNKNOWN);
        assertThat(status.rawStatus()).isEqualTo("Paused");
        assertThat(status.errorCode()).isEqualTo(OcrErrorCode.UNKNOWN);
        assertThat(status.rawErrorCode()).isEqualTo("DiskFull");
        assertThat(status.isFinal()).isFalse();
    }

    @Test
    void treatsNilExternalContextAsAbsentAndKeepsAnEmptyOne() throws Exception {
        String nil = "<GetStatusResponse xmlns=\"" + Envelopes.NS
                + "\"><GetStatusResult><Status>Queued</Status><ErrorCode>NoError</ErrorCode>"
                + "<ExternalContext xsi:nil=\"true\"/></GetStatusResult></GetStatusResponse>";
        assertThat(statusFor(SoapVersion.SOAP_11, nil).externalContext()).isEmpty();
        assertThat(statusFor(SoapVersion.SOAP_11, Envelopes.wrapped("Queued", "NoError", ""))
                        .externalContext())
                .contains("");
    }

    @Test
    void aMissingStatusIsAProtocolError() {
        assertThatThrownBy(() -> statusFor(SoapVersion.SOAP_11, Envelopes.wrapped(null, "NoError", "ctx")))
                .isInstanceOf(ProtocolViolationException.class)
                .hasMessageContaining("has no Status")
                .satisfies(e -> assertThat(((CoraOcrException) e).isRetryable()).isTrue());
    }

    @Test
    void anotherBodyElementIsAProtocolError() {
        assertThatThrownBy(() -> statusFor(SoapVersion.SOAP_11, "<FileBatchResponse xmlns=\"" + Envelopes.NS + "\"/>"))
                .isInstanceOf(ProtocolViolationException.class)
                .hasMessageContaining("FileBatchResponse instead of GetStatusResponse");
    }

    @Test
    void aMissingErrorCodeIsKeptAsAbsent() throws Exception {
        WorkflowStatus status = statusFor(SoapVersion.SOAP_11, Envelopes.wrapped("Queued", null, null));
        assertThat(status.rawErrorCode()).isNull();
        assertThat(status.errorCode()).isEqualTo(OcrErrorCode.UNKNOWN);
    }
}
