package io.jenkins.plugins.coraocr.client.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The verifier against the NTLMv2 example of [MS-NLMP] section 4.2.4: User "User", UserDom "Domain", Password
 * "Password", server challenge 0123456789abcdef, client challenge aaaaaaaaaaaaaaaa, time 0, and the target info of
 * section 4.2.4 (MsvAvNbDomainName "Domain", MsvAvNbComputerName "Server", MsvAvEOL).
 *
 * <p>The expected values are those the specification prints in section 4.2.4
 * (https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-nlmp/125f7a94-933e-4023-a146-a449e49bf774):
 * 4.2.4.1.1 NTOWFv2, 4.2.4.2.2 NTLMv2 Response (NTProofStr) and 4.2.4.3 (the AUTHENTICATE_MESSAGE). They were
 * copied from open-source suites that test against that section and agree with each other: go-ntlm's
 * ntlm/ntlmv2_test.go (Thomson Reuters; it carries the whole 4.2.4.3 message), Chromium's net/ntlm test data, and
 * other NTLM implementations' tests that print the same NTOWFv2, NTProofStr and NtChallengeResponse.
 */
class NtlmVerifierTest {
    private static final HexFormat HEX = HexFormat.of();

    /** Section 4.2.4.1.1. */
    private static final String NTOWF_V2 = "0c868a403bfd7a93a3001ef22ef02e3f";
    /** Section 4.2.4.2.2. */
    private static final String NT_PROOF_STR = "68cd0ab851e51c96aabc927bebef6a1c";

    private static final byte[] SERVER_CHALLENGE = HEX.parseHex("0123456789abcdef");
    /** MsvAvNbDomainName "Domain", MsvAvNbComputerName "Server", MsvAvEOL, as in section 4.2.4. */
    private static final String TARGET_INFO =
            "02000c0044006f006d00610069006e00" + "01000c00530065007200760065007200" + "00000000";
    /** The temp of section 3.3.2: 0101, Z(6), time 0, the client challenge, Z(4), target info, Z(4). */
    private static final byte[] BLOB = HEX.parseHex(
            "0101000000000000" + "0000000000000000" + "aaaaaaaaaaaaaaaa" + "00000000" + TARGET_INFO + "00000000");

    /** The AUTHENTICATE_MESSAGE of section 4.2.4.3. */
    private static final byte[] AUTHENTICATE_MESSAGE = HEX.parseHex("4e544c4d535350000300000018001800"
            + "6c00000054005400840000000c000c00"
            + "48000000080008005400000010001000"
            + "5c00000010001000d8000000358288e2"
            + "0501280a0000000f44006f006d006100"
            + "69006e00550073006500720043004f00"
            + "4d005000550054004500520086c35097"
            + "ac9cec102554764a57cccc19aaaaaaaa"
            + "aaaaaaaa68cd0ab851e51c96aabc927b"
            + "ebef6a1c010100000000000000000000"
            + "00000000aaaaaaaaaaaaaaaa00000000"
            + "02000c0044006f006d00610069006e00"
            + "01000c00530065007200760065007200"
            + "0000000000000000c5dad2544fc97990"
            + "94ce1ce90bc9d03e");

    @Test
    void ntowfV2IsThePublishedValue() {
        assertThat(HEX.formatHex(NtlmVerifier.ntowfV2("Password", "User", "Domain")))
                .isEqualTo(NTOWF_V2);
    }

    @Test
    void ntowfV2UpperCasesTheUserButNotTheDomain() {
        assertThat(HEX.formatHex(NtlmVerifier.ntowfV2("Password", "user", "Domain")))
                .isEqualTo(NTOWF_V2);
        assertThat(HEX.formatHex(NtlmVerifier.ntowfV2("Password", "User", "DOMAIN")))
                .isNotEqualTo(NTOWF_V2);
    }

    @Test
    void ntProofStrIsThePublishedValue() {
        byte[] proof = NtlmVerifier.ntProofStr(HEX.parseHex(NTOWF_V2), SERVER_CHALLENGE, BLOB);
        assertThat(HEX.formatHex(proof)).isEqualTo(NT_PROOF_STR);
    }

