package org.townhall.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.accounts.security.Sessions;
import org.townhall.accounts.store.DeviceStore;
import org.townhall.accounts.store.ResidentStore;
import org.townhall.accounts.store.ResidentStore.ResidentRow;
import org.townhall.accounts.store.TokenStore;
import org.townhall.accounts.store.TokenStore.AccountKind;
import org.townhall.accounts.store.TokenStore.Purpose;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.notifications.NotificationTemplate;
import org.townhall.notifications.Notifier;
import org.townhall.platform.ClockConfiguration;
import org.townhall.platform.PublicReferences;

/** A resident's account: registering, confirming the email address, resetting the password. */
@Service
public class ResidentAccounts {

    /** A confirmation link lasts a day: long enough to find the email, short enough to go stale. */
    static final Duration VERIFICATION_LIFETIME = Duration.ofHours(24);
    /** A reset link lasts 30 minutes (OWASP Forgot Password Cheat Sheet: short-lived, single use). */
    static final Duration RESET_LIFETIME = Duration.ofMinutes(30);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm");

    private final ResidentStore residents;
    private final TokenStore tokens;
    private final DeviceStore devices;
    private final Passwords passwords;
    private final Notifier notifier;
    private final AuditTrail audit;
    private final Sessions sessions;
    private final Clock clock;
    private final String baseUrl;

