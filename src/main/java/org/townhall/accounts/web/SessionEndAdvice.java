package org.townhall.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.format.DateTimeFormatter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.townhall.accounts.security.SessionLimit;
import org.townhall.platform.ClockConfiguration;

/**
 * Tells every signed-in page when its session ends however busy it is, so the page can warn first
 * (WCAG 2.2 success criterion 2.2.1, Timing Adjustable; timeout-warning.js). The page is given the
 * seconds left, counted here by the server's clock, and counts down from when it loaded: a
 * browser's own clock may be minutes or hours out. The clock time it shows is the council's.
 */
@ControllerAdvice
class SessionEndAdvice {

    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ClockConfiguration.LONDON);

    private final SessionLimit limit;

    SessionEndAdvice(SessionLimit limit) {
        this.limit = limit;
    }

    /** For the sign-in pages' "we signed you out" banner, and anything else that says how long a session lasts. */
    @ModelAttribute("sessionLongestHours")
    long sessionLongestHours() {
        return limit.longest().toHours();
    }

    /** Null when nobody has signed in on this request's session. */
    @ModelAttribute("sessionEnd")
    SessionEnd sessionEnd(HttpServletRequest request) {
        return limit.endOf(request)
                .map(end -> new SessionEnd(limit.leftUntil(end).toSeconds(), CLOCK_TIME.format(end)))
                .orElse(null);
    }

    /** Seconds the session has left, as the server counts them, and the clock time (HH:mm, UK time) it ends. */
    record SessionEnd(long secondsLeft, String at) {
    }
}
