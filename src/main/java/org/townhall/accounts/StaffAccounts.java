package org.townhall.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.accounts.security.Sessions;
import org.townhall.accounts.store.StaffStore;
import org.townhall.accounts.store.StaffStore.StaffRow;
import org.townhall.accounts.store.TokenStore;
import org.townhall.accounts.store.TokenStore.AccountKind;
import org.townhall.accounts.store.TokenStore.Purpose;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.notifications.Notifier;
import org.townhall.notifications.StaffEmail;
import org.townhall.platform.PersonNames;
import org.townhall.platform.PublicReferences;

/** Administrators create staff accounts and decide their roles; every change is audited. */
@Service
public class StaffAccounts {

    static final Duration SET_UP_LIFETIME = Duration.ofHours(24);

    private final StaffStore staff;
    private final TokenStore tokens;
    private final Passwords passwords;
    private final Notifier notifier;
    private final AuditTrail audit;
    private final Sessions sessions;
    private final Clock clock;
    private final String baseUrl;
    private final ApplicationEventPublisher events;

    StaffAccounts(StaffStore staff, TokenStore tokens, Passwords passwords, Notifier notifier, AuditTrail audit,
                  Sessions sessions, Clock clock, @Value("${townhall.base-url}") String baseUrl,
                  ApplicationEventPublisher events) {
        this.staff = staff;
        this.tokens = tokens;
        this.passwords = passwords;
        this.notifier = notifier;
        this.audit = audit;
        this.sessions = sessions;
        this.clock = clock;
        this.baseUrl = baseUrl;
        this.events = events;
    }

    public List<StaffMember> all() {
        return staff.all().stream().map(this::toMember).toList();
    }

    public Optional<StaffMember> find(String ref) {
        return staff.findByRef(ref).map(this::toMember);
    }

    /** Who can do the work of a role now: active staff members who hold it. */
    public Set<String> activeHolders(StaffRole role) {
        return Set.copyOf(staff.activeHolders(role));
    }

    /** Creates a staff account with its roles and emails a one-time link to choose a password. */
    @Transactional
    public AccountOutcome create(String adminRef, String fullName, String email, Set<StaffRole> roles) {
        if (!PersonNames.isValid(fullName)) {
            return AccountOutcome.refused("fullName", PersonNames.NOT_A_NAME);
        }
        Instant now = clock.instant();
        String ref = PublicReferences.next();
        Optional<Long> id = staff.insert(ref, email.trim(), Emails.normalise(email), PersonNames.tidy(fullName), null, now, false);
        if (id.isEmpty()) {
            return AccountOutcome.refused("email", "A staff account with this email address already exists");
        }
        audit.record(AuditEntry.of(AuditAction.STAFF_CREATED, AuditOutcome.SUCCESS, Actor.staff(adminRef)).on(ref));
        for (StaffRole role : roles) {
            staff.grant(id.get(), role, now);
            audit.record(AuditEntry.of(AuditAction.ROLE_GRANTED, AuditOutcome.SUCCESS, Actor.staff(adminRef))
                    .on(ref).because(role.name()));
        }
        String token = tokens.issue(Purpose.STAFF_SET_UP, AccountKind.STAFF, id.get(), now, SET_UP_LIFETIME);
        // Not greeted by name: nobody at this address has confirmed it yet.
        notifier.sendEmail(new StaffEmail.StaffSetUp(baseUrl + "/staff/set-up?token=" + token), email.trim());
        return AccountOutcome.done();
    }

    /**
     * Replaces a staff member's roles. An administrator cannot remove their own administrator
     * role, so the council is never left with nobody able to manage staff by one slip. The staff
     * member's sessions end, so new roles take effect at their next sign-in, never half-way.
     */
    @Transactional
    public AccountOutcome changeRoles(String adminRef, String staffRef, Set<StaffRole> wanted) {
        StaffRow member = staff.lockByRef(staffRef).orElse(null);
        if (member == null) {
            return AccountOutcome.refused("roles", "There is no such staff member");
        }
        if (adminRef.equals(staffRef) && !wanted.contains(StaffRole.ADMIN)) {
            return AccountOutcome.refused("roles", "You cannot remove your own administrator role");
        }
        Set<StaffRole> current = staff.roles(member.id());
        Instant now = clock.instant();
        for (StaffRole role : StaffRole.values()) {
            if (wanted.contains(role) && !current.contains(role)) {
                staff.grant(member.id(), role, now);
                audit.record(AuditEntry.of(AuditAction.ROLE_GRANTED, AuditOutcome.SUCCESS, Actor.staff(adminRef))
                        .on(staffRef).because(role.name()));
            } else if (!wanted.contains(role) && current.contains(role)) {
                staff.revoke(member.id(), role);
                audit.record(AuditEntry.of(AuditAction.ROLE_REVOKED, AuditOutcome.SUCCESS, Actor.staff(adminRef))
                        .on(staffRef).because(role.name()));
                events.publishEvent(new StaffRoleRevoked(staffRef, role, adminRef));
            }
        }
        if (!current.equals(wanted)) {
            sessions.endAll(staffRef);
        }
        return AccountOutcome.done();
    }

    public boolean isSetUpLinkUsable(String token) {
        return tokens.peek(Purpose.STAFF_SET_UP, AccountKind.STAFF, token, clock.instant()).isPresent();
    }

    /** A new staff member chooses their password through the emailed link. */
    @Transactional
    public AccountOutcome setUpPassword(String token, String password) {
        Instant now = clock.instant();
        Optional<StaffRow> member = tokens.peek(Purpose.STAFF_SET_UP, AccountKind.STAFF, token, now).flatMap(staff::findById);
        if (member.isEmpty()) {
            audit.record(AuditEntry.of(AuditAction.PASSWORD_RESET_REFUSED, AuditOutcome.DENIED, Actor.anonymous())
                    .because("staff set-up link"));
            return AccountOutcome.refused("token", "This link has expired or has already been used. Ask an administrator for a new one");
        }
        Optional<String> problem = passwords.problemWith(password, member.get().email());
        if (problem.isPresent()) {
            return AccountOutcome.refused("password", problem.get());
        }
        String hash = passwords.hash(password);
        if (tokens.consume(Purpose.STAFF_SET_UP, AccountKind.STAFF, token, now).isEmpty()) {
            return AccountOutcome.refused("token", "This link has expired or has already been used. Ask an administrator for a new one");
        }
        staff.setPasswordHash(member.get().id(), hash);
        audit.record(AuditEntry.of(AuditAction.STAFF_PASSWORD_SET, AuditOutcome.SUCCESS, Actor.staff(member.get().ref())));
        return AccountOutcome.done();
    }

    private StaffMember toMember(StaffRow row) {
        return new StaffMember(row.ref(), row.fullName(), row.email(), staff.roles(row.id()),
                row.passwordHash() != null, row.enrolled(), row.demo());
    }
}