    @Test
    void theSpecificationsAuthenticateMessageIsAcceptedForItsAccount() {
        NtlmVerifier.Verdict verdict =
                new NtlmVerifier("User", "Domain", "Password").verify(AUTHENTICATE_MESSAGE, SERVER_CHALLENGE);
        assertThat(verdict).isEqualTo(new NtlmVerifier.Verdict(true, "User", "Domain", "COMPUTER", "accepted"));
        // The blob inside the message is the one computed above.
        assertThat(Arrays.copyOfRange(AUTHENTICATE_MESSAGE, 0x84 + 16, 0x84 + 0x54))
                .isEqualTo(BLOB);
    }

    @Test
    void theSpecificationsAuthenticateMessageIsRejectedForAnyOtherAccountOrChallenge() {
        assertThat(new NtlmVerifier("User", "Domain", "password").verify(AUTHENTICATE_MESSAGE, SERVER_CHALLENGE))
                .satisfies(v -> {
                    assertThat(v.accepted()).isFalse();
                    assertThat(v.reason()).contains("wrong password");
                });
        assertThat(new NtlmVerifier("User", "Other", "Password").verify(AUTHENTICATE_MESSAGE, SERVER_CHALLENGE))
                .satisfies(v -> {
                    assertThat(v.accepted()).isFalse();
                    assertThat(v.reason()).isEqualTo("wrong domain");
                    assertThat(v.domain()).isEqualTo("Domain");
                });
        assertThat(new NtlmVerifier("Someone", "Domain", "Password")
                        .verify(AUTHENTICATE_MESSAGE, SERVER_CHALLENGE)
                        .reason())
                .isEqualTo("unknown user");
        assertThat(new NtlmVerifier("User", "Domain", "Password")
                        .verify(AUTHENTICATE_MESSAGE, HEX.parseHex("0123456789abcdee"))
                        .accepted())
                .isFalse();
    }

    @Test
    void anyChangedByteOfTheNtResponseIsRejected() {
        NtlmVerifier verifier = new NtlmVerifier("User", "Domain", "Password");
        for (int at = 0x84; at < 0x84 + 0x54; at++) {
            byte[] tampered = AUTHENTICATE_MESSAGE.clone();
            tampered[at] ^= 0x01;
            assertThat(verifier.verify(tampered, SERVER_CHALLENGE).accepted())
                    .as("byte %d flipped", at)
                    .isFalse();
        }
    }

    @Test
    void malformedAndWeakMessagesAreRejectedWithoutAnException() {
        NtlmVerifier verifier = new NtlmVerifier("User", "Domain", "Password");
        assertThat(verifier.verify(new byte[0], SERVER_CHALLENGE).reason()).startsWith("malformed message");
        assertThat(verifier.verify(Arrays.copyOf(AUTHENTICATE_MESSAGE, 40), SERVER_CHALLENGE)
                        .reason())
                .startsWith("malformed message");
        byte[] pointsOutside = AUTHENTICATE_MESSAGE.clone();
        pointsOutside[24] = (byte) 0xf0; // NtChallengeResponse offset far past the end
        assertThat(verifier.verify(pointsOutside, SERVER_CHALLENGE).reason()).contains("lies outside");
        byte[] type1 = AUTHENTICATE_MESSAGE.clone();
        type1[8] = 1;
        assertThat(verifier.verify(type1, SERVER_CHALLENGE).reason()).contains("not an NTLMSSP AUTHENTICATE");

        byte[] ntlmV1 = AUTHENTICATE_MESSAGE.clone();
        ntlmV1[20] = 24; // an NtChallengeResponse of 24 bytes is NTLMv1
        assertThat(verifier.verify(ntlmV1, SERVER_CHALLENGE).reason()).startsWith("NTLMv1");
        byte[] anonymous = AUTHENTICATE_MESSAGE.clone();
        anonymous[20] = 0;
        assertThat(verifier.verify(anonymous, SERVER_CHALLENGE).reason()).startsWith("anonymous");
    }

