package io.jenkins.plugins.coraocr.cli;

import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Bad usage or input: the problem in one line and where to find help, instead of the whole usage
 * text; exit code 2.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException problem, String[] args) {
        CommandLine command = problem.getCommandLine();
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        if (triesPasswordOption(problem)) {
            // picocli would echo the unknown option and its value: the password, into a build log.
            err.println(name + ": there is no option that takes a password (it would show in `ps`);"
                    + " use --password-env VAR, --password-file FILE or the " + PasswordSource.PASSWORD_VARIABLE
                    + " variable");
        } else {
            err.println(name + ": " + problem.getMessage());
            UnmatchedArgumentException.printSuggestions(problem, err);
        }
        err.println("Try '" + name + " --help' for more information.");
        err.flush();
        return ExitCodes.USAGE;
    }

    private static boolean triesPasswordOption(ParameterException problem) {
        return problem instanceof UnmatchedArgumentException unmatched
                && unmatched.getUnmatched().stream()
                        .anyMatch(arg -> arg.toLowerCase(Locale.ROOT).startsWith("--pass")
                                || arg.toLowerCase(Locale.ROOT).startsWith("-p"));
    }
}
