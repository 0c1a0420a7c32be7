package org.townhall.accounts.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The longest a signed-in session lasts, however busy it is (OWASP Session Management: absolute
 * timeout), counted from the moment of sign-in that {@link SessionSignIn} notes in the session.
 * One place answers both "has it ended?" (the filter that ends it) and "how long is left?" (the
 * page that warns before it ends), so the two cannot disagree. Nothing a request does moves the
 * end: only signing in again starts a new session with a new one.
 */
@Component
public class SessionLimit {

    private final Clock clock;
    private final Duration longest;

    SessionLimit(Clock clock, @Value("${townhall.sessions.absolute-timeout:12h}") Duration longest) {
        this.clock = clock;
        this.longest = longest;
    }

    public Duration longest() {
        return longest;
    }

    /** When this request's session ends at the latest; empty when nobody has signed in on it. */
    public Optional<Instant> endOf(HttpServletRequest request) {
        return endOf(request.getSession(false));
    }

    /** How long this request's session has left, never less than nothing; empty when nobody has signed in on it. */
    public Optional<Duration> leftFor(HttpServletRequest request) {
        return endOf(request).map(this::leftUntil);
    }

    /** How long is left until a session's end, never less than nothing. */
    public Duration leftUntil(Instant end) {
        Instant now = clock.instant();
        return now.isAfter(end) ? Duration.ZERO : Duration.between(now, end);
    }

    boolean hasPassed(HttpSession session) {
        return endOf(session).filter(end -> clock.instant().isAfter(end)).isPresent();
    }

    private Optional<Instant> endOf(HttpSession session) {
        if (session == null) {
            return Optional.empty();
        }
        try {
            return session.getAttribute(SessionSignIn.SIGNED_IN_AT) instanceof Long signedInAt
                    ? Optional.of(Instant.ofEpochMilli(signedInAt).plus(longest)) : Optional.empty();
        } catch (IllegalStateException invalidated) {
            return Optional.empty();
        }
    }
}
