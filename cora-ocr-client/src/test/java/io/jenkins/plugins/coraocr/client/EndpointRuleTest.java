package io.jenkins.plugins.coraocr.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointRuleTest {
    @ParameterizedTest
    @CsvSource({
        "https://cora.example.com, https://cora.example.com/SequenceServices/coraOcrIntegration_v1.0.0.asmx",
        "https://cora.example.com/, https://cora.example.com/SequenceServices/coraOcrIntegration_v1.0.0.asmx",
        "http://cora.example.com:8080, http://cora.example.com:8080/SequenceServices/coraOcrIntegration_v1.0.0.asmx",
        "HTTPS://Cora.Example.com, https://Cora.Example.com/SequenceServices/coraOcrIntegration_v1.0.0.asmx",
        "https://cora.example.com/custom/ocr.asmx, https://cora.example.com/custom/ocr.asmx",
        "'  https://cora.example.com/SequenceServices/coraOcrIntegration_v1.0.0.asmx  ', https://cora.example.com/SequenceServices/coraOcrIntegration_v1.0.0.asmx",
    })
    void appendsTheServicePathOnlyWhenThePathIsEmpty(String given, String expected) {
        assertThat(CoraOcrClient.resolveEndpoint(given)).hasToString(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ftp://cora.example.com | must start with http:// or https://",
                "cora.example.com | has no scheme: write https://cora.example.com",
                "127.0.0.1:8089 | has no scheme: write https://127.0.0.1:8089",
                "http://127.0.0.1:99999 | has the port 99999, but a port is a number from 1 to 65535",
                "http://127.0.0.1:0 | has the port 0, but a port is a number from 1 to 65535",
                "https:///SequenceServices/x.asmx | has no host name",
                "https://cora.example.com/x.asmx#part | must not contain a #fragment",
                "https://cora example.com | is not a valid URL",
                "' ' | server URL is required",
            })
    void rejectsUrlsThatCannotReachTheService(String given, String problem) {
        assertThatThrownBy(() -> CoraOcrClient.builder(given).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem);
    }

    @ParameterizedTest
    @CsvSource({
        "https://admin:hunter2@cora.example.com",
        "ftp://admin:hunter2@cora.example.com",
        "https://admin:hun ter2@cora.example.com",
        "admin:hunter2@cora.example.com:8089",
        "http:/admin:hunter2@cora.example.com",
        "https://admin:hun/ter2@cora.example.com",
        "https://admin:hun?ter2@cora.example.com",
        "https://admin:hun#ter2@cora.example.com"
    })
    void rejectsCredentialsInTheUrlWithoutRepeatingThem(String given) {
        assertThatThrownBy(() -> CoraOcrClient.resolveEndpoint(given))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("hun")
                .hasMessageNotContaining("ter2")
                .hasMessageContaining("****@cora.example.com");
    }
}
