package io.jenkins.plugins.coraocr.client;

import java.security.Principal;
import org.apache.hc.client5.http.auth.AuthSchemeFactory;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.NTCredentials;
import org.apache.hc.client5.http.auth.NTUserPrincipal;
import org.apache.hc.client5.http.auth.StandardAuthScheme;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.auth.NTLMSchemeFactory;
import org.apache.hc.core5.http.config.RegistryBuilder;

/**
 * Windows authentication through HttpClient's NTLM scheme (NTLMv2 whenever the server's challenge
 * carries target information, as IIS's does). HttpClient marks its NTLM classes deprecated because its
 * maintainers no longer develop them; they are the implementation Jenkins plugins use for NTLM, and the
 * only place this client touches them is here.
 */
@SuppressWarnings("deprecation")
final class NtlmLogon {
    private NtlmLogon() {}

    static void register(
            RegistryBuilder<AuthSchemeFactory> schemes,
            BasicCredentialsProvider credentials,
            AuthScope target,
            String username,
            String password) {
        schemes.register(StandardAuthScheme.NTLM, NTLMSchemeFactory.INSTANCE);
        String[] account = split(username);
        credentials.setCredentials(target, new NTCredentials(account[1], password.toCharArray(), null, account[0]));
    }

    /**
     * The identity a logged-on connection carries. Equal principals share connections, so a later poll
     * reuses the connection that already logged on.
     */
    static Principal principal(String username) {
        String[] account = split(username);
        return new NTUserPrincipal(account[0], account[1]);
    }

    /** {@code DOMAIN\\user} as domain and user; {@code user@domain} (or a bare name) as the user, without domain. */
    private static String[] split(String username) {
        int backslash = username.indexOf('\\');
        return backslash < 0
                ? new String[] {null, username}
                : new String[] {username.substring(0, backslash), username.substring(backslash + 1)};
    }
}
