package org.townhall.shield.web;

import com.netflix.concurrency.limits.Limiter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * runs. Browsers get a plain GOV.UK-styled page built once; other clients get problem details.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ShieldFilter extends OncePerRequestFilter {

    private static final byte[] BUSY_PAGE = ("""
            <!DOCTYPE html><html lang="en" class="govuk-template"><head><meta charset="utf-8">
            <title>Sorry, there have been too many requests</title>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <link rel="stylesheet" href="/assets/govuk/govuk-frontend.min.css"><link rel="stylesheet" href="/assets/townhall/townhall.css">
            </head><body class="govuk-template__body"><div class="govuk-width-container"><main class="govuk-main-wrapper" id="main-content">
            <h1 class="govuk-heading-l">Sorry, there have been too many requests</h1>
            <p class="govuk-body">Too many requests have come from your connection in a short time. Wait a minute and try again.</p>
            <p class="govuk-body">Nothing you sent has been lost: if you were part-way through something, go back and send it again.</p>
            </main></div></body></html>""").getBytes(StandardCharsets.UTF_8);
    private static final byte[] PROBLEM = """
            {"type":"about:blank","title":"Too many requests","status":429,"detail":"Too many requests from this client. Retry after the time in the Retry-After header."}"""
            .getBytes(StandardCharsets.UTF_8);

    private static final byte[] BLOCKED_PAGE = ("""
            <!DOCTYPE html><html lang="en" class="govuk-template"><head><meta charset="utf-8">
            <title>Access from your network has been blocked</title>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <link rel="stylesheet" href="/assets/govuk/govuk-frontend.min.css"><link rel="stylesheet" href="/assets/townhall/townhall.css">
            </head><body class="govuk-template__body"><div class="govuk-width-container"><main class="govuk-main-wrapper" id="main-content">
            <h1 class="govuk-heading-l">Access from your network has been blocked</h1>
            <p class="govuk-body">Requests from your network have been blocked because of an attack on the council's services.</p>
            <p class="govuk-body">If you need to use this service, try another connection (for example, mobile data) or phone the council.</p>
            </main></div></body></html>""").getBytes(StandardCharsets.UTF_8);
    private static final byte[] BLOCKED_PROBLEM = """
            {"type":"about:blank","title":"Forbidden","status":403,"detail":"Requests from this network are blocked."}"""
            .getBytes(StandardCharsets.UTF_8);

    private static final byte[] SHED_PAGE = ("""
            <!DOCTYPE html><html lang="en" class="govuk-template"><head><meta charset="utf-8">
            <title>Sorry, the service is very busy</title>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <link rel="stylesheet" href="/assets/govuk/govuk-frontend.min.css"><link rel="stylesheet" href="/assets/townhall/townhall.css">
            </head><body class="govuk-template__body"><div class="govuk-width-container"><main class="govuk-main-wrapper" id="main-content">
            <h1 class="govuk-heading-l">Sorry, the service is very busy</h1>
            <p class="govuk-body">So many people are using the council's online services that we cannot answer this request now.
            Try again in a few seconds.</p>
            <p class="govuk-body">Payments already started and challenges already written are answered first: if you were finishing
            one, go back and send it again.</p>
            </main></div></body></html>""").getBytes(StandardCharsets.UTF_8);
    private static final byte[] SHED_PROBLEM = """
            {"type":"about:blank","title":"Service busy","status":503,"detail":"The service is shedding load. Retry after the time in the Retry-After header."}"""
            .getBytes(StandardCharsets.UTF_8);
    /** A shed request is asked back in a few seconds: overload passes quickly or the limit adapts. */
    private static final Duration SHED_RETRY = Duration.ofSeconds(5);

    /** The accounts module's known-browser cookie (accounts.web.DeviceCookie). */
    private static final String KNOWN_BROWSER_COOKIE = "TOWNHALL_DEVICE";

    private final RateLimits limits;
    private final KnownBrowsers knownBrowsers;
    private final AddressRules rules;
    private final LoadShedding shedding;
    private final MeterRegistry meters;
    private final String sessionCookie;

    ShieldFilter(RateLimits limits, KnownBrowsers knownBrowsers, AddressRules rules, LoadShedding shedding, MeterRegistry meters,
                 @Value("${server.servlet.session.cookie.name:SESSION}") String sessionCookie) {
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
            answer(request, response, 403, null, BLOCKED_PAGE, BLOCKED_PROBLEM);
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
                refuse(request, response, wait.get());
                return;
            }
        }
        Optional<Limiter.Listener> slot = shedding.acquire(Classifier.priority(requestClass, hasSession(request)));
        if (slot.isEmpty()) {
            meters.counter("townhall.shield.refusals", "class", requestClass.name(), "reason", "shed").increment();
            answer(request, response, 503, SHED_RETRY, SHED_PAGE, SHED_PROBLEM);
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
            answer(request, response, 503, SHED_RETRY, SHED_PAGE, SHED_PROBLEM);
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

    private static void refuse(HttpServletRequest request, HttpServletResponse response, Duration wait) throws IOException {
        answer(request, response, 429, wait, BUSY_PAGE, PROBLEM);
    }

    /** The same 429 for a signed-in account over its own limit. */
    static void refuseBusy(HttpServletRequest request, HttpServletResponse response, Duration wait) throws IOException {
        refuse(request, response, wait);
    }

    private static void answer(HttpServletRequest request, HttpServletResponse response, int status, Duration wait, byte[] page,
                               byte[] problem) throws IOException {
        response.setStatus(status);
        if (wait != null) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
        }
        response.setHeader("Cache-Control", "no-store");
        // Refused before Spring Security runs, so the refusal carries its own safe headers.
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'none'; frame-ancestors 'none'");
        String accept = request.getHeader("Accept");
        boolean browser = accept != null && accept.contains("text/html");
        response.setContentType(browser ? "text/html;charset=UTF-8" : "application/problem+json");
        byte[] body = browser ? page : problem;
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
