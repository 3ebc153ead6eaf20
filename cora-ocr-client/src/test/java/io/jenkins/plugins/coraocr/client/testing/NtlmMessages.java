package io.jenkins.plugins.coraocr.client.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/** The NTLMSSP messages of MS-NLMP section 2.2.1: reading NEGOTIATE and AUTHENTICATE, writing CHALLENGE. */
final class NtlmMessages {
    static final int NEGOTIATE_UNICODE = 0x00000001;
    static final int NEGOTIATE_OEM = 0x00000002;
    static final int REQUEST_TARGET = 0x00000004;
    static final int NEGOTIATE_SIGN = 0x00000010;
    static final int NEGOTIATE_SEAL = 0x00000020;
    static final int NEGOTIATE_NTLM = 0x00000200;
    static final int NEGOTIATE_ALWAYS_SIGN = 0x00008000;
    static final int TARGET_TYPE_DOMAIN = 0x00010000;
    static final int NEGOTIATE_EXTENDED_SESSIONSECURITY = 0x00080000;
    static final int NEGOTIATE_TARGET_INFO = 0x00800000;
    static final int NEGOTIATE_VERSION = 0x02000000;
    static final int NEGOTIATE_128 = 0x20000000;
    static final int NEGOTIATE_KEY_EXCH = 0x40000000;
    static final int NEGOTIATE_56 = 0x80000000;

    /** What a server may grant when the client asks for it (section 3.2.5.1.1). */
    private static final int ECHOED = NEGOTIATE_SIGN
            | NEGOTIATE_SEAL
            | NEGOTIATE_ALWAYS_SIGN
            | NEGOTIATE_EXTENDED_SESSIONSECURITY
            | NEGOTIATE_VERSION
            | NEGOTIATE_128
            | NEGOTIATE_KEY_EXCH
            | NEGOTIATE_56;

    static final int AV_EOL = 0;
    static final int AV_NB_COMPUTER_NAME = 1;
    static final int AV_NB_DOMAIN_NAME = 2;
    static final int AV_DNS_COMPUTER_NAME = 3;
    static final int AV_DNS_DOMAIN_NAME = 4;
    static final int AV_TIMESTAMP = 7;

