package io.jenkins.plugins.coraocr.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * First in-interceptor of every answer: records the HTTP facts where the client finds them after
 * the call, reads the whole body eagerly and within the size limit, and refuses to let anything
 * that cannot be SOAP reach the XML parser.
 */
final class ResponseCapture extends AbstractPhaseInterceptor<Message> {
    /**
     * Request-context key of the per-call holder the facts go into. CXF copies the request
     * context into the outgoing message, so the caller's own holder is reachable from here; CXF's
     * response context is not filled when the in-chain fails.
     */
    static final String FACTS_HOLDER = ResponseFacts.class.getName();

    static final int MAX_BODY_BYTES = 1024 * 1024;

    private static final byte[] DOCTYPE = "<!doctype".getBytes(StandardCharsets.US_ASCII);

    ResponseCapture() {
        super(Phase.RECEIVE);
    }

    @Override
    public void handleMessage(Message message) {
        int status = message.get(Message.RESPONSE_CODE) instanceof Integer
                ? (Integer) message.get(Message.RESPONSE_CODE)
                : -1;
        Map<String, List<String>> headers = headers(message);
        String contentType = first(headers, "Content-Type");
        if (contentType == null && message.get(Message.CONTENT_TYPE) instanceof String) {
            contentType = (String) message.get(Message.CONTENT_TYPE);
        }
        List<String> challenges = headers.getOrDefault("WWW-Authenticate", List.of());
        String location = first(headers, "Location");

        byte[] body = null;
        boolean tooLarge = declaredLength(headers) > MAX_BODY_BYTES;
        if (!tooLarge) {
            try {
                body = readAtMost(message.getContent(InputStream.class), MAX_BODY_BYTES);
            } catch (IOException e) {
                throw new Fault(e);
            }
            tooLarge = body == null;
        }
        ResponseFacts facts = new ResponseFacts(
                status, contentType, challenges, location, tooLarge, body != null && containsDoctype(body));
        holder(message).set(facts);
        if (!facts.looksLikeSoap()) {
            throw new Fault(new UnusableAnswer(facts));
        }
        message.setContent(InputStream.class, new ByteArrayInputStream(body));
    }

    @SuppressWarnings("unchecked")
    private static AtomicReference<ResponseFacts> holder(Message message) {
        Message request =
                message.getExchange() == null ? null : message.getExchange().getOutMessage();
        Object holder = request == null ? null : request.get(FACTS_HOLDER);
        return holder instanceof AtomicReference ? (AtomicReference<ResponseFacts>) holder : new AtomicReference<>();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> headers(Message message) {
        Map<String, List<String>> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Object raw = message.get(Message.PROTOCOL_HEADERS);
        if (raw instanceof Map) {
            ((Map<String, List<String>>) raw).forEach((name, values) -> {
                if (name != null && values != null) {
                    caseInsensitive.put(name, values);
                }
            });
        }
        return caseInsensitive;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static long declaredLength(Map<String, List<String>> headers) {
        String length = first(headers, "Content-Length");
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The whole stream, or null when it holds more than {@code limit} bytes. */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buffer = new byte[8192];
        int total = 0;
        for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
            total += n;
            if (total > limit) {
                in.close();
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static boolean containsDoctype(byte[] body) {
        // ASMX answers in UTF-8, where the marker is plain ASCII; a DOCTYPE in another encoding still
        // meets the parser's own refusal of DTDs.
        outer:
        for (int i = 0; i + DOCTYPE.length <= body.length; i++) {
            for (int j = 0; j < DOCTYPE.length; j++) {
                byte b = body[i + j];
                if (b >= 'A' && b <= 'Z') {
                    b = (byte) (b + ('a' - 'A'));
                }
                if (b != DOCTYPE[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
