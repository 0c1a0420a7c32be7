package org.townhall.shield.web;

import java.util.Arrays;
import java.util.List;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.townhall.shield.RequestClass;

/** Which class a request is in, from its method and path alone (no session is read). */
final class Classifier {

    /** Finishing what a resident already started: a challenge written, a card entered, staff getting in to run an outage. */
    private static final List<PathPattern> ESSENTIAL_POSTS = patterns(
            "/parking/pcn/*/challenge", "/parking/pcn/*/challenge/check", "/staff/sign-in", "/staff/authenticator", "/staff/authenticator/**",
            "/sandbox-pay/**", "/payments/provider-notifications");
    /** Coming back from the card page and reading the receipt: a payment already made must be seen through. */
    private static final List<PathPattern> ESSENTIAL_GETS = patterns("/payments/*/return", "/payments/*", "/sandbox-pay/*",
            "/sandbox-pay/*/confirm");
    private static final List<PathPattern> BULK_POSTS = patterns(
            "/sign-in", "/register", "/forgot-password", "/reset-password", "/parking");
    private static final List<PathPattern> BULK_GETS = patterns(
            "/staff/audit/export.csv", "/staff/audit/blast-radius/export.csv");
    private static final List<PathPattern> UNCOUNTED = patterns("/assets/**", "/favicon.ico", "/actuator/health/**");

    private Classifier() {
    }

    private static final PathPattern SIGN_IN = PathPatternParser.defaultInstance.parse("/sign-in");

    static RequestClass classify(String method, String uri) {
        return classify(method, uri, false);
    }

    /**
     * Null for requests the shield does not count (static assets, health checks). The sign-in page
     * from a browser with a genuine known-browser cookie, and a sign-in from it to the account the
     * cookie was given for ({@code knownBrowser}, decided by ShieldFilter), are a resident coming
     * back, never credential stuffing: they are essential, so a stuffing attack shed as bulk
     * cannot crowd residents out of their accounts, and a replayed cookie lifts no other account.
     */
    static RequestClass classify(String method, String uri, boolean knownBrowser) {
        PathContainer path = PathContainer.parsePath(uri);
        if (matches(UNCOUNTED, path)) {
            return null;
        }
        boolean post = "POST".equals(method);
        if (knownBrowser && SIGN_IN.matches(path)) {
            return RequestClass.ESSENTIAL;
        }
        if ((post && matches(ESSENTIAL_POSTS, path)) || (!post && matches(ESSENTIAL_GETS, path))) {
            return RequestClass.ESSENTIAL;
        }
        if ((post && matches(BULK_POSTS, path)) || matches(BULK_GETS, path)) {
            return RequestClass.BULK;
        }
        return RequestClass.NORMAL;
    }

    /**
     * The class a request is shed as. A page asked for without any session is a first visit or a
     * script: it is counted against its address as a normal page, but waits and is shed with bulk
     * work, so a flood of page views from more addresses than any per-address limit can see cannot
     * crowd out residents who are signed in. A resident's first page may wait during an attack; once
     * it has a session, its pages are normal again. A script can send a made-up session cookie to
     * be treated as normal (ADR 0011): the per-address limit and the normal share still bound it.
     */
    static RequestClass priority(RequestClass byPath, boolean hasSession) {
        return byPath == RequestClass.NORMAL && !hasSession ? RequestClass.BULK : byPath;
    }

    private static boolean matches(List<PathPattern> patterns, PathContainer path) {
        return patterns.stream().anyMatch(p -> p.matches(path));
    }

    private static List<PathPattern> patterns(String... paths) {
        return Arrays.stream(paths).map(PathPatternParser.defaultInstance::parse).toList();
    }
}
