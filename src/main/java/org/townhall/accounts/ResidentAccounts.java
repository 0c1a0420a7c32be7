package org.townhall.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
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
import org.townhall.notifications.Notifier;
import org.townhall.notifications.ResidentEmail;
import org.townhall.platform.ClientOrigin;
import org.townhall.platform.ClockConfiguration;
import org.townhall.platform.PersonNames;
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
    private final ResidentEmails residentEmails;
    private final AuditTrail audit;
    private final Sessions sessions;
    private final Clock clock;
    private final String baseUrl;

    ResidentAccounts(ResidentStore residents, TokenStore tokens, DeviceStore devices, Passwords passwords,
                     Notifier notifier, ResidentEmails residentEmails, AuditTrail audit, Sessions sessions, Clock clock,
                     @Value("${townhall.base-url}") String baseUrl) {
        this.residents = residents;
        this.tokens = tokens;
        this.devices = devices;
        this.passwords = passwords;
        this.notifier = notifier;
        this.residentEmails = residentEmails;
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
        if (!PersonNames.isValid(fullName)) {
            return AccountOutcome.refused("fullName", PersonNames.NOT_A_NAME);
        }
        Optional<String> problem = passwords.problemWith(password, email);
        if (problem.isPresent()) {
            return AccountOutcome.refused("password", problem.get());
        }
        // Hash before looking the email up, so both paths take the same time.
        String hash = passwords.hash(password);
        Instant now = clock.instant();
        String normalised = Emails.normalise(email);
        String ref = PublicReferences.next();
        String name = PersonNames.tidy(fullName);
        Optional<Long> created = residents.insert(ref, email.trim(), normalised, name, hash, now, false, false);
        if (created.isEmpty()) {
            ResidentRow owner = residents.findByEmail(normalised).orElseThrow();
            audit.record(AuditEntry.of(AuditAction.REGISTRATION_FOR_EXISTING_EMAIL, AuditOutcome.DENIED, Actor.anonymous())
                    .about(owner.ref()));
            residentEmails.emailResident(owner, new ResidentEmail.AlreadyRegistered(baseUrl + "/sign-in", baseUrl + "/forgot-password"));
            return AccountOutcome.done();
        }
        audit.record(AuditEntry.of(AuditAction.ACCOUNT_CREATED, AuditOutcome.SUCCESS, Actor.resident(ref)).about(ref));
        sendVerification(created.get(), email.trim(), now);
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

    /**
     * Sends a reset link if the email has an account. Called off the request thread, once the
     * visitor has had their answer (PasswordResetRequests), so what happens here cannot tell them
     * whether the address has an account; it still does the same work for both as far as it can:
     * the look-up, a token made and hashed, one audit row. Only a resident gets the token stored
     * and the email.
     */
    @Transactional
    void sendResetLink(String email, ClientOrigin origin) {
        Optional<ResidentRow> found = residents.findByEmail(Emails.normalise(email));
        if (found.isEmpty()) {
            TokenStore.sha256(PublicReferences.secretToken()); // made and hashed as a resident's would be, then dropped
            audit.record(AuditEntry.of(AuditAction.PASSWORD_RESET_REQUESTED, AuditOutcome.FAILURE, Actor.anonymous())
                    .because("no account with that address"), origin);
            return;
        }
        ResidentRow resident = found.get();
        String token = tokens.issue(Purpose.RESET_PASSWORD, AccountKind.RESIDENT, resident.id(), clock.instant(), RESET_LIFETIME);
        audit.record(AuditEntry.of(AuditAction.PASSWORD_RESET_REQUESTED, AuditOutcome.SUCCESS, Actor.anonymous())
                .about(resident.ref()), origin);
        residentEmails.emailResident(resident, new ResidentEmail.ResetPassword(baseUrl + "/reset-password?token=" + token));
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
        // Confirmed just now, so greeted by name (the row was read before it was marked).
        notifier.sendEmail(new ResidentEmail.PasswordChanged(now.atZone(ClockConfiguration.LONDON).format(WHEN)), row.email(),
                row.fullName());
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

    /** The browsers a resident signed in from, named as people name them, each with its network rather than its address. */
    public List<KnownDevice> devices(String ref) {
        return residents.findByRef(ref).map(r -> devices.forResident(r.id(), 10).stream()
                .map(d -> new KnownDevice(BrowserNames.of(d.description()), d.firstSeenAt(), d.lastSignedInAt(),
                        ApproximateAddresses.of(d.lastAddress()))).toList()).orElse(List.of());
    }

    /** Ends every session of this resident, on every device, including the one asking. */
    @Transactional
    public void signOutEverywhere(String ref) {
        audit.record(AuditEntry.of(AuditAction.SIGNED_OUT_EVERYWHERE, AuditOutcome.SUCCESS, Actor.resident(ref)).about(ref));
        sessions.endAll(ref);
    }

    /** Sends a fresh confirmation link (used when an unconfirmed resident tries to sign in). */
    void resendVerification(ResidentRow resident) {
        sendVerification(resident.id(), resident.email(), clock.instant());
    }

    /** Whoever typed the name may not own this address yet, so the confirmation says "Hello". */
    private void sendVerification(long residentId, String email, Instant now) {
        String token = tokens.issue(Purpose.VERIFY_EMAIL, AccountKind.RESIDENT, residentId, now, VERIFICATION_LIFETIME);
        notifier.sendEmail(new ResidentEmail.VerifyEmail(baseUrl + "/confirm-email?token=" + token), email);
    }
}
