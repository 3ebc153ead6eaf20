package io.jenkins.plugins.coraocr.simulator;

import java.util.Map;

/** HTML bodies shaped like the ones IIS and HTTP.sys send, so clients meet what they would meet in production. */
final class IisPages {

    static final String HTTP_SYS_CONTENT_TYPE = "text/html; charset=us-ascii";
    static final String IIS_CONTENT_TYPE = "text/html";

    /** IIS's reason phrases for the error statuses a script may send; the RFCs' for the codes IIS has none for. */
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(400, "Bad Request"),
            Map.entry(401, "Unauthorized"),
            Map.entry(402, "Payment Required"),
            Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"),
            Map.entry(405, "Method Not Allowed"),
            Map.entry(406, "Not Acceptable"),
            Map.entry(407, "Proxy Authentication Required"),
            Map.entry(408, "Request Timeout"),
            Map.entry(409, "Conflict"),
            Map.entry(410, "Gone"),
            Map.entry(411, "Length Required"),
            Map.entry(412, "Precondition Failed"),
            Map.entry(413, "Request Entity Too Large"),
            Map.entry(414, "Request-URI Too Long"),
            Map.entry(415, "Unsupported Media Type"),
            Map.entry(416, "Requested Range Not Satisfiable"),
            Map.entry(417, "Expectation Failed"),
            Map.entry(422, "Unprocessable Entity"),
            Map.entry(423, "Locked"),
            Map.entry(421, "Misdirected Request"),
            Map.entry(424, "Failed Dependency"),
            Map.entry(426, "Upgrade Required"),
            Map.entry(428, "Precondition Required"),
            Map.entry(429, "Too Many Requests"),
            Map.entry(431, "Request Header Fields Too Large"),
            Map.entry(451, "Unavailable For Legal Reasons"),
            Map.entry(500, "Internal Server Error"),
            Map.entry(501, "Not Implemented"),
            Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"),
            Map.entry(504, "Gateway Timeout"),
            Map.entry(505, "HTTP Version Not Supported"),
            Map.entry(507, "Insufficient Storage"),
            Map.entry(508, "Loop Detected"),
            Map.entry(510, "Not Extended"),
            Map.entry(511, "Network Authentication Required"));

    private static final Map<Integer, String> HTTP_SYS_SENTENCES = Map.of(
            400, "The request is badly formed.",
            404, "The requested resource is not found.",
            500, "The server encountered an internal error.",
            502, "The gateway received an invalid response.",
            503, "The service is unavailable.",
            504, "The gateway timed out.");

    private IisPages() {}

    /** What HTTP.sys answers itself, e.g. 503 while the application pool is stopped. */
    static String httpSysError(int status) {
        String reason = REASONS.getOrDefault(status, Integer.toString(status));
        String sentence = HTTP_SYS_SENTENCES.getOrDefault(status, reason + ".");
        return "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\"\"http://www.w3.org/TR/html4/strict.dtd\">\r\n"
                + "<HTML><HEAD><TITLE>" + reason + "</TITLE>\r\n"
                + "<META HTTP-EQUIV=\"Content-Type\" Content=\"text/html; charset=us-ascii\"></HEAD>\r\n"
                + "<BODY><h2>" + reason + "</h2>\r\n"
                + "<hr><p>HTTP Error " + status + ". " + sentence + "</p>\r\n"
                + "</BODY></HTML>\r\n";
    }

    static String unauthorized() {
        return iisError(
                "401 - Unauthorized: Access is denied due to invalid credentials.",
                "You do not have permission to view this directory or page using the credentials that you supplied.");
    }

    static String notFound() {
        return iisError(
                "404 - File or directory not found.",
                "The resource you are looking for might have been removed, had its name changed, or is temporarily unavailable.");
    }

    static String methodNotAllowed() {
        return iisError(
                "405 - HTTP verb used to access this page is not allowed.",
                "The page you are looking for cannot be displayed because an invalid method (HTTP verb) was used to attempt access.");
    }

    /** The service page ASMX shows for a plain GET of the .asmx URL. */
    static String serviceHelp() {
        return "<html>\r\n<head><title>CoraOcrIntegration Web Service</title></head>\r\n<body>\r\n"
                + "<h1>CoraOcrIntegration</h1>\r\n"
                + "<p>The following operations are supported. For a formal definition, please review the "
                + "<a href=\"coraOcrIntegration_v1.0.0.asmx?WSDL\">Service Description</a>.</p>\r\n"
                + "<ul>\r\n<li><a href=\"coraOcrIntegration_v1.0.0.asmx?op=FileBatch\">FileBatch</a></li>\r\n"
                + "<li><a href=\"coraOcrIntegration_v1.0.0.asmx?op=GetStatus\">GetStatus</a></li>\r\n</ul>\r\n"
                + "</body>\r\n</html>\r\n";
    }

    private static String iisError(String title, String explanation) {
        return "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">\r\n"
                + "<html xmlns=\"http://www.w3.org/1999/xhtml\">\r\n<head>\r\n"
                + "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"/>\r\n"
                + "<title>" + title + "</title>\r\n"
                + "<style type=\"text/css\">\r\n<!--\r\n"
                + "body{margin:0;font-size:.7em;font-family:Verdana, Arial, Helvetica, sans-serif;background:#EEEEEE;}\r\n"
                + "fieldset{padding:0 15px 10px 15px;}\r\nh1{font-size:2.4em;margin:0;color:#FFF;}\r\n"
                + "h2{font-size:1.7em;margin:0;color:#CC0000;}\r\nh3{font-size:1.2em;margin:10px 0 0 0;color:#000000;}\r\n"
                + "#header{width:96%;margin:0 0 0 0;padding:6px 2% 6px 2%;font-family:\"trebuchet MS\", Verdana, sans-serif;"
                + "color:#FFF;background-color:#555555;}\r\n"
                + "#content{margin:0 0 0 2%;position:relative;}\r\n"
                + ".content-container{background:#FFF;width:96%;margin-top:8px;padding:10px;position:relative;}\r\n"
                + "-->\r\n</style>\r\n</head>\r\n<body>\r\n"
                + "<div id=\"header\"><h1>Server Error</h1></div>\r\n"
                + "<div id=\"content\">\r\n <div class=\"content-container\"><fieldset>\r\n"
                + "  <h2>" + title + "</h2>\r\n"
                + "  <h3>" + explanation + "</h3>\r\n"
                + " </fieldset></div>\r\n</div>\r\n</body>\r\n</html>\r\n";
    }
}
