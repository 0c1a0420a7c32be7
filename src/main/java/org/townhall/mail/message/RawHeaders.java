package org.townhall.mail.message;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/**
 * The header section of a message as it arrived, split into fields without trusting it: lines
 * may end in CRLF or a bare LF, values may carry raw 8-bit bytes (UTF-8 under RFC 6532, or
 * anything a broken mailer wrote). Works on bytes so that removing a field leaves every other
 * byte of the message exactly as it was (DKIM signatures over other fields still verify).
 */
public final class RawHeaders {

    /** One field: its name, its bytes (folded lines and line ending included) and its value. */
    public record Field(String name, byte[] raw, String value) {
        public boolean is(String other) {
            return name.equalsIgnoreCase(other);
        }
    }

    private final List<Field> fields;
    private final int bodyStart;

    private RawHeaders(List<Field> fields, int bodyStart) {
        this.fields = fields;
        this.bodyStart = bodyStart;
    }

    /** Thrown when the header section is larger than the relay accepts. */
    public static final class TooLarge extends Exception {
        TooLarge() {
            super("header section too large", null, false, false);
        }
    }

    /**
     * Splits the header section off; the body starts after the first empty line. Refuses a
     * header section larger than {@code maxHeaderBytes} before looking at any field.
     */
    public static RawHeaders parse(byte[] message, int maxHeaderBytes) throws TooLarge {
        int end = headerEnd(message, Math.min(message.length, maxHeaderBytes + 4));
        if (end < 0) {
            if (message.length > maxHeaderBytes) {
                throw new TooLarge();
            }
            end = message.length;
        }
        List<Field> fields = new ArrayList<>();
        int at = 0;
        int limit = end;
        while (at < limit) {
            int fieldEnd = at;
            do {
                int lineEnd = indexOf(message, (byte) '\n', fieldEnd, limit);
                fieldEnd = lineEnd < 0 ? limit : lineEnd + 1;
            } while (fieldEnd < limit && (message[fieldEnd] == ' ' || message[fieldEnd] == '\t'));
            byte[] raw = java.util.Arrays.copyOfRange(message, at, fieldEnd);
            String text = decode(raw);
            int colon = text.indexOf(':');
            if (colon > 0 && text.substring(0, colon).strip().chars().allMatch(c -> c > 32 && c < 127)) {
                String value = text.substring(colon + 1).replaceAll("\r?\n[ \t]", " ").strip();
                fields.add(new Field(text.substring(0, colon).strip(), raw, value));
            } else {
                fields.add(new Field("", raw, text.strip()));
            }
            at = fieldEnd;
        }
        int bodyStart = end;
        if (bodyStart < message.length && message[bodyStart] == '\r') {
            bodyStart++;
        }
        if (bodyStart < message.length && message[bodyStart] == '\n') {
            bodyStart++;
        }
        return new RawHeaders(List.copyOf(fields), bodyStart);
    }

    public List<Field> fields() {
        return fields;
    }

    public int bodyStart() {
        return bodyStart;
    }

    /** The first field of that name, its value with encoded words decoded. */
    public Optional<String> first(String name) {
        return fields.stream().filter(f -> f.is(name)).findFirst().map(f -> decodeWords(f.value()));
    }

    public List<String> all(String name) {
        return fields.stream().filter(f -> f.is(name)).map(f -> decodeWords(f.value())).toList();
    }

    /**
     * Every field of that name as written, encoded words left encoded: an address field is parsed
     * from this (RFC 2047 5: an encoded word never holds an address's own characters), or a
     * display name of "=?utf-8?q?ct=40eastbridge.gov.uk?=" would decode into a second address.
     */
    public List<String> allAsWritten(String name) {
        return fields.stream().filter(f -> f.is(name)).map(Field::value).toList();
    }

    public long count(String name) {
        return fields.stream().filter(f -> f.is(name)).count();
    }

    /** The message with every field of these names removed, everything else byte for byte. */
    public byte[] without(byte[] message, Set<String> names) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length);
        for (Field field : fields) {
            if (names.stream().noneMatch(field::is)) {
                out.writeBytes(field.raw());
            }
        }
        int separatorStart = fields.stream().mapToInt(f -> f.raw().length).sum();
        out.write(message, separatorStart, message.length - separatorStart);
        return out.toByteArray();
    }

    /** Header values are UTF-8 when they are valid UTF-8 (RFC 6532); otherwise read byte by byte. */
    static String decode(byte[] raw) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(raw, StandardCharsets.ISO_8859_1);
        }
    }

    /** RFC 2047 encoded words ("=?utf-8?B?...?="), leniently: a broken word stays as written. */
    public static String decodeWords(String value) {
        try {
            return DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
        } catch (RuntimeException unreadable) {
            return value;
        }
    }

    public static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static int headerEnd(byte[] m, int limit) {
        if (limit > 0 && m[0] == '\n' || limit > 1 && m[0] == '\r' && m[1] == '\n') {
            return 0;
        }
        for (int i = 0; i < limit; i++) {
            if (m[i] == '\n') {
                if (i + 1 < m.length && m[i + 1] == '\n') {
                    return i + 1;
                }
                if (i + 2 < m.length && m[i + 1] == '\r' && m[i + 2] == '\n') {
                    return i + 1;
                }
            }
        }
        return -1;
    }

    private static int indexOf(byte[] bytes, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
