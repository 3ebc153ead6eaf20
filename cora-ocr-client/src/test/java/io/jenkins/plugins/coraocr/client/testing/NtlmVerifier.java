package io.jenkins.plugins.coraocr.client.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.MD4Digest;

/**
 * Checks an NTLMv2 AUTHENTICATE_MESSAGE the way a Windows server does (MS-NLMP section 3.3.2), for one account.
 *
 * <p>The user name and domain in the message must name the configured account (case-insensitively, as Windows
 * compares them), and its NTProofStr must be HMAC_MD5(NTOWFv2, ServerChallenge + blob), where NTOWFv2 =
 * HMAC_MD5(MD4(UTF-16LE(password)), UTF-16LE(UPPER(user) + domain)) is computed over the user and domain <em>as
 * the message spells them</em>, since that is what the client hashed. NTLMv1, LM-only and anonymous logons are
 * rejected, as on a server that demands NTLMv2. Session keys, signing and the MIC are not checked: nothing in
 * HTTP uses them.
 */
public final class NtlmVerifier {
    private final String user;
    private final String domain;
    private final String password;

    /**
     * What the verifier decided, with the names the client sent.
     *
     * @param reason why a logon was rejected; "accepted" otherwise
     */
    public record Verdict(boolean accepted, String user, String domain, String workstation, String reason) {}

    public NtlmVerifier(String user, String domain, String password) {
        this.user = Objects.requireNonNull(user, "user");
        this.domain = Objects.requireNonNull(domain, "domain");
        this.password = Objects.requireNonNull(password, "password");
    }

    /** Verifies a type 3 message against the 8-byte server challenge this connection's type 2 message carried. */
    public Verdict verify(byte[] authenticateMessage, byte[] serverChallenge) {
        NtlmMessages.Authenticate message;
        try {
            message = NtlmMessages.parseAuthenticate(authenticateMessage);
        } catch (IllegalArgumentException e) {
            return new Verdict(false, null, null, null, "malformed message: " + e.getMessage());
        }
        byte[] nt = message.ntResponse();
        if (nt.length == 0) {
            return reject(message, "anonymous or LM-only logon");
        }
        if (nt.length == 24) {
            return reject(message, "NTLMv1 response; this server accepts NTLMv2 only");
        }
        if (nt.length < 16 + 28 || nt[16] != 1 || nt[17] != 1) {
            return reject(message, "NtChallengeResponse is not an NTLMv2_RESPONSE");
        }
        if (!message.user().equalsIgnoreCase(user)) {
            return reject(message, "unknown user");
        }
        if (!message.domain().equalsIgnoreCase(domain)) {
            return reject(message, "wrong domain");
        }
        byte[] blob = Arrays.copyOfRange(nt, 16, nt.length);
        byte[] expected = ntProofStr(ntowfV2(password, message.user(), message.domain()), serverChallenge, blob);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(nt, 0, 16))) {
            return reject(message, "NTProofStr does not match: wrong password");
        }
        return new Verdict(true, message.user(), message.domain(), message.workstation(), "accepted");
    }

    private static Verdict reject(NtlmMessages.Authenticate message, String reason) {
        return new Verdict(false, message.user(), message.domain(), message.workstation(), reason);
    }

    /** NTOWFv2 of MS-NLMP section 3.3.2. */
    static byte[] ntowfV2(String password, String user, String domain) {
        byte[] unicodePassword = password.getBytes(StandardCharsets.UTF_16LE);
        MD4Digest md4 = new MD4Digest();
        md4.update(unicodePassword, 0, unicodePassword.length);
        byte[] ntHash = new byte[md4.getDigestSize()];
        md4.doFinal(ntHash, 0);
        return hmacMd5(ntHash, (user.toUpperCase(Locale.ROOT) + domain).getBytes(StandardCharsets.UTF_16LE));
    }

    /** NTProofStr of MS-NLMP section 3.3.2: the blob is the response's {@code temp}, everything after byte 16. */
    static byte[] ntProofStr(byte[] ntowfV2, byte[] serverChallenge, byte[] blob) {
        byte[] input = Arrays.copyOf(serverChallenge, serverChallenge.length + blob.length);
        System.arraycopy(blob, 0, input, serverChallenge.length, blob.length);
        return hmacMd5(ntowfV2, input);
    }

    private static byte[] hmacMd5(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key, "HmacMD5"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 is part of every JDK", e);
        }
    }
}
