package org.townhall.accounts.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Where a resident goes back to after signing in: a path on this site, or nowhere. A sign-in link
 * that sends people on to another site is an open redirect phishers love (OWASP "Unvalidated
 * Redirects and Forwards"): {@code //evil.example} and {@code /\evil.example} are both read by
 * browsers as another host, so neither a second slash nor any backslash is taken.
 */
public final class ReturnPath {

    private ReturnPath() {
    }

    public static Optional<String> safe(String next) {
        if (next == null || next.isEmpty() || next.length() > 500 || next.charAt(0) != '/' || next.startsWith("//")) {
            return Optional.empty();
        }
        // Controls, spaces and backslashes anywhere (browsers turn \ into /); braces would be read as template variables.
        if (next.chars().anyMatch(c -> c <= 0x20 || c == 0x7f || c == '\\' || c == '{' || c == '}' || c > 0x7e)) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(next);
            if (uri.getScheme() != null || uri.getRawAuthority() != null || uri.getRawPath() == null) {
                return Optional.empty();
            }
            // Not back to signing in or out, and not into the staff side, which has its own sign-in.
            // Judged on the page the path reaches, not on how it is spelt: the browser removes dot
            // segments (/./staff, /account/../staff) and the server decodes escapes (/%73taff).
            String path = reached(uri.getPath());
            if (path.startsWith("/sign-in") || path.startsWith("/sign-out") || path.startsWith("/staff")) {
                return Optional.empty();
            }
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        return Optional.of(next);
    }

    /**
     * The page a decoded path reaches: dot segments resolved (RFC 3986 section 5.2.4), and empty
     * segments and path parameters (;x) dropped as the servlet container drops them.
     */
    private static String reached(String decodedPath) {
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : decodedPath.split("/", -1)) {
            int parameters = segment.indexOf(';');
            String name = parameters >= 0 ? segment.substring(0, parameters) : segment;
            if (name.equals("..")) {
                segments.pollLast();
            } else if (!name.isEmpty() && !name.equals(".")) {
                segments.addLast(name);
            }
        }
        return "/" + String.join("/", segments);
    }
}