    @Test
    void theChallengeMessageGrantsWhatTheClientAskedAndNamesTheServer() {
        int clientFlags = NtlmMessages.NEGOTIATE_UNICODE
                | NtlmMessages.NEGOTIATE_NTLM
                | NtlmMessages.NEGOTIATE_EXTENDED_SESSIONSECURITY
                | NtlmMessages.NEGOTIATE_ALWAYS_SIGN
                | NtlmMessages.NEGOTIATE_VERSION
                | NtlmMessages.NEGOTIATE_128
                | NtlmMessages.NEGOTIATE_56;
        NtlmMessages.ServerNames names =
                new NtlmMessages.ServerNames("CORP", "CORAOCR", "corp.test", "coraocr.corp.test");
        byte[] message = NtlmMessages.challenge(clientFlags, SERVER_CHALLENGE, names, 0);
        ByteBuffer m = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(new String(message, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("NTLMSSP\0");
        assertThat(m.getInt(8)).isEqualTo(2);
        int flags = m.getInt(20);
        assertThat(flags & clientFlags).isEqualTo(clientFlags);
        assertThat(flags & NtlmMessages.NEGOTIATE_TARGET_INFO).isNotZero();
        assertThat(flags & NtlmMessages.NEGOTIATE_OEM).isZero();
        assertThat(Arrays.copyOfRange(message, 24, 32)).isEqualTo(SERVER_CHALLENGE);
        assertThat(new String(field(message, 12), StandardCharsets.UTF_16LE)).isEqualTo("CORP");

        Map<Integer, byte[]> pairs = avPairs(field(message, 40));
        assertThat(pairs.keySet())
                .containsExactly(
                        NtlmMessages.AV_NB_DOMAIN_NAME,
                        NtlmMessages.AV_NB_COMPUTER_NAME,
                        NtlmMessages.AV_DNS_DOMAIN_NAME,
                        NtlmMessages.AV_DNS_COMPUTER_NAME,
                        NtlmMessages.AV_TIMESTAMP,
                        NtlmMessages.AV_EOL);
        assertThat(new String(pairs.get(NtlmMessages.AV_DNS_COMPUTER_NAME), StandardCharsets.UTF_16LE))
                .isEqualTo("coraocr.corp.test");
        // 1970-01-01 as a FILETIME: 100 ns ticks since 1601.
        assertThat(ByteBuffer.wrap(pairs.get(NtlmMessages.AV_TIMESTAMP))
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .getLong())
                .isEqualTo(116_444_736_000_000_000L);
    }

    @Test
    void aClientWithoutUnicodeGetsOemStrings() {
        NtlmMessages.ServerNames names = new NtlmMessages.ServerNames("CORP", "CORAOCR", "corp.test", "c.corp.test");
        byte[] message = NtlmMessages.challenge(NtlmMessages.NEGOTIATE_OEM, SERVER_CHALLENGE, names, 0);
        int flags = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN).getInt(20);
        assertThat(flags & NtlmMessages.NEGOTIATE_UNICODE).isZero();
        assertThat(flags & NtlmMessages.NEGOTIATE_EXTENDED_SESSIONSECURITY).isZero();
        assertThat(new String(field(message, 12), StandardCharsets.US_ASCII)).isEqualTo("CORP");
    }

    private static byte[] field(byte[] message, int at) {
        ByteBuffer m = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
        int length = Short.toUnsignedInt(m.getShort(at));
        int offset = m.getInt(at + 4);
        return Arrays.copyOfRange(message, offset, offset + length);
    }

    private static Map<Integer, byte[]> avPairs(byte[] targetInfo) {
        Map<Integer, byte[]> pairs = new LinkedHashMap<>();
        ByteBuffer info = ByteBuffer.wrap(targetInfo).order(ByteOrder.LITTLE_ENDIAN);
        while (info.hasRemaining()) {
            int id = Short.toUnsignedInt(info.getShort());
            byte[] value = new byte[Short.toUnsignedInt(info.getShort())];
            info.get(value);
            pairs.put(id, value);
        }
        return pairs;
    }
}
