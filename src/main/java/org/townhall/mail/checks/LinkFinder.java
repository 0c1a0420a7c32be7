package org.townhall.mail.checks;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Inflater;
import org.townhall.mail.message.Attachment;
import org.townhall.mail.message.Html;
import org.townhall.mail.message.ParsedMail;

/**
 * Every link in a message, wherever it hides: the plain text, the HTML (with the text each link
 * shows), and the attachments (web pages, text, PDF link annotations including compressed ones,
 * links inside Office documents, and QR codes in images and PDF pages).
 */
public final class LinkFinder {

    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|hxxps?://|www\\.)[^\\s<>\"'()\\[\\]{}|\\\\^`]{2,2000}");
    private static final Pattern PDF_URI = Pattern.compile("/URI\\s*\\(([^)]{1,2000})\\)");
    private static final Pattern OFFICE_TARGET = Pattern.compile("Target=\"(https?://[^\"]{1,2000})\"");
    private static final Pattern STREAM = Pattern.compile("stream\r?\n");

    private LinkFinder() {
    }

    public static void find(Incoming incoming) {
        ParsedMail mail = incoming.mail();
        fromText(incoming, mail.text(), "text");
        for (Html.Anchor anchor : Html.anchors(mail.html())) {
            Link.of(anchor.href(), anchor.text(), "html").ifPresent(incoming::addLink);
        }
        for (String address : Html.addresses(mail.html())) {
            if (!address.regionMatches(true, 0, "cid:", 0, 4)) {
                Link.of(address, "", "html").ifPresent(incoming::addLink);
            }
        }
        fromText(incoming, mail.htmlText(), "html");
        for (Attachment attachment : mail.attachments()) {
            fromAttachment(incoming, attachment);
        }
    }

    private static void fromAttachment(Incoming incoming, Attachment attachment) {
        byte[] content = attachment.content();
        FileType type = FileType.of(content);
        String where = "attachment " + (attachment.fileName().isEmpty() ? "(unnamed)" : attachment.fileName());
        switch (type) {
            case HTML, SVG, TEXT, RTF -> {
                String text = new String(content, StandardCharsets.UTF_8);
                for (Html.Anchor anchor : Html.anchors(text)) {
                    Link.of(anchor.href(), anchor.text(), where).ifPresent(incoming::addLink);
                }
                Html.addresses(text).forEach(a -> Link.of(a, "", where).ifPresent(incoming::addLink));
                fromText(incoming, text, where);
            }
            case PDF -> {
                pdfLinks(incoming, content, where);
                QrCodes.in(content, type).forEach(qr -> qrLink(incoming, qr, where));
            }
            case ZIP -> {
                for (Archive.Entry entry : Archive.read(content).entries()) {
                    String text = new String(entry.head(), StandardCharsets.UTF_8);
                    Matcher m = OFFICE_TARGET.matcher(text);
                    while (m.find()) {
                        Link.of(m.group(1), "", where).ifPresent(incoming::addLink);
                    }
                }
            }
            default -> {
                if (type.isImage()) {
                    QrCodes.in(content, type).forEach(qr -> qrLink(incoming, qr, where));
                }
            }
        }
    }

    private static void qrLink(Incoming incoming, String text, String where) {
        Matcher m = URL.matcher(text);
        if (m.find()) {
            Link.of(clean(m.group()), "", "QR code in " + where).ifPresent(incoming::addLink);
        }
    }

    /** Link annotations, in the file as written and in every stream that inflates (within 50 MB). */
    private static void pdfLinks(Incoming incoming, byte[] pdf, String where) {
        String raw = new String(pdf, StandardCharsets.ISO_8859_1);
        addPdfUris(incoming, raw, where);
        Matcher stream = STREAM.matcher(raw);
        long budget = 50L * 1024 * 1024;
        while (stream.find() && budget > 0) {
            int end = raw.indexOf("endstream", stream.end());
            if (end < 0) {
                break;
            }
            String inflated = inflate(pdf, stream.end(), end - stream.end(), budget);
            budget -= inflated.length();
            addPdfUris(incoming, inflated, where);
        }
    }

    private static void addPdfUris(Incoming incoming, String text, String where) {
        Matcher m = PDF_URI.matcher(text);
        while (m.find()) {
            Link.of(m.group(1).replace("\\", ""), "", where).ifPresent(incoming::addLink);
        }
    }

    private static String inflate(byte[] bytes, int offset, int length, long budget) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(bytes, offset, length);
            StringBuilder out = new StringBuilder();
            byte[] buffer = new byte[32 * 1024];
            while (!inflater.finished() && out.length() < budget) {
                int n = inflater.inflate(buffer);
                if (n == 0) {
                    break;
                }
                out.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
            return out.toString();
        } catch (java.util.zip.DataFormatException notZlib) {
            return "";
        } finally {
            inflater.end();
        }
    }

    private static void fromText(Incoming incoming, String text, String where) {
        if (text == null || text.isEmpty()) {
            return;
        }
        Matcher m = URL.matcher(text.length() > 2_000_000 ? text.substring(0, 2_000_000) : text);
        while (m.find()) {
            Link.of(clean(m.group()), "", where).ifPresent(incoming::addLink);
        }
    }

    /** Defanged "hxxp" is still a link; trailing punctuation belongs to the sentence. */
    private static String clean(String url) {
        String u = url.replaceFirst("(?i)^hxxp", "http");
        return u.replaceAll("[.,;:!?]+$", "");
    }
}
