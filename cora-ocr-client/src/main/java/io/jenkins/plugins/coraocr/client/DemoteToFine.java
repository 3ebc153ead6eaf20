package io.jenkins.plugins.coraocr.client;

import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Re-logs a library logger's records at FINE under this package's logger, so that they stay
 * available to whoever turns diagnostics on but never reach a build console. A logger that
 * already has a filter was configured on purpose and is left alone.
 */
final class DemoteToFine implements Filter {
    private static final Logger DIAGNOSTICS = Logger.getLogger(DemoteToFine.class.getPackageName() + ".cxf");

    private DemoteToFine() {}

    static Logger install(String loggerName) {
        Logger logger = Logger.getLogger(loggerName);
        synchronized (DemoteToFine.class) {
            if (logger.getFilter() == null) {
                logger.setFilter(new DemoteToFine());
            }
        }
        return logger;
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record.getLevel().intValue() <= Level.FINE.intValue()) {
            return true;
        }
        if (DIAGNOSTICS.isLoggable(Level.FINE)) {
            LogRecord demoted = new LogRecord(Level.FINE, record.getLoggerName() + ": " + record.getMessage());
            demoted.setParameters(record.getParameters());
            demoted.setResourceBundle(record.getResourceBundle());
            demoted.setThrown(record.getThrown());
            demoted.setLoggerName(DIAGNOSTICS.getName());
            DIAGNOSTICS.log(demoted);
        }
        return false;
    }
}
