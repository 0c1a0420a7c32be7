package org.townhall.mail.message;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.message.MaximalBodyDescriptor;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;

/**
 * Reads a message for screening without trusting its structure. Every limit is a number here:
 * the relay refuses nothing for being odd, but nothing odd can make screening take unbounded
 * memory or time (parts nested 200 deep, a part that decodes to gigabytes, a million headers).
 */
public final class MailParser {

    /** Deeper than this no mail client nests; beyond it a message is built to break parsers. */
    public static final int MAX_DEPTH = 20;
    static final int MAX_PARTS = 500;
    static final int MAX_TEXT_CHARS = 1_000_000;
    static final long MAX_DECODED_BYTES = 64L * 1024 * 1024;

    private MailParser() {
    }

    public static ParsedMail parse(RawHeaders headers, byte[] message) {
        List<String> problems = new ArrayList<>();
        List<Attachment> attachments = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        boolean tooDeep = false;
        MimeConfig config = MimeConfig.custom().setMaxLineLen(-1).setMaxHeaderCount(5000).setMaxHeaderLen(-1)
                .setMaxContentLen(-1).setStrictParsing(false).build();
        MimeTokenStream stream = new MimeTokenStream(config, new DefaultBodyDescriptorBuilder());
        long budget = MAX_DECODED_BYTES;
        int depth = 0;
        int parts = 0;
        try {
            stream.parse(new ByteArrayInputStream(message));
            for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
                if (state == EntityState.T_START_MULTIPART || state == EntityState.T_START_MESSAGE) {
                    if (++depth > MAX_DEPTH) {
                        tooDeep = true;
                        problems.add("parts nested more than " + MAX_DEPTH + " deep");
                        break;
                    }
                } else if (state == EntityState.T_END_MULTIPART || state == EntityState.T_END_MESSAGE) {
                    depth--;
                } else if (state == EntityState.T_BODY) {
                    if (++parts > MAX_PARTS) {
                        problems.add("more than " + MAX_PARTS + " parts");
                        break;
                    }
                    BodyDescriptor body = stream.getBodyDescriptor();
                    byte[] content = read(stream.getDecodedInputStream(), budget);
                    if (content == null) {
                        problems.add("a part decodes to more than " + (MAX_DECODED_BYTES >> 20) + " MB");
                        break;
                    }
                    budget -= content.length;
                    String fileName = fileName(body);
                    String type = body.getMimeType() == null ? "text/plain" : body.getMimeType().toLowerCase(Locale.ROOT);
                    boolean inline = fileName == null && !"attachment".equalsIgnoreCase(disposition(body));
                    if (inline && type.equals("text/plain")) {
                        append(text, decodeText(content, body.getCharset()));
                    } else if (inline && type.equals("text/html")) {
                        append(html, decodeText(content, body.getCharset()));
                    } else if (content.length > 0 && !type.startsWith("multipart/")) {
                        attachments.add(new Attachment(fileName, type, content));
                    }
                }
            }
        } catch (MimeException | IOException | RuntimeException broken) {
            problems.add("malformed MIME structure");
        }
        return new ParsedMail(headers, senders(headers.allAsWritten("From")), senders(headers.allAsWritten("Reply-To")),
                headers.first("Subject").orElse(""), text.toString(), html.toString(), Html.visibleText(html.toString()),
                List.copyOf(attachments),
                List.copyOf(problems), tooDeep);
    }

    /** Every mailbox in these fields (groups opened), leniently: an unreadable field gives none. */
    public static List<ParsedMail.Sender> senders(List<String> fields) {
        List<ParsedMail.Sender> senders = new ArrayList<>();
        for (String field : fields) {
            try {
                for (Address address : LenientAddressParser.DEFAULT.parseAddressList(field)) {
                    if (address instanceof Mailbox mailbox) {
                        senders.add(sender(mailbox));
                    } else if (address instanceof Group group) {
                        group.getMailboxes().forEach(m -> senders.add(sender(m)));
                    }
                }
            } catch (RuntimeException unreadable) {
                // An unreadable From is itself a finding for the checks (no author).
            }
        }
        return senders;
    }

    private static ParsedMail.Sender sender(Mailbox mailbox) {
        String domain = mailbox.getDomain() == null ? "" : mailbox.getDomain().toLowerCase(Locale.ROOT).strip();
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        return new ParsedMail.Sender(mailbox.getName() == null ? "" : RawHeaders.decodeWords(mailbox.getName()).strip(),
                mailbox.getAddress(), domain);
    }

    private static String fileName(BodyDescriptor body) {
        String name = null;
        if (body instanceof MaximalBodyDescriptor maximal) {
            name = maximal.getContentDispositionFilename();
            if (name == null && maximal.getContentTypeParameters() != null) {
                name = maximal.getContentTypeParameters().get("name");
            }
        }
        return name == null ? null : RawHeaders.decodeWords(name);
    }

    private static String disposition(BodyDescriptor body) {
        return body instanceof MaximalBodyDescriptor maximal ? maximal.getContentDispositionType() : null;
    }

    /** The declared charset when Java knows it (ASCII aside: 8-bit bytes under it are common); else UTF-8 or Latin-1. */
    static String decodeText(byte[] content, String charset) {
        try {
            Charset declared = charset == null ? null : Charset.forName(charset.strip());
            if (declared != null && !declared.equals(StandardCharsets.US_ASCII)) {
                return new String(content, declared);
            }
        } catch (RuntimeException unknownCharset) {
            // read as below
        }
        return RawHeaders.decode(content);
    }

    private static void append(StringBuilder to, String value) {
        if (to.length() < MAX_TEXT_CHARS) {
            to.append(value, 0, Math.min(value.length(), MAX_TEXT_CHARS - to.length())).append('\n');
        }
    }

    private static byte[] read(InputStream in, long budget) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
            if (out.size() > budget) {
                return null;
            }
        }
        return out.toByteArray();
    }
}
