package io.jenkins.plugins.coraocr.client.testing;

import java.util.Objects;

/** One header line as it travelled, name spelled as the sender spelled it. */
public record HttpHeader(String name, String value) {
    public HttpHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    boolean is(String otherName) {
        return name.equalsIgnoreCase(otherName);
    }
}
