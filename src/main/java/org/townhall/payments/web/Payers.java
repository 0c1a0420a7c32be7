package org.townhall.payments.web;

import jakarta.servlet.http.HttpSession;
import java.util.List;
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
     * Every payer whose payment pages this browser may open: the signed-in resident, and this
     * session's guest payer too. The pay pages that need no account make the session the payer
     * even for a resident who is signed in, and a guest may sign in between the pay page and the
     * card page (the session keeps its guest payer across sign-in); either way the payment is still
     * this browser's to finish and to read, and no other browser's. Neither a resident nor a guest
     * payer: sign in first, as before these pages were open to guests (a receipt link from an email
     * opened signed out).
     */
    static List<String> refs(SignedInUser resident) {
        if (resident != null && resident.isStaff()) {
            // Staff see payments on their own pages, by role; a resident's pages are not theirs.
            throw new AccessDeniedException("Staff do not use residents' payment pages");
        }
        HttpSession session = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest().getSession(false);
        String guest = GuestPayers.ifAny(session);
        if (resident != null) {
            return guest == null ? List.of(resident.ref()) : List.of(resident.ref(), guest);
        }
        if (guest == null) {
            throw new AuthenticationCredentialsNotFoundException("Sign in to see your payments");
        }
        return List.of(guest);
    }
}
