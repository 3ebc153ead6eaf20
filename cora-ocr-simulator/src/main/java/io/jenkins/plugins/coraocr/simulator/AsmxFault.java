package io.jenkins.plugins.coraocr.simulator;

import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapVersion;
import org.apache.cxf.logging.FaultListener;
import org.apache.cxf.message.Message;

/**
 * A fault the simulator raises on purpose, scripted or ASMX-faithful. CXF logs every fault at WARNING with a
 * stack trace; {@link #QUIET} keeps these out of the log because they are the expected behaviour.
 */
final class AsmxFault extends SoapFault {

    private static final long serialVersionUID = 1L;

    static final FaultListener QUIET = AsmxFault::isUnexpected;

    AsmxFault(FaultCode code, String faultString, SoapVersion version) {
        super(faultString, code == FaultCode.CLIENT ? version.getSender() : version.getReceiver());
    }

    private static boolean isUnexpected(Exception exception, String description, Message message) {
        return !(exception instanceof AsmxFault || exception.getCause() instanceof AsmxFault);
    }
}
