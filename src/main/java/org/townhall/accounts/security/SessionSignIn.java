package org.townhall.accounts.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.stereotype.Component;
import org.townhall.accounts.SignedInUser;
import org.townhall.accounts.StaffRole;

/**
 * Turns a checked sign-in into a session: a new session id and CSRF token (so planted ones are
 * useless), the time of sign-in for the absolute timeout, and the person with their authorities.
 */
@Component
public class SessionSignIn {

    static final String SIGNED_IN_AT = "townhall.signedInAt";

    private final SecurityContextRepository contexts;
    private final Clock clock;
    /** A new CSRF token at sign-in, so a token planted before sign-in is worthless after it. */
    private final CsrfAuthenticationStrategy newCsrfToken = new CsrfAuthenticationStrategy(new HttpSessionCsrfTokenRepository());

    SessionSignIn(SecurityContextRepository contexts, Clock clock) {
        this.contexts = contexts;
        this.clock = clock;
    }

    public void establish(SignedInUser user, HttpServletRequest request, HttpServletResponse response) {
        HttpSession existing = request.getSession(false);
        if (existing != null) {
            request.changeSessionId();
        }
        HttpSession session = request.getSession(true);
        session.setAttribute(SIGNED_IN_AT, clock.millis());
        Authentication authentication = UsernamePasswordAuthenticationToken.authenticated(user, null, authorities(user));
        newCsrfToken.onAuthentication(authentication, request, response);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }

    private static List<GrantedAuthority> authorities(SignedInUser user) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        if (user.isStaff()) {
            authorities.add(new SimpleGrantedAuthority("ROLE_STAFF"));
            for (StaffRole role : user.roles()) {
                authorities.add(new SimpleGrantedAuthority(role.authority()));
            }
        } else {
            authorities.add(new SimpleGrantedAuthority("ROLE_RESIDENT"));
        }
        return authorities;
    }
}
