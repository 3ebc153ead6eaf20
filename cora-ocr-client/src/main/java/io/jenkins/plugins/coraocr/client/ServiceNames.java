package io.jenkins.plugins.coraocr.client;

import javax.xml.namespace.QName;

/** The names Cora's coraOcrIntegration_v1.0.0.asmx service uses on the wire. */
final class ServiceNames {
    static final String NAMESPACE = "http://genpact.com/cora/orchestration/ocr/1.0.0/api/";
    static final String DEFAULT_PATH = "/SequenceServices/coraOcrIntegration_v1.0.0.asmx";
    static final String GET_STATUS_ACTION = NAMESPACE + "GetStatus";

    static final QName SERVICE = new QName(NAMESPACE, "coraOcrIntegration");
    static final QName PORT = new QName(NAMESPACE, "coraOcrIntegrationSoap");
    static final QName ACTIVITY_METADATA = new QName(NAMESPACE, "ActivityMetadata");

    static final String MASTER_WORKFLOW_INSTANCE_ID = "MasterWorkflowInstanceId";
    static final String GET_STATUS = "GetStatus";
    static final String GET_STATUS_RESPONSE = "GetStatusResponse";
    static final String GET_STATUS_RESULT = "GetStatusResult";
    static final String STATUS = "Status";
    static final String ERROR_CODE = "ErrorCode";
    static final String EXTERNAL_CONTEXT = "ExternalContext";

    private ServiceNames() {}
}
