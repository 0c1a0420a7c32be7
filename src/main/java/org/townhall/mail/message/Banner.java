package org.townhall.mail.message;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.field.Fields;
import org.apache.james.mime4j.message.BasicBodyFactory;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * Prepends a warning to what the reader sees first: the plain-text and HTML versions of the
 * message's text (the first part of a mixed message, every version of an alternative one).
 * The rewritten parts are UTF-8 and quoted-printable whatever they were. A message whose
 * structure cannot be rewritten is passed on unchanged apart from its headers: the banner is a
 * courtesy, the verdict header is what the mail server acts on.
 */
public final class Banner {

    private Banner() {
    }

    public static byte[] prepend(byte[] raw, String warning) {
        try {
            DefaultMessageBuilder builder = new DefaultMessageBuilder();
            builder.setMimeEntityConfig(MimeConfig.custom().setMaxLineLen(-1).setMaxHeaderLen(-1).setMaxHeaderCount(5000)
                    .setMaxContentLen(-1).build());
            builder.setDecodeMonitor(DecodeMonitor.SILENT);
            Message message = builder.parseMessage(new ByteArrayInputStream(raw));
            if (!rewrite(message, warning, 0)) {
                return raw;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + 2048);
            new DefaultMessageWriter().writeMessage(message, out);
            return out.toByteArray();
        } catch (IOException | RuntimeException unrewritable) {
            return raw;
        }
    }

    private static boolean rewrite(Entity entity, String warning, int depth) throws IOException {
        Body body = entity.getBody();
        if (depth > MailParser.MAX_DEPTH) {
            return false;
        }
        if (body instanceof Multipart multipart) {
            if (multipart.getBodyParts().isEmpty()) {
                return false;
            }
            if ("alternative".equalsIgnoreCase(multipart.getSubType())) {
                boolean any = false;
                for (Entity part : multipart.getBodyParts()) {
                    any |= rewrite(part, warning, depth + 1);
                }
                return any;
            }
            return rewrite(multipart.getBodyParts().get(0), warning, depth + 1);
        }
        if (!(body instanceof TextBody text) || "attachment".equalsIgnoreCase(entity.getDispositionType())) {
            return false;
        }
        String type = entity.getMimeType().toLowerCase(Locale.ROOT);
        if (!type.equals("text/plain") && !type.equals("text/html")) {
            return false;
        }
        String original = read(text);
        String rewritten = type.equals("text/plain") ? "[" + warning + "]\r\n\r\n" + original : html(original, warning);
        entity.removeBody().dispose();
        entity.setBody(BasicBodyFactory.INSTANCE.textBody(rewritten, StandardCharsets.UTF_8));
        entity.getHeader().setField(Fields.contentType(type + "; charset=utf-8"));
        entity.getHeader().setField(Fields.contentTransferEncoding("quoted-printable"));
        return true;
    }

    private static String html(String original, String warning) {
        String banner = "<div style=\"border:3px solid #d4351c;padding:10px;margin:0 0 15px 0;font-family:Arial,sans-serif;"
                + "font-size:16px;color:#0b0c0c;background:#ffffff\"><strong>" + escape(warning) + "</strong></div>";
        java.util.regex.Matcher body = java.util.regex.Pattern.compile("(?i)<body\\b[^>]{0,2000}>").matcher(original);
        if (body.find()) {
            return original.substring(0, body.end()) + banner + original.substring(body.end());
        }
        return banner + original;
    }

    private static String read(TextBody text) throws IOException {
        StringBuilder out = new StringBuilder();
        try (Reader reader = text.getReader()) {
            char[] buffer = new char[8192];
            for (int n; (n = reader.read(buffer)) > 0; ) {
                out.append(buffer, 0, n);
            }
        }
        return out.toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
