package io.jenkins.plugins.coraocr.simulator;

import java.util.Objects;

/** What the simulator answers to one GetStatus poll. */
public sealed interface Outcome {

    /** A regular GetStatus answer. Any text is allowed, also values outside the documented lists. */
    record StatusReply(String status, String errorCode, String externalContext) implements Outcome {
        public StatusReply {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(errorCode, "errorCode");
        }
    }

    /** An HTTP error status with an HTML page like the one IIS (HTTP.sys) sends, e.g. 503 while the app pool is down. */
    record HttpError(int httpStatus) implements Outcome {
        public HttpError {
            if (httpStatus < 400 || httpStatus > 599) {
                throw new IllegalArgumentException("an HTTP error status is between 400 and 599, not " + httpStatus);
            }
        }
    }

    /** An HTTP 500 SOAP fault in the request's SOAP version. */
    record SoapFault(FaultCode faultCode, String faultString) implements Outcome {
        public SoapFault {
            Objects.requireNonNull(faultCode, "faultCode");
            Objects.requireNonNull(faultString, "faultString");
        }
    }

    /** HTTP 200 with a SOAP content type and a body that is cut off in the middle of the XML. */
    record MalformedBody() implements Outcome {}

    /** The TCP connection is closed without any HTTP response. */
    record DroppedConnection() implements Outcome {}
}
