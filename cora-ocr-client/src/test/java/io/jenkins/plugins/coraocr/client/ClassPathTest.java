package io.jenkins.plugins.coraocr.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * What the client leaves out, so that the plugin need not bundle it: every test of this module runs on
 * this class path, so they all show the client works without it.
 */
class ClassPathTest {
    @Test
    void asmIsNotNeededByAPayloadModeDispatch() {
        assertThatThrownBy(() -> Class.forName("org.objectweb.asm.ClassWriter"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void cxfsHttpTransportIsNotUsed() {
        assertThatThrownBy(() -> Class.forName("org.apache.cxf.transport.http.HTTPConduit"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void wsAddressingAndWsPolicyAreNotNeeded() {
        assertThatThrownBy(() -> Class.forName("org.apache.cxf.ws.policy.PolicyEngine"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.apache.cxf.ws.addressing.impl.AddressingFeatureApplier"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