    private static final byte[] SIGNATURE = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);
    private static final int CHALLENGE_HEADER = 56;
    /** Windows Server 2019 (10.0 build 17763), NTLMSSP revision 15. */
    private static final byte[] VERSION = {10, 0, 0x63, 0x45, 0, 0, 0, 15};
    /** 100 ns ticks from 1601-01-01 to 1970-01-01. */
    private static final long FILETIME_UNIX_EPOCH = 116_444_736_000_000_000L;

    private NtlmMessages() {}

    /** The server names a CHALLENGE_MESSAGE announces. */
    record ServerNames(String netbiosDomain, String netbiosComputer, String dnsDomain, String dnsComputer) {}

    /** The fields of an AUTHENTICATE_MESSAGE the verifier needs. */
    record Authenticate(
            int flags, byte[] lmResponse, byte[] ntResponse, String domain, String user, String workstation) {}

    /** 1, 2 or 3 for an NTLMSSP message of that type, 0 for anything else. */
    static int messageType(byte[] token) {
        if (token.length < 12 || !Arrays.equals(token, 0, 8, SIGNATURE, 0, 8)) {
            return 0;
        }
        int type = reader(token).getInt(8);
        return type >= 1 && type <= 3 ? type : 0;
    }

    /** The NegotiateFlags of a NEGOTIATE_MESSAGE (0 when it is too short to carry them). */
    static int negotiateFlags(byte[] negotiate) {
        return negotiate.length >= 16 ? reader(negotiate).getInt(12) : 0;
    }

    /**
     * A CHALLENGE_MESSAGE (section 2.2.1.2) that grants what the client asked among {@link #ECHOED}, always
     * NTLM and TARGET_INFO, Unicode when the client offers it, and names the server in the target name and the
     * AV pairs, with a timestamp.
     */
    static byte[] challenge(int clientFlags, byte[] serverChallenge, ServerNames names, long epochMillis) {
        boolean unicode = (clientFlags & NEGOTIATE_UNICODE) != 0;
        int flags = (clientFlags & ECHOED)
                | NEGOTIATE_NTLM
                | NEGOTIATE_TARGET_INFO
                | REQUEST_TARGET
                | TARGET_TYPE_DOMAIN
                | (unicode ? NEGOTIATE_UNICODE : NEGOTIATE_OEM);
        byte[] targetName = names.netbiosDomain().getBytes(unicode ? StandardCharsets.UTF_16LE : oem());
        byte[] targetInfo = targetInfo(names, epochMillis);
        ByteBuffer message = ByteBuffer.allocate(CHALLENGE_HEADER + targetName.length + targetInfo.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        message.put(SIGNATURE).putInt(2);
        putSecurityBuffer(message, targetName.length, CHALLENGE_HEADER);
        message.putInt(flags).put(serverChallenge).putLong(0);
        putSecurityBuffer(message, targetInfo.length, CHALLENGE_HEADER + targetName.length);
        message.put(VERSION).put(targetName).put(targetInfo);
        return message.array();
    }

    /** The AV pairs of section 2.2.2.1, ending with MsvAvEOL; names are always UTF-16LE. */
    static byte[] targetInfo(ServerNames names, long epochMillis) {
        ByteArrayOutputStream pairs = new ByteArrayOutputStream();
        putAvPair(pairs, AV_NB_DOMAIN_NAME, names.netbiosDomain().getBytes(StandardCharsets.UTF_16LE));
        putAvPair(pairs, AV_NB_COMPUTER_NAME, names.netbiosComputer().getBytes(StandardCharsets.UTF_16LE));
        putAvPair(pairs, AV_DNS_DOMAIN_NAME, names.dnsDomain().getBytes(StandardCharsets.UTF_16LE));
        putAvPair(pairs, AV_DNS_COMPUTER_NAME, names.dnsComputer().getBytes(StandardCharsets.UTF_16LE));
        long fileTime = FILETIME_UNIX_EPOCH + epochMillis * 10_000;
        putAvPair(
                pairs,
                AV_TIMESTAMP,
                ByteBuffer.allocate(8)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .putLong(fileTime)
                        .array());
        putAvPair(pairs, AV_EOL, new byte[0]);
        return pairs.toByteArray();
    }

    /**
     * Reads an AUTHENTICATE_MESSAGE (section 2.2.1.3).
     *
     * @throws IllegalArgumentException if it is not one, or a field points outside it
     */
    static Authenticate parseAuthenticate(byte[] message) {
        if (messageType(message) != 3) {
            throw new IllegalArgumentException("not an NTLMSSP AUTHENTICATE_MESSAGE");
        }
        if (message.length < 64) {
            throw new IllegalArgumentException("AUTHENTICATE_MESSAGE of " + message.length + " bytes is too short");
        }
        ByteBuffer fields = reader(message);
        int flags = fields.getInt(60);
        Charset charset = (flags & NEGOTIATE_UNICODE) != 0 ? StandardCharsets.UTF_16LE : oem();
        return new Authenticate(
                flags,
                securityBuffer(message, 12, "LmChallengeResponse"),
                securityBuffer(message, 20, "NtChallengeResponse"),
                new String(securityBuffer(message, 28, "DomainName"), charset),
                new String(securityBuffer(message, 36, "UserName"), charset),
                new String(securityBuffer(message, 44, "Workstation"), charset));
    }

    private static byte[] securityBuffer(byte[] message, int at, String field) {
        ByteBuffer fields = reader(message);
        int length = Short.toUnsignedInt(fields.getShort(at));
        long offset = Integer.toUnsignedLong(fields.getInt(at + 4));
        if (length > 0 && offset + length > message.length) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "%s (%d bytes at %d) lies outside the %d-byte message",
                    field,
                    length,
                    offset,
                    message.length));
        }
        return length == 0 ? new byte[0] : Arrays.copyOfRange(message, (int) offset, (int) offset + length);
    }

    private static void putSecurityBuffer(ByteBuffer message, int length, int offset) {
        message.putShort((short) length).putShort((short) length).putInt(offset);
    }

    private static void putAvPair(ByteArrayOutputStream pairs, int id, byte[] value) {
        pairs.writeBytes(ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) id)
                .putShort((short) value.length)
                .array());
        pairs.writeBytes(value);
    }

    private static ByteBuffer reader(byte[] message) {
        return ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The OEM code page of an English Windows; only used when a client refuses Unicode. */
    private static Charset oem() {
        return Charset.forName("IBM437");
    }
}
