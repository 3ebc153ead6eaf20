package io.jenkins.plugins.coraocr.client;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/** Named in the test class path's cxf.xml: marks every request of a bus that read that file. */
public final class MarkingInterceptor extends AbstractPhaseInterceptor<Message> {
    static final String HEADER = "X-From-Cxf-Xml";

    public MarkingInterceptor() {
        super(Phase.PRE_STREAM);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void handleMessage(Message message) {
        Map<String, List<String>> headers = (Map<String, List<String>>) message.get(Message.PROTOCOL_HEADERS);
        if (headers == null) {
            headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            message.put(Message.PROTOCOL_HEADERS, headers);
        }
        headers.put(HEADER, List.of("applied"));
    }
}
