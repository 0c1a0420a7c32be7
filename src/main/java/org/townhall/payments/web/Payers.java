package org.townhall.payments.web;

import jakarta.servlet.http.HttpSession;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.townhall.accounts.SignedInUser;
import org.townhall.payments.GuestPayers;

/** Whose payment pages these are: the signed-in resident's, else the payments this browser session made without an account. */
final class Payers {

    private Payers() {
    }

    /**
     * The signed-in resident, else this session's guest payer (ADR 0027). Neither: sign in first,
     * as before these pages were open to guests (a receipt link from an email opened signed out).
     */
    static String ref(SignedInUser resident) {
        if (resident != null && resident.isStaff()) {
            // Staff see payments on their own pages, by role; a resident's pages are not theirs.
            throw new AccessDeniedException("Staff do not use residents' payment pages");
        }
        if (resident != null) {
            return resident.ref();
        }
        HttpSession session = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest().getSession(false);
        String guest = GuestPayers.ifAny(session);
        if (guest == null) {
            throw new AuthenticationCredentialsNotFoundException("Sign in to see your payments");
        }
        return guest;
    }
}
