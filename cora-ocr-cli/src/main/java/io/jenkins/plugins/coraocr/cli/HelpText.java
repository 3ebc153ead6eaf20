package io.jenkins.plugins.coraocr.cli;

/**
 * Help text that several commands print; constants, because picocli takes it from annotations. Each line
 * fits in 80 columns: picocli would wrap a longer one at any dot, as in "-Dhttps. proxyHost".
 */
final class HelpText {
    /** As a footer heading, which picocli ends with the first footer line. */
    static final String ENVIRONMENT_HEADING = "%nEnvironment:%n";
    /** As a footer line of its own. */
    static final String ENVIRONMENT = "%nEnvironment:";

    static final String URL = "  CORA_OCR_URL             the server, when --url is not given";
    static final String USER = "  CORA_OCR_USER            the user, when --user is not given";
    static final String PASSWORD = "  CORA_OCR_PASSWORD        the password, without --password-env/--password-file";
    static final String AUTH = "  CORA_OCR_AUTH            basic or ntlm, when --auth is not given";
    static final String CA_FILE = "  CORA_OCR_CA_FILE         the CA certificates file, when --ca-file is not given";
    static final String PROXY_PASSWORD = "  CORA_OCR_PROXY_PASSWORD  the password of the proxy user";
    static final String PROXY_1 = "%nThe proxy is the first of:";
    static final String PROXY_2 = "  1. --proxy http://[user@]host:port (its password: CORA_OCR_PROXY_PASSWORD)";
    static final String PROXY_3 = "  2. https_proxy or HTTPS_PROXY for https URLs, http_proxy for http URLs";
    static final String PROXY_4 = "     (HTTP_PROXY is ignored, as curl does); they may carry user:password@";
    static final String PROXY_5 = "  3. -Dhttps.proxyHost/-Dhttps.proxyPort or -Dhttp.proxyHost/-Dhttp.proxyPort";
    static final String PROXY_6 = "Hosts reached without it: --no-proxy, else no_proxy or NO_PROXY, else (for";
    static final String PROXY_7 = "a proxy from -D properties) -Dhttp.nonProxyHosts.";

    private HelpText() {}
}
