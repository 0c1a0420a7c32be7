package org.townhall.platform.web;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.townhall.platform.CouncilContact;
import org.townhall.platform.CouncilProperties;

/** What the page layout needs on every page: the council's name and who is signed in. */
@ControllerAdvice
class LayoutAdvice {

    private final CouncilProperties council;
    private final CouncilContact contact;
    private final long idleSeconds;

    LayoutAdvice(CouncilProperties council, CouncilContact contact,
                 @Value("${spring.session.timeout:30m}") Duration sessionIdle) {
        this.council = council;
        this.contact = contact;
        this.idleSeconds = sessionIdle.toSeconds();
    }

    /** How to reach the council another way: on the help pages and wherever the service cannot help. */
    @ModelAttribute("contact")
    CouncilContact contact() {
        return contact;
    }

    @ModelAttribute("council")
    CouncilProperties council() {
        return council;
    }

    @ModelAttribute("signedIn")
    SignedIn signedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken
                || !authentication.isAuthenticated()) {
            return SignedIn.NOBODY;
        }
        boolean staff = authentication.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_STAFF"));
        return new SignedIn(true, staff, idleSeconds);
    }

    /**
     * Whether someone is signed in, which sign-out the header offers, and how long the session
     * lasts without a request (the page warns before it runs out: WCAG 2.2.1).
     */
    record SignedIn(boolean present, boolean staff, long idleSeconds) {
        static final SignedIn NOBODY = new SignedIn(false, false, 0);

        public String signOutPath() {
            return staff ? "/staff/sign-out" : "/sign-out";
        }

        public String keepAlivePath() {
            return staff ? "/staff/session/keep-alive" : "/session/keep-alive";
        }

        public String signedOutPath() {
            return staff ? "/staff/sign-in?timedOut" : "/sign-in?timedOut";
        }

        /** Where the page goes when the session's fixed time (twelve hours by default) has run out. */
        public String limitReachedPath() {
            return staff ? "/staff/sign-in?timeLimit" : "/sign-in?timeLimit";
        }

        public String signInPath() {
            return staff ? "/staff/sign-in" : "/sign-in";
        }
    }
}
