package org.townhall.mail;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.townhall.mail.checks.FileType;
import org.townhall.mail.checks.Incoming;
import org.townhall.mail.checks.Link;
import org.townhall.mail.checks.LinkFinder;
import org.townhall.mail.message.Attachment;
import org.townhall.mail.message.MailParser;
import org.townhall.mail.message.ParsedMail;
import org.townhall.mail.message.RawHeaders;

/**
 * Turns a stored message into what an analyst may safely read: its text (the HTML's visible text
 * when there is no plain version), every link defanged ("hxxps://evil[.]example/…") so none can
 * be clicked or followed, the header fields as text, and the attachments described, never opened.
 */
final class SafeViews {

    static final int MAX_TEXT = 100_000;
    private static final Pattern URL = Pattern.compile("(?i)\\b(https?|ftp)://([^\\s/?#<>\"']+)");
    private static final Pattern WWW = Pattern.compile("(?i)\\bwww\\.([a-z0-9-]+\\.)+[a-z]{2,}");

    private SafeViews() {
    }

    record Read(String text, List<ScreenedMail.Header> headers, List<String> links, List<ScreenedMail.AttachmentInfo> attachments) {
    }

    static Read read(byte[] raw) {
        RawHeaders headers;
        try {
            headers = RawHeaders.parse(raw, 1024 * 1024);
        } catch (RawHeaders.TooLarge e) {
            return new Read("(the header section is too large to show)", List.of(), List.of(), List.of());
        }
        ParsedMail mail = MailParser.parse(headers, raw);
        String text = mail.text().isBlank() ? mail.htmlText() : mail.text();
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT) + "\n[… shortened]";
        }
        List<ScreenedMail.Header> fields = new ArrayList<>();
        for (RawHeaders.Field field : headers.fields()) {
            if (!field.name().isEmpty() && fields.size() < 200) {
                fields.add(new ScreenedMail.Header(field.name(), defang(clip(RawHeaders.decodeWords(field.value()), 2000))));
            }
        }
        Incoming incoming = new Incoming(new Incoming.Envelope("", "", "", List.of()), raw, mail);
        LinkFinder.find(incoming);
        Set<String> links = new LinkedHashSet<>();
        for (Link link : incoming.links()) {
            if (links.size() < 200) {
                links.add(defang(link.url()) + (link.shownText().isBlank() ? "" : "  (shown as: " + defang(clip(link.shownText(), 200)) + ")")
                        + "  [" + link.foundIn() + "]");
            }
        }
        List<ScreenedMail.AttachmentInfo> attachments = new ArrayList<>();
        for (Attachment a : mail.attachments()) {
            attachments.add(new ScreenedMail.AttachmentInfo(clip(a.fileName(), 200), a.declaredType(),
                    FileType.of(a.content()).name().toLowerCase(java.util.Locale.ROOT), a.content().length, a.sha256()));
        }
        return new Read(defang(text), fields, List.copyOf(links), attachments);
    }

    /** Links made unclickable and unfollowable, even if pasted: scheme and every dot of the host changed. */
    static String defang(String text) {
        if (text == null) {
            return "";
        }
        Matcher m = URL.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String scheme = m.group(1).toLowerCase(java.util.Locale.ROOT).replace("http", "hxxp").replace("ftp", "fxp");
            m.appendReplacement(out, Matcher.quoteReplacement(scheme + "://" + m.group(2).replace(".", "[.]")));
        }
        m.appendTail(out);
        Matcher w = WWW.matcher(out.toString());
        StringBuilder done = new StringBuilder();
        while (w.find()) {
            w.appendReplacement(done, Matcher.quoteReplacement(w.group().replace(".", "[.]")));
        }
        w.appendTail(done);
        return done.toString();
    }

    private static String clip(String s, int max) {
        String clean = s == null ? "" : s.replaceAll("[\\p{Cntrl}&&[^\n\t]]", " ");
        return clean.length() > max ? clean.substring(0, max) + "…" : clean;
    }
}
