package io.jenkins.plugins.coraocr.simulator;

/**
 * Who a SOAP fault blames. ASMX writes {@code soap:Client} / {@code soap:Server} in SOAP 1.1 and
 * {@code soap:Sender} / {@code soap:Receiver} in SOAP 1.2.
 */
public enum FaultCode {
    CLIENT,
    SERVER
}
