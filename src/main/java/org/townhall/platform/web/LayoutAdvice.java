package org.townhall.platform.web;

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

    LayoutAdvice(CouncilProperties council, CouncilContact contact) {
        this.council = council;
        this.contact = contact;
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
        return new SignedIn(true, staff);
    }

    /** Whether someone is signed in, and which sign-out the header offers. */
    record SignedIn(boolean present, boolean staff) {
        static final SignedIn NOBODY = new SignedIn(false, false);

        public String signOutPath() {
            return staff ? "/staff/sign-out" : "/sign-out";
        }
    }
}
