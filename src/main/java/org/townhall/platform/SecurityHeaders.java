package org.townhall.platform;

/**
 * The headers every response carries, whoever writes it: Spring Security on pages, and Tomcat
 * itself on the requests it refuses before any application code runs (a malformed request line
 * or header, an unsupported HTTP version, TRACE).
 */
public final class SecurityHeaders {

    /**
     * No inline script or style anywhere: GOV.UK Frontend is started from a file (init.js). The
     * only data: images are the authenticator QR codes.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /** A year, subdomains included: what the HSTS preload list asks for. */
    public static final long HSTS_MAX_AGE_SECONDS = 31_536_000;

    public static final String HSTS = "max-age=" + HSTS_MAX_AGE_SECONDS + " ; includeSubDomains";

    private SecurityHeaders() {
    }
}
