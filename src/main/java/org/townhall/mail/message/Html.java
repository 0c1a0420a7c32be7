package org.townhall.mail.message;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough HTML reading for screening: the visible text, the links with the text they show,
 * and whether a document carries forms or scripts. Regular expressions over bounded input, never
 * a browser engine: mail HTML is hostile and only needs to be read, not rendered.
 */
public final class Html {

    /** Longest HTML read, so a pathological document costs bounded time. */
    static final int MAX_CHARS = 2_000_000;

    private static final Pattern INVISIBLE = Pattern.compile("(?is)<(script|style|head|title)\\b.*?</\\1\\s*>");
    private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?-->");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]{0,10000}>");
    private static final Pattern BREAK = Pattern.compile("(?i)<(br|/p|/div|/tr|/li|/h[1-6])\\b[^>]{0,1000}>");
    private static final Pattern ANCHOR = Pattern.compile(
            "(?is)<a\\b([^>]{0,5000})>(.{0,5000}?)</a\\s*>");
    private static final Pattern HREF = Pattern.compile(
            "(?is)\\b(?:href|action|src|data|formaction|background|poster|cite|longdesc)\\s*=\\s*(\"[^\"]{0,5000}\"|'[^']{0,5000}'|[^\\s>]{1,5000})");
    /** Addresses hidden where no href is: image candidate lists, meta refresh and CSS url(). */
    private static final Pattern SRCSET = Pattern.compile("(?is)\\bsrcset\\s*=\\s*(\"[^\"]{0,5000}\"|'[^']{0,5000}')");
    private static final Pattern REFRESH = Pattern.compile("(?is)<meta\\b[^>]{0,2000}?\\bcontent\\s*=\\s*[\"']?\\s*\\d*\\s*;?\\s*url\\s*=\\s*['\"]?([^\"'>\\s]{1,5000})");
    private static final Pattern CSS_URL = Pattern.compile("(?i)url\\(\\s*(?:&quot;|[\"'])?([^\"')\\s&]{1,5000})");
    /** Numeric references need no semicolon in browsers ("&#106avascript:"); named ones do. */
    private static final Pattern ENTITY = Pattern.compile("&(#[xX][0-9a-fA-F]{1,6};?|#[0-9]{1,7};?|[a-zA-Z]{2,8};)");
    private static final Pattern FORM = Pattern.compile("(?i)<form\\b|<input\\b[^>]{0,2000}type\\s*=\\s*[\"']?password");
    private static final Pattern SCRIPT = Pattern.compile("(?i)<script\\b|\\bon(load|error|click|mouseover|submit)\\s*=|javascript:|<iframe\\b|<object\\b|<embed\\b|http-equiv\\s*=\\s*[\"']?refresh");

    /** A link and the text a reader sees for it. */
    public record Anchor(String href, String text) {
    }

    private Html() {
    }

    public static String visibleText(String html) {
        if (html == null || html.isEmpty()) {
            return "";
        }
        String s = bounded(html);
        s = COMMENT.matcher(s).replaceAll(" ");
        s = INVISIBLE.matcher(s).replaceAll(" ");
        s = BREAK.matcher(s).replaceAll("\n");
        s = TAG.matcher(s).replaceAll(" ");
        return entities(s).replaceAll("[ \\t\\x0B\\f\\r]+", " ").replaceAll("\\n\\s*\\n+", "\n\n").strip();
    }

    public static List<Anchor> anchors(String html) {
        List<Anchor> anchors = new ArrayList<>();
        if (html == null) {
            return anchors;
        }
        Matcher m = ANCHOR.matcher(bounded(html));
        while (m.find() && anchors.size() < 5000) {
            Matcher href = HREF.matcher(m.group(1));
            if (href.find()) {
                anchors.add(new Anchor(unquote(href.group(1)), visibleText(m.group(2))));
            }
        }
        return anchors;
    }

    /** Every address in an href, action, src or similar attribute. */
    public static List<String> addresses(String html) {
        List<String> found = new ArrayList<>();
        if (html == null) {
            return found;
        }
        String bounded = bounded(html);
        Matcher m = HREF.matcher(bounded);
        while (m.find() && found.size() < 5000) {
            found.add(unquote(m.group(1)));
        }
        Matcher set = SRCSET.matcher(bounded);
        while (set.find() && found.size() < 5000) {
            for (String candidate : unquote(set.group(1)).split(",")) {
                String url = candidate.strip().split("\\s+")[0];
                if (!url.isEmpty()) {
                    found.add(url);
                }
            }
        }
        for (Pattern hidden : new Pattern[] {REFRESH, CSS_URL}) {
            Matcher h = hidden.matcher(bounded);
            while (h.find() && found.size() < 5000) {
                found.add(unquote(h.group(1)));
            }
        }
        return found;
    }

    public static boolean hasForm(String html) {
        return html != null && FORM.matcher(bounded(html)).find();
    }

    public static boolean hasScript(String html) {
        return html != null && SCRIPT.matcher(bounded(html)).find();
    }

    /**
     * An attribute's address as a browser reads it (WHATWG URL): character references decoded,
     * then every tab and line break removed and C0 controls and spaces trimmed, so
     * "java&#9;script:" and "java\tscript:" are the javascript: they run as.
     */
    private static String unquote(String value) {
        String v = value.strip();
        if (v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'"))) {
            v = v.substring(1, v.length() - 1);
        }
        String decoded = entities(v).replaceAll("[\\t\\n\\r]", "");
        int start = 0;
        int end = decoded.length();
        while (start < end && decoded.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && decoded.charAt(end - 1) <= ' ') {
            end--;
        }
        return decoded.substring(start, end);
    }

    static String entities(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        return ENTITY.matcher(s).replaceAll(m -> Matcher.quoteReplacement(entity(m.group(1))));
    }

    private static String entity(String reference) {
        String name = reference.endsWith(";") ? reference.substring(0, reference.length() - 1) : reference;
        try {
            if (name.startsWith("#x") || name.startsWith("#X")) {
                return new String(Character.toChars(Integer.parseInt(name.substring(2), 16)));
            }
            if (name.startsWith("#")) {
                return new String(Character.toChars(Integer.parseInt(name.substring(1))));
            }
        } catch (IllegalArgumentException notACharacter) {
            return " ";
        }
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> " ";
            case "pound" -> "£";
            // The characters a link's scheme and host can be spelt with (HTML5's named references).
            case "colon" -> ":";
            case "sol" -> "/";
            case "bsol" -> "\\";
            case "period" -> ".";
            case "commat" -> "@";
            case "tab" -> "\t";
            case "newline" -> "\n";
            case "lpar" -> "(";
            case "rpar" -> ")";
            case "quest" -> "?";
            case "num" -> "#";
            case "equals" -> "=";
            case "percnt" -> "%";
            case "lowbar" -> "_";
            default -> " ";
        };
    }

    private static String bounded(String html) {
        return html.length() > MAX_CHARS ? html.substring(0, MAX_CHARS) : html;
    }
}
