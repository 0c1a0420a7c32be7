package org.townhall.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What a visitor sends that Townhall cannot read is answered as such, before anything tries to use
 * it and fails with a server error deep inside:
 * <ul>
 * <li>a session cookie that is not one Townhall made (Spring Session's are a UUID, base64-encoded)
 * is ignored, as if absent: otherwise it reaches the session query as text PostgreSQL refuses
 * (a NUL byte), and every page answers 500; and</li>
 * <li>a query string or form whose percent-encoding is not valid UTF-8 is refused with 400 at once:
 * otherwise the first template that reads a parameter fails with 500; and</li>
 * <li>so is one with a NUL character in a parameter's name or value: no form field holds one, and
 * PostgreSQL text cannot, so it failed with 500 at whichever insert or search it reached first
 * (the anonymous pay page, a refund's reason, the incident forms).</li>
 * </ul>
 * Runs after the shield has decided (so a flood pays for no parsing) and before the session is read
 * (Spring Session's filter is at {@code Integer.MIN_VALUE + 50}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
class UnreadableRequests extends OncePerRequestFilter {

    private static final Pattern SESSION_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final String sessionCookie;

    UnreadableRequests(@Value("${server.servlet.session.cookie.name:SESSION}") String sessionCookie) {
        this.sessionCookie = sessionCookie;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            try {
                if (request.getParameterMap().entrySet().stream().anyMatch(UnreadableRequests::holdsNul)) {
                    response.sendError(HttpServletResponse.SC_BAD_REQUEST);
                    return;
                }
            } catch (IllegalStateException | IllegalArgumentException unreadable) {
                response.sendError(HttpServletResponse.SC_BAD_REQUEST);
                return;
            }
        }
        Cookie[] cookies = request.getCookies();
        if (cookies != null && Arrays.stream(cookies).anyMatch(this::isForeignSessionCookie)) {
            Cookie[] kept = Arrays.stream(cookies).filter(c -> !isForeignSessionCookie(c)).toArray(Cookie[]::new);
            request = new HttpServletRequestWrapper(request) {
                @Override
                public Cookie[] getCookies() {
                    return kept.clone();
                }
            };
        }
        chain.doFilter(request, response);
    }

    private static boolean holdsNul(Map.Entry<String, String[]> parameter) {
        return parameter.getKey().indexOf('\0') >= 0 || Arrays.stream(parameter.getValue()).anyMatch(v -> v != null && v.indexOf('\0') >= 0);
    }

    private boolean isForeignSessionCookie(Cookie cookie) {
        if (!cookie.getName().equals(sessionCookie)) {
            return false;
        }
        try {
            String id = new String(Base64.getDecoder().decode(cookie.getValue()), StandardCharsets.UTF_8);
            return !SESSION_ID.matcher(id).matches();
        } catch (IllegalArgumentException notBase64) {
            return true;
        }
    }
}
