package org.townhall.mail.smtp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.townhall.mail.MailSettings;
import org.townhall.mail.Verdict;
import org.townhall.mail.message.Banner;
import org.townhall.mail.message.RawHeaders;
import org.townhall.mail.store.MessageStore;

/**
 * The message as the council's mail server receives it: the relay's result header and its
 * authentication results first (any copies the sender forged were removed on arrival, and any
 * Authentication-Results claiming to be this relay's are removed here, RFC 8601 5), then the
 * message, with the warning banner when the verdict says so.
 */
final class Outgoing {

    private Outgoing() {
    }

    static byte[] compose(MessageStore.MessageRow row, List<MessageStore.FindingRow> findings, byte[] raw, MailSettings settings) {
        byte[] body = raw;
        try {
            RawHeaders headers = RawHeaders.parse(raw, ScreeningHandler.MAX_HEADER_BYTES);
            String ours = settings.relay().hostName().toLowerCase(Locale.ROOT);
            boolean forgedResults = headers.fields().stream().anyMatch(f -> f.is("Authentication-Results")
                    && f.value().toLowerCase(Locale.ROOT).startsWith(ours));
            if (forgedResults || headers.count(settings.resultHeader()) > 0) {
                body = stripForged(headers, raw, ours, settings.resultHeader());
            }
        } catch (RawHeaders.TooLarge impossible) {
            // Refused on arrival; nothing larger is ever stored.
        }
        if (row.verdict() == Verdict.WARN && row.releasedBy() == null) {
            body = Banner.prepend(body, warning(findings));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 512);
        String verdict = row.releasedBy() != null ? "released" : row.verdict().name().toLowerCase(Locale.ROOT);
        String checks = findings.stream().filter(f -> f.score() != 0).limit(6)
                .map(f -> f.check().replaceAll("[^A-Za-z ]", "") + " " + f.score()).collect(Collectors.joining(", "));
        header(out, settings.resultHeader() + ": verdict=" + verdict + "; score=" + row.score() + "; ref=" + row.ref()
                + (checks.isEmpty() ? "" : "; checks=\"" + checks + "\""));
        if (row.authenticationResults() != null) {
            header(out, "Authentication-Results: " + row.authenticationResults().replaceAll("[\\r\\n]", " "));
        }
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** What a reader sees above the message: it came from outside, and why it may be phishing. */
    static String warning(List<MessageStore.FindingRow> findings) {
        String why = findings.stream().filter(f -> f.score() > 0).findFirst().map(MessageStore.FindingRow::reason)
                .orElse("it has signs of phishing");
        return "Warning: this email came from outside the council and may be phishing (" + why + "). Do not click its links, "
                + "open its attachments or reply with personal or payment details unless you are sure who sent it.";
    }

    private static byte[] stripForged(RawHeaders headers, byte[] raw, String ours, String resultHeader) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        int kept = 0;
        for (RawHeaders.Field field : headers.fields()) {
            kept += field.raw().length;
            boolean forged = field.is(resultHeader)
                    || field.is("Authentication-Results") && field.value().toLowerCase(Locale.ROOT).startsWith(ours);
            if (!forged) {
                out.writeBytes(field.raw());
            }
        }
        out.write(raw, kept, raw.length - kept);
        return out.toByteArray();
    }

    /** Folded at 78 characters where a space allows (RFC 5322 2.1.1). */
    private static void header(ByteArrayOutputStream out, String line) {
        StringBuilder folded = new StringBuilder();
        int column = 0;
        for (String word : line.split(" ")) {
            if (column > 0 && column + word.length() + 1 > 78) {
                folded.append("\r\n ");
                column = 1;
            } else if (column > 0) {
                folded.append(' ');
                column++;
            }
            folded.append(word);
            column += word.length();
        }
        out.writeBytes((folded + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

}
