package io.jenkins.plugins.coraocr.simulator;

/**
 * A request ASMX answers with a SOAP fault, found while reading or checking it. {@link AsmxHandler} writes it in
 * the request's SOAP version. It is the expected answer, not an error of the simulator, so it has no stack trace.
 */
final class AsmxFault extends Exception {

    private static final long serialVersionUID = 1L;

    /** The fault codes ASMX writes, as the qualified names of SOAP 1.1 and of SOAP 1.2. */
    enum Code {
        CLIENT("soap:Client", "soap:Sender"),
        SERVER("soap:Server", "soap:Receiver"),
        VERSION_MISMATCH("soap:VersionMismatch", "soap:VersionMismatch");

        private final String soap11;
        private final String soap12;

        Code(String soap11, String soap12) {
            this.soap11 = soap11;
            this.soap12 = soap12;
        }

        String qualifiedName(boolean soap12) {
            return soap12 ? this.soap12 : soap11;
        }

        static Code of(FaultCode faultCode) {
            return faultCode == FaultCode.CLIENT ? CLIENT : SERVER;
        }
    }

    private final Code code;

    AsmxFault(Code code, String faultString) {
        super(faultString, null, false, false);
        this.code = code;
    }

    Code code() {
        return code;
    }

    String faultString() {
        return getMessage();
    }
}
