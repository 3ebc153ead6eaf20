package io.jenkins.plugins.coraocr.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageImpl;
import org.apache.cxf.transport.AbstractConduit;
import org.apache.cxf.ws.addressing.EndpointReferenceType;

/**
 * Carries the Dispatch's SOAP messages over {@link HttpTransport} instead of CXF's HTTP transport, so
 * that this client alone decides about connections, logons, proxies, trust and timeouts. The request is
 * buffered (a GetStatus envelope is a few hundred bytes); closing it sends it, reads the whole answer and
 * hands that to CXF. An answer that cannot be a SOAP response never reaches the XML parser.
 */
final class CoraConduit extends AbstractConduit {
    private static final Logger LOG = Logger.getLogger(CoraConduit.class.getName());
    /** Request-context key of the call's {@link InFlight}; CXF copies the request context into the message. */
    static final String IN_FLIGHT = InFlight.class.getName();

    private final HttpTransport transport;

    CoraConduit(HttpTransport transport) {
        super(new EndpointReferenceType());
        this.transport = transport;
    }

    @Override
    public void prepare(Message message) {
        message.setContent(java.io.OutputStream.class, new RequestBody(message));
    }

    @Override
    protected Logger getLogger() {
        return LOG;
    }

    private void send(Message request, byte[] body) throws IOException {
        InFlight flight = (InFlight) request.get(IN_FLIGHT);
        if (flight == null) {
            throw new IllegalStateException("a call without its InFlight");
        }
        HttpTransport.Answer answer = transport.exchange(flight, body, contentType(request), protocolHeaders(request));
        if (!answer.facts().looksLikeSoap()) {
            throw new UnusableAnswer(answer.facts());
        }
        Exchange exchange = request.getExchange();
        Message response = new MessageImpl();
        response.setExchange(exchange);
        response.put(Message.RESPONSE_CODE, answer.facts().httpStatus());
        response.put(Message.CONTENT_TYPE, answer.facts().contentType());
        response.put(Message.ENCODING, charset(answer.facts()));
        response.setContent(java.io.InputStream.class, new ByteArrayInputStream(answer.body()));
        exchange.setInMessage(response);
        incomingObserver.onMessage(response);
    }

    /** As CXF's HTTP transport writes it: the binding's type (with the SOAP 1.2 action), then the charset. */
    private static String contentType(Message request) {
        String type = (String) request.get(Message.CONTENT_TYPE);
        String encoding = (String) request.get(Message.ENCODING);
        if (type == null) {
            type = "text/xml";
        }
        return encoding != null && !type.toLowerCase(Locale.ROOT).contains("charset=")
                ? type + "; charset=" + encoding
                : type;
    }

    /** The headers the SOAP binding set, such as SOAP 1.1's SOAPAction. */
    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> protocolHeaders(Message request) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Object raw = request.get(Message.PROTOCOL_HEADERS);
        if (raw instanceof Map) {
            ((Map<String, List<String>>) raw).forEach((name, values) -> {
                if (name != null && values != null && !name.equalsIgnoreCase("Content-Type")) {
                    headers.put(name, values);
                }
            });
        }
        return headers;
    }

    /** The answer's charset for the XML reader, or null to let it read the XML declaration. */
    private static String charset(ResponseFacts facts) throws IOException {
        String type = facts.contentType();
        if (type == null) {
            return null;
        }
        for (String parameter : type.split(";")) {
            String trimmed = parameter.trim();
            if (trimmed.regionMatches(true, 0, "charset=", 0, 8)) {
                String name = trimmed.substring(8).replace("\"", "").trim();
                try {
                    return Charset.forName(name).name();
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw new IOException(new UnusableCharset(name));
                }
            }
        }
        return null;
    }

    /** Sends on close, as CXF closes the message's stream once the envelope is written. */
    private final class RequestBody extends ByteArrayOutputStream {
        private final Message message;
        private boolean sent;

        RequestBody(Message message) {
            super(1024);
            this.message = message;
        }

        @Override
        public void close() throws IOException {
            if (!sent) {
                sent = true;
                send(message, toByteArray());
            }
        }
    }

    /** An answer in a charset this JVM cannot read; it travels as the cause of the IOException. */
    static final class UnusableCharset extends Exception {
        private static final long serialVersionUID = 1L;

        UnusableCharset(String charset) {
            super(charset, null, false, false);
        }
    }
}
