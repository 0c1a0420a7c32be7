package org.townhall.incidents;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.accounts.StaffAccounts;
import org.townhall.accounts.StaffRole;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.incidents.store.ApiTokenStore;
import org.townhall.platform.PublicReferences;

/**
 * Personal API tokens for the security team's tools. A token is shown once when issued and
 * kept only as its SHA-256 hash (256 random bits need no slow hash); it acts as its owner, with
 * the roles they hold at the time of each request, until they revoke it. Issuing, revoking and
 * every refused use are audited.
 */
@Service
public class ApiTokens {

    static final String PREFIX = "thk_";

    private final ApiTokenStore tokens;
    private final StaffAccounts staff;
    private final AuditTrail audit;
    private final Clock clock;

    ApiTokens(ApiTokenStore tokens, StaffAccounts staff, AuditTrail audit, Clock clock) {
        this.tokens = tokens;
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
    }

    /** A token just issued: its reference (for revoking) and the secret, which is never shown again. */
    public record Issued(String ref, String secret) {
    }

    /** Who a presented token acts for, and with which roles now. */
    public record Holder(String staffRef, String tokenRef, Set<StaffRole> roles) {
    }

    @Transactional
    public Optional<Issued> issue(String staffRef, String label) {
        if (label == null || label.isBlank() || label.trim().length() > 100 || label.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        String ref = PublicReferences.next();
        String secret = PREFIX + PublicReferences.secretToken();
        tokens.insert(ref, staffRef, label.trim(), sha256(secret), clock.instant());
        audit.record(AuditEntry.of(AuditAction.API_TOKEN_ISSUED, AuditOutcome.SUCCESS, Actor.staff(staffRef)).on(ref));
        return Optional.of(new Issued(ref, secret));
    }

    public List<ApiTokenStore.TokenRow> of(String staffRef) {
        return tokens.of(staffRef);
    }

    @Transactional
    public boolean revoke(String tokenRef, String staffRef) {
        boolean revoked = tokens.revoke(tokenRef, staffRef, clock.instant());
        audit.record(AuditEntry.of(AuditAction.API_TOKEN_REVOKED, revoked ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE,
                Actor.staff(staffRef)).onNamed(tokenRef));
        return revoked;
    }

    /**
     * The holder of a presented token, if it is live and its owner is still a security analyst or
     * auditor; otherwise empty, and the refusal is audited (against the owner when the token was theirs).
     */
    @Transactional
    public Optional<Holder> authenticate(String presented, String path) {
        Optional<ApiTokenStore.TokenRow> row = presented == null || !presented.startsWith(PREFIX) || presented.length() > 100
                ? Optional.empty() : tokens.findByHash(sha256(presented));
        // An account an administrator made inactive signs in no more (StaffSignIn), so its tokens
        // stop with it: the role must be held by the owner as an active member of staff.
        Optional<Set<StaffRole>> roles = row.filter(t -> t.revokedAt() == null)
                .flatMap(t -> staff.find(t.staffRef())).map(m -> m.roles())
                .filter(r -> holdsActively(row.get().staffRef(), r, StaffRole.SECURITY_ANALYST)
                        || holdsActively(row.get().staffRef(), r, StaffRole.AUDITOR));
        if (roles.isEmpty()) {
            String why = row.isEmpty() ? "unknown token" : row.get().revokedAt() != null ? "revoked token" : "owner no longer allowed";
            audit.record(AuditEntry.of(AuditAction.API_TOKEN_REFUSED, AuditOutcome.DENIED,
                    row.map(t -> Actor.staff(t.staffRef())).orElse(Actor.anonymous())).onNamed(path).because(why));
            return Optional.empty();
        }
        tokens.used(row.get().ref(), clock.instant());
        return Optional.of(new Holder(row.get().staffRef(), row.get().ref(), roles.get()));
    }

    private boolean holdsActively(String staffRef, Set<StaffRole> roles, StaffRole role) {
        return roles.contains(role) && staff.activeHolders(role).contains(staffRef);
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
