package io.jenkins.plugins.coraocr.simulator;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * CXF logs every endpoint start and every SOAP 1.2 fault at INFO through java.util.logging; a simulator
 * started per test would flood the console. Only loggers nobody configured are raised to WARNING.
 */
final class QuietLogging {

    // Held strongly: java.util.logging forgets a logger's level once nothing references the logger.
    private static final List<Logger> CHATTY = List.of(
            Logger.getLogger("org.apache.cxf.wsdl.service.factory.ReflectionServiceFactoryBean"),
            Logger.getLogger("org.apache.cxf.endpoint.ServerImpl"),
            Logger.getLogger("org.apache.cxf.binding.soap.interceptor.Soap12FaultOutInterceptor"));

    private QuietLogging() {}

    static synchronized void apply() {
        for (Logger logger : CHATTY) {
            if (logger.getLevel() == null) {
                logger.setLevel(Level.WARNING);
            }
        }
    }
}
