package org.townhall.mail.checks;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A link found in a message: the address, the host it leads to, the text a reader saw for it
 * (HTML anchors only), and where it was found (text, html, an attachment, a QR code).
 */
public record Link(String url, String host, String shownText, String foundIn) {

    private static final Pattern HOST = Pattern.compile("(?i)^(?:[a-z][a-z0-9+.-]{0,20}:)?//(?:[^@/?#\\s]*@)?(\\[[0-9a-f:.]+\\]|[^:/?#\\s]+)");

    private static final Pattern RUNS_CODE = Pattern.compile("(?i)^(?:javascript|vbscript|livescript):|^data:\\s*(?:text/html|"
            + "application/(?:xhtml|x?html|javascript|ecmascript)|image/svg|text/javascript)");
    private static final Pattern WEB_SCHEME = Pattern.compile("(?i)^(?:https?|ftp|wss?):");

    /**
     * A link from an address as written; empty when it names no host (mailto:, #anchors,
     * relative paths, inline images). An address that runs code when followed (javascript:, a
     * data: page) is a link with no host. Backslashes in a web address are slashes to a browser
     * ("https:\\\\evil.example\\pay" opens evil.example), so they are here too.
     */
    public static Optional<Link> of(String url, String shownText, String foundIn) {
        String u = url.strip();
        if (RUNS_CODE.matcher(u).find()) {
            return Optional.of(new Link(u, "", shownText == null ? "" : shownText, foundIn));
        }
        if (u.regionMatches(true, 0, "www.", 0, 4)) {
            u = "http://" + u;
        }
        if (u.indexOf('\\') >= 0 && (WEB_SCHEME.matcher(u).find() || u.startsWith("\\\\"))) {
            u = u.replace('\\', '/');
        }
        Matcher m = HOST.matcher(u);
        if (!m.find()) {
            return Optional.empty();
        }
        String host = m.group(1).toLowerCase(Locale.ROOT);
        host = decodePercent(host);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Link(u, host, shownText == null ? "" : shownText, foundIn));
    }

    /** The host in ASCII (punycode), as DNS and the lookalike checks compare it. */
    public String asciiHost() {
        try {
            return IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException notIdn) {
            return host;
        }
    }

    /** The host as a reader sees it (Unicode), which is what a homoglyph attack works on. */
    public String unicodeHost() {
        try {
            return IDN.toUnicode(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException notIdn) {
            return host;
        }
    }

    /** Whether following the link runs code instead of opening a page (javascript:, a data: page). */
    public boolean runsCode() {
        return host.isEmpty();
    }

    public boolean isIpAddress() {
        return host.startsWith("[") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || host.matches("0x[0-9a-f]+|\\d{8,10}");
    }

    private static String decodePercent(String host) {
        if (host.indexOf('%') < 0) {
            return host;
        }
        try {
            return java.net.URLDecoder.decode(host, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException broken) {
            return host;
        }
    }
}
