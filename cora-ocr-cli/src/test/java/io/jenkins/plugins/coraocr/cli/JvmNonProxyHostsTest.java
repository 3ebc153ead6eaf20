package io.jenkins.plugins.coraocr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JVM's nonProxyHosts patterns, and the closest NO_PROXY list each becomes. */
class JvmNonProxyHostsTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "localhost|127.*|[::1]|0.0.0.0|[::0]; localhost,127.0.0.0/8,::1,0.0.0.0,::0; ",
                "*.example.com; .example.com; ",
                "*example.com|Build.Example.COM; example.com,build.example.com; ",
                "10.*|192.168.*|172.16.5.*; 10.0.0.0/8,192.168.0.0/16,172.16.5.0/24; ",
                "*; *; ",
                "build*.example.com|cora.example.com|10.*.1.1; cora.example.com; build*.example.com|10.*.1.1",
                " | |; ; "
            })
    void convertsWhatHasAnEquivalentAndListsTheRest(String patterns, String list, String unusable) {
        JvmNonProxyHosts converted = JvmNonProxyHosts.convert(patterns);

        assertThat(converted.list().toString()).isEqualTo(list == null ? "" : list);
        assertThat(String.join("|", converted.unusable())).isEqualTo(unusable == null ? "" : unusable);
    }

    @ParameterizedTest
    @CsvSource({"localhost, true", "127.0.0.1, true", "127.1.2.3, true", "::1, true", "cora.example.com, false"})
    void withoutThePropertyTheJdkDefaultApplies(String host, boolean bypassed) {
        assertThat(JvmNonProxyHosts.convert(null).list().matches(host)).isEqualTo(bypassed);
    }
}
