package org.townhall.accounts;

import java.util.Map;
import ua_parser.CachingParser;
import ua_parser.Client;
import ua_parser.Parser;

/**
 * A browser as people name it ("Chrome on Windows", "Safari on iPhone"), read from its user agent
 * with the ua-parser project's rules, so a resident can tell their own browsers from one they do
 * not recognise without reading a user-agent string.
 */
public final class BrowserNames {

    /** ua-parser's names for mobile and embedded builds, as people call the browser itself. */
    private static final Map<String, String> BROWSERS = Map.ofEntries(
            Map.entry("Mobile Safari", "Safari"), Map.entry("Mobile Safari UI/WKWebView", "Safari"),
            Map.entry("Chrome Mobile", "Chrome"), Map.entry("Chrome Mobile iOS", "Chrome"),
            Map.entry("Chrome Mobile WebView", "Chrome"), Map.entry("HeadlessChrome", "Chrome"),
            Map.entry("Chromium", "Chromium"), Map.entry("Firefox Mobile", "Firefox"), Map.entry("Firefox iOS", "Firefox"),
            Map.entry("Edge Mobile", "Edge"), Map.entry("Opera Mobile", "Opera"), Map.entry("Samsung Internet", "Samsung Internet"));

    private BrowserNames() {
    }

    /** The rules load only when the first account page asks, not while Townhall starts. */
    private static final class Rules {
        static final Parser PARSER = new CachingParser();
    }

    /** "Chrome on Windows"; just the browser when the system is unknown; "Unrecognised browser" when neither is known. */
    public static String of(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "Unrecognised browser";
        }
        Client client = Rules.PARSER.parse(userAgent.length() > 1000 ? userAgent.substring(0, 1000) : userAgent);
        String browser = client.userAgent == null || "Other".equals(client.userAgent.family) ? null
                : BROWSERS.getOrDefault(client.userAgent.family, client.userAgent.family);
        String system = system(client);
        if (browser == null) {
            return system == null ? "Unrecognised browser" : "A browser on " + system;
        }
        return system == null ? browser : browser + " on " + system;
    }

    private static String system(Client client) {
        String os = client.os == null ? "Other" : client.os.family;
        String device = client.device == null ? "Other" : client.device.family;
        return switch (os) {
            case "iOS" -> device.startsWith("iPad") ? "iPad" : device.startsWith("iPod") ? "iPod" : "iPhone";
            case "Mac OS X", "macOS" -> "Mac";
            case "Windows" -> "Windows";
            case "Android" -> "Android";
            case "Chrome OS" -> "Chromebook";
            case "Linux", "Ubuntu", "Debian", "Fedora", "Red Hat", "SUSE", "Arch Linux", "Mint" -> "Linux";
            case "Other" -> null;
            default -> os.startsWith("Windows") ? "Windows" : os;
        };
    }
}
