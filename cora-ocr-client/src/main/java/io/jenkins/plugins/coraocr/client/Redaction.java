package io.jenkins.plugins.coraocr.client;

/**
 * Last line of defence for the password: a server can echo request headers into a fault or an
 * error page, and whatever it says ends up in an exception message.
 */
final class Redaction {
    private static final String MASK = "****";

    private final String password;
    private final String basicToken;

    Redaction(String password, String basicToken) {
        this.password = password == null || password.isEmpty() ? null : password;
        this.basicToken = basicToken;
    }

    CoraOcrException apply(CoraOcrException failure) {
        String detail = failure.detail();
        String cleaned = clean(detail);
        if (cleaned.equals(detail)) {
            return failure;
        }
        if (failure instanceof ServiceFaultException) {
            ServiceFaultException fault = (ServiceFaultException) failure;
            return new ServiceFaultException(
                    fault.endpoint(),
                    fault.workflowId(),
                    fault.httpStatus(),
                    clean(fault.faultCode()),
                    clean(fault.faultString()));
        }
        if (failure instanceof TransientServiceException) {
            return new TransientServiceException(
                    failure.endpoint(),
                    failure.workflowId(),
                    ((TransientServiceException) failure).httpStatus(),
                    cleaned,
                    null);
        }
        if (failure instanceof AuthenticationRejectedException) {
            AuthenticationRejectedException auth = (AuthenticationRejectedException) failure;
            return new AuthenticationRejectedException(
                    auth.endpoint(), auth.workflowId(), auth.httpStatus(), auth.challenges(), cleaned);
        }
        if (failure instanceof EndpointNotFoundException) {
            return new EndpointNotFoundException(
                    failure.endpoint(),
                    failure.workflowId(),
                    ((EndpointNotFoundException) failure).httpStatus(),
                    cleaned);
        }
        return new ProtocolViolationException(failure.endpoint(), failure.workflowId(), cleaned, null);
    }

    String clean(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        if (basicToken != null) {
            result = result.replace(basicToken.substring("Basic ".length()), MASK);
        }
        if (password != null) {
            result = result.replace(password, MASK);
        }
        return result;
    }
}
