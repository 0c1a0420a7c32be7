package org.townhall.shield.web;

import com.netflix.concurrency.limits.Limiter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.townhall.platform.KnownBrowsers;
import org.townhall.shield.AddressRules;
import org.townhall.shield.LoadShedding;
import org.townhall.shield.RateLimits;
import org.townhall.shield.RequestClass;

/**
 * The first thing a request meets after getting its id: over its class's limit, it is answered
 * at once with 429 and Retry-After, before Spring Session reads the database or Spring Security
 * runs. Browsers get a GOV.UK-styled page built once (RefusalPages); other clients get problem details.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ShieldFilter extends OncePerRequestFilter {

    /** A shed request is asked back in a few seconds: overload passes quickly or the limit adapts. */
    private static final Duration SHED_RETRY = Duration.ofSeconds(5);

    /** The accounts module's known-browser cookie (accounts.web.DeviceCookie). */
    private static final String KNOWN_BROWSER_COOKIE = "TOWNHALL_DEVICE";

    private final RateLimits limits;
    private final KnownBrowsers knownBrowsers;
    private final AddressRules rules;
    private final LoadShedding shedding;
    private final MeterRegistry meters;
    private final RefusalPages pages;
    private final String sessionCookie;

    ShieldFilter(RateLimits limits, KnownBrowsers knownBrowsers, AddressRules rules, LoadShedding shedding, MeterRegistry meters,
                 RefusalPages pages, @Value("${server.servlet.session.cookie.name:SESSION}") String sessionCookie) {
        this.pages = pages;
        this.sessionCookie = sessionCookie;
        this.limits = limits;
        this.knownBrowsers = knownBrowsers;
        this.rules = rules;
        this.shedding = shedding;
        this.meters = meters;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RequestClass requestClass = limits.enabled()
                ? Classifier.classify(request.getMethod(), request.getRequestURI(), knownBrowser(request)) : null;
        AddressRules.Decision rule = limits.enabled() ? rules.decide(request.getRemoteAddr()) : AddressRules.Decision.NONE;
        if (rule == AddressRules.Decision.BLOCKED) {
            meters.counter("townhall.shield.refusals", "class", requestClass == null ? "UNCOUNTED" : requestClass.name(),
                    "reason", "blocked").increment();
            pages.blocked(request, response);
            return;
        }
        if (requestClass == null) {
            passOn(request, response, chain, null);
            return;
        }
        meters.counter("townhall.shield.requests", "class", requestClass.name()).increment();
        if (rule != AddressRules.Decision.ALLOWED) {
            Optional<Duration> wait = limits.tryAcquire(requestClass, request.getRemoteAddr());
            if (wait.isPresent()) {
                pages.tooMany(request, response, wait.get());
                return;
            }
        }
        Optional<Limiter.Listener> slot = shedding.acquire(Classifier.priority(requestClass, hasSession(request)));
        if (slot.isEmpty()) {
            meters.counter("townhall.shield.refusals", "class", requestClass.name(), "reason", "shed").increment();
            pages.shed(request, response, SHED_RETRY);
            return;
        }
        Outcome outcome = Outcome.FAILED;
        try {
            outcome = passOn(request, response, chain, requestClass);
        } finally {
            // A request that failed says nothing about latency; one that finished is a sample for
            // the limit; one that found the database full says the limit is too high.
            switch (outcome) {
                case FINISHED -> slot.get().onSuccess();
                case DATABASE_BUSY -> slot.get().onDropped();
                default -> slot.get().onIgnore();
            }
        }
    }

    private enum Outcome { FINISHED, DATABASE_BUSY, FAILED }

    /** Whether the request carries a session cookie at all (never read here: that would cost a query). */
    private boolean hasSession(HttpServletRequest request) {
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (sessionCookie.equals(cookie.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Passes the request on. If it could not get a database connection in time (every pooled
     * connection busy for the pool's wait), the resident gets the busy page, 503 and Retry-After,
     * not an error page after a long wait.
     */
    private Outcome passOn(HttpServletRequest request, HttpServletResponse response, FilterChain chain, RequestClass requestClass)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
            return Outcome.FINISHED;
        } catch (ServletException | RuntimeException e) {
            if (!noConnectionInTime(e) || response.isCommitted()) {
                throw e;
            }
            meters.counter("townhall.shield.refusals", "class", requestClass == null ? "UNCOUNTED" : requestClass.name(),
                    "reason", "database-busy").increment();
            response.reset();
            pages.shed(request, response, SHED_RETRY);
            return Outcome.DATABASE_BUSY;
        }
    }

    private static boolean noConnectionInTime(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether this is the sign-in page or a sign-in from the known browser of the account being
     * signed in to. A sign-in is lifted only when the cookie was given for the email address in
     * the form: a cookie copied from one resident's browser makes credential stuffing against
     * every other account nothing but bulk traffic. The form is read only once the cookie's
     * signature has checked out, so a script without a genuine cookie never has its body read
     * here; two HMACs decide, never the database.
     */
    private boolean knownBrowser(HttpServletRequest request) {
        if (!"/sign-in".equals(request.getRequestURI()) || request.getCookies() == null) {
            return false;
        }
        for (Cookie cookie : request.getCookies()) {
            if (KNOWN_BROWSER_COOKIE.equals(cookie.getName()) && knownBrowsers.isGenuine(cookie.getValue())) {
                return !"POST".equals(request.getMethod())
                        || knownBrowsers.vouchesFor(cookie.getValue(), request.getParameter("email"));
            }
        }
        return false;
    }
}
