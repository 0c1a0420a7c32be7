package org.townhall.accounts.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session a fixed time after sign-in however busy it has been (OWASP Session Management:
 * absolute timeout), on top of the idle timeout of spring.session.timeout. Runs before Spring
 * Security, so an expired session reaches it already signed out.
 */
@Configuration(proxyBeanMethods = false)
class AbsoluteSessionTimeout {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> absoluteSessionTimeoutFilter(
            Clock clock, @Value("${townhall.sessions.absolute-timeout:12h}") Duration limit) {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                HttpSession session = request.getSession(false);
                if (session != null && session.getAttribute(SessionSignIn.SIGNED_IN_AT) instanceof Long signedInAt
                        && clock.millis() - signedInAt > limit.toMillis()) {
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