    ResidentAccounts(ResidentStore residents, TokenStore tokens, DeviceStore devices, Passwords passwords,
                     Notifier notifier, AuditTrail audit, Sessions sessions, Clock clock,
                     @Value("${townhall.base-url}") String baseUrl) {
        this.residents = residents;
        this.tokens = tokens;
        this.devices = devices;
        this.passwords = passwords;
        this.notifier = notifier;
        this.audit = audit;
        this.sessions = sessions;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    /**
     * Registers a resident. Whether or not the email already has an account, the answer is the
     * same ("check your email"); the existing owner is told by email instead.
     */
    @Transactional
    public AccountOutcome register(String fullName, String email, String password) {
        Optional<String> problem = passwords.problemWith(password, email);
        if (problem.isPresent()) {
            return AccountOutcome.refused("password", problem.get());
        }
        // Hash before looking the email up, so both paths take the same time.
        String hash = passwords.hash(password);
        Instant now = clock.instant();
        String normalised = Emails.normalise(email);
        String ref = PublicReferences.next();
        Optional<Long> created = residents.insert(ref, email.trim(), normalised, fullName.trim(), hash, now, false, false);
        if (created.isEmpty()) {
            ResidentRow owner = residents.findByEmail(normalised).orElseThrow();
            audit.record(AuditEntry.of(AuditAction.REGISTRATION_FOR_EXISTING_EMAIL, AuditOutcome.DENIED, Actor.anonymous())
                    .about(owner.ref()));
            notifier.sendEmail(NotificationTemplate.ALREADY_REGISTERED, owner.email(), Map.of("name", owner.fullName(),
                    "signInLink", baseUrl + "/sign-in", "resetLink", baseUrl + "/forgot-password"));
            return AccountOutcome.done();
        }
        audit.record(AuditEntry.of(AuditAction.ACCOUNT_CREATED, AuditOutcome.SUCCESS, Actor.resident(ref)).about(ref));
        sendVerification(created.get(), fullName.trim(), email.trim(), now);
        return AccountOutcome.done();
    }

    @Transactional
    public boolean confirmEmail(String token) {
        Instant now = clock.instant();
        Optional<ResidentRow> resident = tokens.consume(Purpose.VERIFY_EMAIL, AccountKind.RESIDENT, token, now)
                .flatMap(residents::findById);
        if (resident.isEmpty()) {
            audit.record(AuditEntry.of(AuditAction.EMAIL_VERIFICATION_REFUSED, AuditOutcome.DENIED, Actor.anonymous()));
            return false;
        }
        residents.markVerified(resident.get().id(), now);
        audit.record(AuditEntry.of(AuditAction.EMAIL_VERIFIED, AuditOutcome.SUCCESS, Actor.resident(resident.get().ref()))
                .about(resident.get().ref()));
        return true;
    }

    /** Sends a reset link if the email has an account; says nothing either way. */
    @Transactional
    public void requestPasswordReset(String email) {
        residents.findByEmail(Emails.normalise(email)).ifPresent(resident -> {
            String token = tokens.issue(Purpose.RESET_PASSWORD, AccountKind.RESIDENT, resident.id(), clock.instant(), RESET_LIFETIME);
            audit.record(AuditEntry.of(AuditAction.PASSWORD_RESET_REQUESTED, AuditOutcome.SUCCESS, Actor.anonymous())
                    .about(resident.ref()));
            notifier.sendEmail(NotificationTemplate.RESET_PASSWORD, resident.email(),
                    Map.of("name", resident.fullName(), "link", baseUrl + "/reset-password?token=" + token));
        });
    }

    public boolean isResetLinkUsable(String token) {
        return tokens.peek(Purpose.RESET_PASSWORD, AccountKind.RESIDENT, token, clock.instant()).isPresent();
    }

    /**
     * Sets a new password with a reset link. The link is used up, every session of the account is
     * ended (whoever else was signed in is signed out), and the resident is told by email.
     */
    @Transactional
    public AccountOutcome resetPassword(String token, String newPassword) {
        Instant now = clock.instant();
        Optional<ResidentRow> owner = tokens.peek(Purpose.RESET_PASSWORD, AccountKind.RESIDENT, token, now)
                .flatMap(residents::findById);
        if (owner.isEmpty()) {
            audit.record(AuditEntry.of(AuditAction.PASSWORD_RESET_REFUSED, AuditOutcome.DENIED, Actor.anonymous()));
            return AccountOutcome.refused("token", "This link has expired or has already been used. Ask for a new one");
        }
        Optional<String> problem = passwords.problemWith(newPassword, owner.get().email());
        if (problem.isPresent()) {
            return AccountOutcome.refused("password", problem.get());
        }
        String hash = passwords.hash(newPassword);
        Optional<ResidentRow> resident = tokens.consume(Purpose.RESET_PASSWORD, AccountKind.RESIDENT, token, now)
                .flatMap(residents::findById);
        if (resident.isEmpty()) {
            audit.record(AuditEntry.of(AuditAction.PASSWORD_RESET_REFUSED, AuditOutcome.DENIED, Actor.anonymous()));
            return AccountOutcome.refused("token", "This link has expired or has already been used. Ask for a new one");
        }
        ResidentRow row = resident.get();
        residents.setPasswordHash(row.id(), hash);
        // Following the link proves the resident owns the mailbox, so it confirms the address too.
        residents.markVerified(row.id(), now);
        audit.record(AuditEntry.of(AuditAction.PASSWORD_RESET_COMPLETED, AuditOutcome.SUCCESS, Actor.resident(row.ref()))
                .about(row.ref()));
        notifier.sendEmail(NotificationTemplate.PASSWORD_CHANGED, row.email(),
                Map.of("name", row.fullName(), "time", now.atZone(ClockConfiguration.LONDON).format(WHEN)));
        sessions.endAll(row.ref());
        return AccountOutcome.done();
    }

    public Optional<ResidentProfile> profile(String ref) {
        return residents.findByRef(ref).map(r -> new ResidentProfile(r.ref(), r.fullName(), r.email(), r.createdAt(), r.demo()));
    }

    /** The public reference of the resident with this email address, if there is one. */
    public Optional<String> referenceOf(String email) {
        return residents.findByEmail(Emails.normalise(email)).map(ResidentRow::ref);
    }

    public List<KnownDevice> devices(String ref) {
        return residents.findByRef(ref).map(r -> devices.forResident(r.id(), 10)).orElse(List.of());
    }

    /** Ends every session of this resident, on every device, including the one asking. */
    @Transactional
    public void signOutEverywhere(String ref) {
        audit.record(AuditEntry.of(AuditAction.SIGNED_OUT_EVERYWHERE, AuditOutcome.SUCCESS, Actor.resident(ref)).about(ref));
        sessions.endAll(ref);
    }

    /** Sends a fresh confirmation link (used when an unconfirmed resident tries to sign in). */
    void resendVerification(ResidentRow resident) {
        sendVerification(resident.id(), resident.fullName(), resident.email(), clock.instant());
    }

    private void sendVerification(long residentId, String name, String email, Instant now) {
        String token = tokens.issue(Purpose.VERIFY_EMAIL, AccountKind.RESIDENT, residentId, now, VERIFICATION_LIFETIME);
        notifier.sendEmail(NotificationTemplate.VERIFY_EMAIL, email,
                Map.of("name", name, "link", baseUrl + "/confirm-email?token=" + token));
    }

}
