package io.jenkins.plugins.coraocr.cli;

import io.jenkins.plugins.coraocr.client.SoapVersion;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code 1.1} or {@code 1.2}. */
final class SoapVersionConverter implements ITypeConverter<SoapVersion> {
    @Override
    public SoapVersion convert(String text) {
        try {
            return SoapVersion.fromLabel(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
