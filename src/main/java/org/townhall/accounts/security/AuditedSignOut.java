package org.townhall.accounts.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.stereotype.Component;
import org.townhall.accounts.SignedInUser;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;

/** Records each sign-out, so a resident's history shows when a session ended. */
@Component
class AuditedSignOut implements LogoutHandler {

    private final AuditTrail audit;

    AuditedSignOut(AuditTrail audit) {
        this.audit = audit;
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        if (authentication != null && authentication.getPrincipal() instanceof SignedInUser user) {
            Actor actor = user.isStaff() ? Actor.staff(user.ref()) : Actor.resident(user.ref());
            AuditEntry entry = AuditEntry.of(AuditAction.SIGNED_OUT, AuditOutcome.SUCCESS, actor);
            audit.record(user.isStaff() ? entry : entry.about(user.ref()));
        }
    }
}
