package org.townhall.accounts.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;
import org.townhall.accounts.SignedInUser;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.platform.ClientOrigin;

/**
 * Ends a session a fixed time after sign-in however busy it has been (OWASP Session Management:
 * absolute timeout), on top of the idle timeout of spring.session.timeout. Runs before Spring
 * Security, so an expired session reaches it already signed out. Signed-in pages warn before this
 * moment (accounts.web.SessionEndAdvice, timeout-warning.js); no request, "Stay signed in"
 * included, moves it.
 */
@Configuration(proxyBeanMethods = false)
class AbsoluteSessionTimeout {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> absoluteSessionTimeoutFilter(SessionLimit limit, AuditTrail audit) {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                HttpSession session = request.getSession(false);
                if (session != null && limit.hasPassed(session)) {
                    if (session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY)
                            instanceof SecurityContext context && context.getAuthentication() != null
                            && context.getAuthentication().getPrincipal() instanceof SignedInUser user) {
                        AuditEntry expired = AuditEntry.of(AuditAction.SESSION_EXPIRED, AuditOutcome.SUCCESS,
                                user.isStaff() ? Actor.staff(user.ref()) : Actor.resident(user.ref())).because("absolute timeout");
                        audit.record(user.isStaff() ? expired : expired.about(user.ref()), ClientOrigin.of(request));
                    }
                    session.invalidate();
                }
                chain.doFilter(request, response);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        // After Spring Session's repository filter (which wraps the session), before Spring Security (-100).
        registration.setOrder(-101);
        return registration;
    }
}
