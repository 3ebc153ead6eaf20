package io.jenkins.plugins.coraocr.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProxySettingsTest {
    @Test
    void readsProxyUrlsAsCurlDoes() {
        ProxySettings plain = ProxySettings.parseUrl("proxy.corp:3128", false);
        assertThat(plain.host()).isEqualTo("proxy.corp");
        assertThat(plain.port()).isEqualTo(3128);
        assertThat(ProxySettings.parseUrl("http://proxy.corp", false).port()).isEqualTo(1080);
        ProxySettings withUser = ProxySettings.parseUrl("http://CORP%5Cbot@proxy.corp:8080", false);
        assertThat(withUser.username()).isEqualTo("CORP\\bot");
        assertThat(withUser.password()).isEmpty();
        ProxySettings fromEnvironment = ProxySettings.parseUrl("http://bot:s%40cret@proxy.corp:8080/", true);
        assertThat(fromEnvironment.password()).isEqualTo("s@cret");
        assertThat(fromEnvironment).hasToString("http://bot@proxy.corp:8080");
    }

    @ParameterizedTest
    @CsvSource({"http://bot:hunter2@proxy.corp:8080", "bot:hunter2@proxy.corp:8080", "socks5://bot:hunter2@proxy.corp"})
    void aPasswordInAProxyUrlIsNeverRepeated(String url) {
        assertThatThrownBy(() -> ProxySettings.parseUrl(url, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("****@proxy.corp")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aPasswordOnTheCommandLineIsRefused() {
        assertThatThrownBy(() -> ProxySettings.parseUrl("http://bot:hunter2@proxy.corp:8080", false))
                .hasMessageContaining("carries a password");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "socks5://proxy.corp:1080 | only http:// proxies are supported, not socks5://",
                "http://proxy.corp:99999 | proxy port must be between 1 and 65535, got 99999",
                "'' | the proxy URL is empty",
            })
    void badProxyUrlsSayWhatIsWrong(String url, String problem) {
        assertThatThrownBy(() -> ProxySettings.parseUrl(url, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem);
    }

    @ParameterizedTest
    @CsvSource({
        "cora.corp, cora.corp, true",
        "corp, cora.corp, true",
        ".corp, cora.corp, true",
        ".corp, corp, true",
        "*.corp, a.b.corp, true",
        "corp, notcorp, false",
        "10.0.0.0/8, 10.1.2.3, true",
        "10.0.0.0/8, 11.1.2.3, false",
        "192.168.1.7, 192.168.1.7, true",
        "::1, [::1], true",
        "fd00::/8, fd12::1, true",
        "*, anything, true",
    })
    void noProxyMatchesHostsSuffixesAddressesAndRanges(String list, String host, boolean bypassed) {
        assertThat(NoProxyList.parse(list).matches(host)).isEqualTo(bypassed);
    }

    @Test
    void aNoProxyEntryThatIsNoneOfThoseIsNamed() {
        assertThatThrownBy(() -> NoProxyList.parse("cora.corp, 10.0.0.0/99"))
                .hasMessageContaining("'10.0.0.0/99' is not a CIDR range");
        assertThatThrownBy(() -> NoProxyList.parse("http://cora.corp"))
                .hasMessageContaining("'http://cora.corp' is not a host name");
    }
}
