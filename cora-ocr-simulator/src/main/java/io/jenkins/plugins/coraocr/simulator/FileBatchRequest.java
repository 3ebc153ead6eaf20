package io.jenkins.plugins.coraocr.simulator;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * What the simulator uses of a FileBatch call, once ASMX's checks have passed: the robot's parts (files, profile,
 * TimeOut) must be there and well-formed, but a simulated workflow does not use them.
 */
record FileBatchRequest(String externalContext) {

    private static final List<String> FILE_REFERENCES = List.of("InputFile", "OutPutFile");
    private static final List<String> FILE_REFERENCE_PARTS = List.of("Connection", "RelativeLocation", "FileName");

    /**
     * @param fileBatch the body element, or null when the body has none
     * @throws AsmxFault naming every missing part at once, or a TimeOut that is not an int
     */
    static FileBatchRequest read(Element fileBatch) throws AsmxFault {
        List<String> missing = new ArrayList<>();
        Element timeOut = required(fileBatch, "TimeOut", missing);
        for (String reference : FILE_REFERENCES) {
            Element file = required(fileBatch, reference, missing);
            if (file != null) {
                for (String part : FILE_REFERENCE_PARTS) {
                    if (child(file, part) == null) {
                        missing.add(reference + "/" + part);
                    }
                }
            }
        }
        required(fileBatch, "OCRProfile", missing);
        required(fileBatch, "PutModel", missing);
        if (!missing.isEmpty()) {
            throw new AsmxFault(
                    AsmxFault.Code.CLIENT,
                    "Server was unable to process request. ---> FileBatch is missing required parts: "
                            + String.join(", ", missing) + ".");
        }
        String timeOutText = timeOut.getTextContent();
        try {
            Integer.parseInt(timeOutText.trim());
        } catch (NumberFormatException e) {
            throw new AsmxFault(
                    AsmxFault.Code.CLIENT,
                    "Server was unable to read request. ---> There is an error in XML document. ---> "
                            + "Input string was not in a correct format: TimeOut '" + timeOutText + "'.");
        }
        Element externalContext = child(fileBatch, "ExternalContext");
        return new FileBatchRequest(externalContext == null ? null : externalContext.getTextContent());
    }

    private static Element required(Element parent, String name, List<String> missing) {
        Element element = parent == null ? null : child(parent, name);
        if (element == null) {
            missing.add(name);
        }
        return element;
    }

    private static Element child(Element parent, String localName) {
        return SoapRequest.child(parent, CoraOcrWire.NAMESPACE, localName);
    }
}
