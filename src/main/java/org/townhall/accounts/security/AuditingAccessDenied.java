package org.townhall.accounts.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Component;
import org.townhall.accounts.SignedInUser;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.audit.EvidenceRequests;

/**
 * Every refusal is recorded: a resident on a staff page, the wrong staff role, a missing or
 * forged CSRF token, and an anonymous visitor sent to sign in.
 */
@Component
class AuditingAccessDenied implements AccessDeniedHandler {

    private final AuditTrail audit;
    private final EvidenceRequests evidence;

    AuditingAccessDenied(AuditTrail audit, EvidenceRequests evidence) {
        this.audit = audit;
        this.evidence = evidence;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException refused)
            throws IOException {
        String reason = refused instanceof CsrfException ? "csrf token missing or wrong" : "not allowed";
        audit.record(refusal(request, reason));
        response.sendError(HttpServletResponse.SC_FORBIDDEN);
    }

    /** Sends an anonymous visitor to the given sign-in page, recording the attempt. */
    AuthenticationEntryPoint signInFirst(String signInPage) {
        return (request, response, authException) -> {
            audit.record(refusal(request, "sign-in required"));
            // A resident is brought back to the page they asked for once signed in (only pages read, on this site).
            String query = request.getQueryString();
            Optional<String> back = "/sign-in".equals(signInPage) && "GET".equals(request.getMethod())
                    ? ReturnPath.safe(request.getRequestURI() + (query == null ? "" : "?" + query)) : Optional.empty();
            response.sendRedirect(back.map(path -> signInPage + "?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8))
                    .orElse(signInPage));
        };
    }

    /** A request for evidence is recorded as one, so it is counted with those the vault refuses. */
    private AuditEntry refusal(HttpServletRequest request, String reason) {
        AuditEntry entry = evidence.isEvidenceRequest(request)
                ? AuditEntry.evidenceRefused(actor(), "request: " + reason)
                : AuditEntry.of(AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, actor()).because(reason);
        return entry.on(path(request));
    }

    static Actor actor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken
                || !(authentication.getPrincipal() instanceof SignedInUser user)) {
            return Actor.anonymous();
        }
        return user.isStaff() ? Actor.staff(user.ref()) : Actor.resident(user.ref());
    }

    /** The method and path only: a query string may carry a token. */
    private static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return request.getMethod() + " " + (uri.length() > 180 ? uri.substring(0, 180) : uri);
    }
}
