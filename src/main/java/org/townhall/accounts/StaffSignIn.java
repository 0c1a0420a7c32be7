package org.townhall.accounts;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.accounts.store.StaffStore;
import org.townhall.accounts.store.StaffStore.StaffRow;
import org.townhall.accounts.store.TokenStore;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.platform.ClientOrigin;
import org.townhall.platform.CouncilProperties;
import org.townhall.platform.SecretBox;

/**
 * Staff sign in with a password and then an authenticator code, always: TOTP is mandatory, and a
 * staff member without one sets it up at their first sign-in before reaching any staff page.
 */
@Service
public class StaffSignIn {

    static final int RECOVERY_CODES = 10;
    private static final Logger log = LoggerFactory.getLogger(StaffSignIn.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final StaffStore staff;
    private final Passwords passwords;
    private final SignInThrottle throttle;
    private final AuditTrail audit;
    private final Clock clock;
    private final CouncilProperties council;
    private final SecretBox box;
    private final Totp totp = new Totp();

    StaffSignIn(StaffStore staff, Passwords passwords, SignInThrottle throttle, AuditTrail audit, Clock clock,
                CouncilProperties council, SecretBox box) {
        this.box = box;
        this.staff = staff;
        this.passwords = passwords;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
        this.council = council;
    }

    /** After the password: who is half signed in, and whether they must first set up an app. */
    public record PasswordAccepted(String ref, boolean mustEnrol) {
    }

    /** The first step. Empty with a wait means throttled; empty without one means wrong details. */
    public record PasswordStep(Optional<PasswordAccepted> accepted, Optional<Duration> retryAfter) {
    }

    @Transactional
    public PasswordStep checkPassword(String email, String password, ClientOrigin origin) {
        String key = accountKey(Emails.normalise(email));
        Optional<Duration> wait = throttle.wait(key, origin.clientAddress());
        if (wait.isPresent()) {
            audit.record(AuditEntry.of(AuditAction.SIGN_IN_THROTTLED, AuditOutcome.DENIED, Actor.anonymous())
                    .because("staff sign-in"), origin);
            return new PasswordStep(Optional.empty(), wait);
        }
        Optional<StaffRow> member = staff.findByEmail(Emails.normalise(email)).filter(StaffRow::active);
        if (member.isEmpty() || member.get().passwordHash() == null) {
            passwords.matchDecoy(password);
        }
        if (member.isEmpty() || !passwords.matches(password, member.get().passwordHash())) {
            throttle.failed(key, origin.clientAddress());
            audit.record(AuditEntry.of(AuditAction.SIGN_IN_FAILED, AuditOutcome.FAILURE,
                    member.map(m -> Actor.staff(m.ref())).orElse(Actor.anonymous())).because("staff password"), origin);
            return new PasswordStep(Optional.empty(), Optional.empty());
        }
        return new PasswordStep(Optional.of(new PasswordAccepted(member.get().ref(), !member.get().enrolled())), Optional.empty());
    }

    /** The secret and its QR code for a staff member setting up their app. */
    public record Enrolment(String secret, String qrCodeDataUri) {
    }

    @Transactional
    /**
     * Whether this staff member still has an authenticator app to set up. One who has set one up
     * cannot set up another from the sign-in pages with only a password: asking is recorded, as a
     * wrong code is, because it is what someone holding a stolen password would try.
     */
    public boolean awaitsEnrolment(String ref, ClientOrigin origin) {
        boolean awaits = staff.findByRef(ref).map(m -> !m.enrolled()).orElse(false);
        if (!awaits) {
            audit.record(AuditEntry.of(AuditAction.MFA_FAILED, AuditOutcome.DENIED, Actor.staff(ref))
                    .because("authenticator set-up asked for when one is set up already"), origin);
        }
        return awaits;
    }

    public Enrolment startEnrolment(String ref) {
        StaffRow member = staff.findByRef(ref).filter(m -> !m.enrolled())
                .orElseThrow(() -> new IllegalStateException("Not awaiting enrolment"));
        String secret;
        if (member.totpSecret() == null) {
            secret = totp.newSecret();
            staff.setPendingTotpSecret(member.id(), box.seal(secret, member.ref()));
        } else {
            secret = box.open(member.totpSecret(), member.ref());
        }
        return new Enrolment(secret, totp.qrCodeDataUri(council.name(), member.email(), secret));
    }

    /** A confirmed app: the staff member is signed in and sees their recovery codes, once. */
    public record EnrolmentDone(SignedInUser user, List<String> recoveryCodes) {
    }

    /** Confirms the app with its first code, which also completes this sign-in. */
    @Transactional
    public Optional<EnrolmentDone> confirmEnrolment(String ref, String code, ClientOrigin origin) {
        StaffRow member = staff.findByRef(ref).filter(m -> !m.enrolled())
                .orElseThrow(() -> new IllegalStateException("Not awaiting enrolment"));
        OptionalLong step = totp.matchingStep(seedOf(member), code == null ? null : code.replace(" ", ""), clock.instant());
        if (step.isEmpty()) {
            audit.record(AuditEntry.of(AuditAction.MFA_FAILED, AuditOutcome.FAILURE, Actor.staff(ref)).because("enrolment"), origin);
            return Optional.empty();
        }
        staff.confirmTotp(member.id(), step.getAsLong(), clock.instant());
        List<String> codes = newRecoveryCodes();
        staff.replaceRecoveryCodes(member.id(), codes.stream().map(StaffSignIn::hashRecoveryCode).toList());
        audit.record(AuditEntry.of(AuditAction.MFA_ENROLLED, AuditOutcome.SUCCESS, Actor.staff(ref)), origin);
        return Optional.of(new EnrolmentDone(signedIn(member, origin), codes));
    }

    /** The second step: a code from the app, each accepted once. Throttled like passwords. */
    @Transactional
    public Optional<SignedInUser> verifyCode(String ref, String code, ClientOrigin origin) {
        StaffRow member = staff.findByRef(ref).filter(StaffRow::enrolled).filter(StaffRow::active).orElse(null);
        if (member == null) {
            return Optional.empty();
        }
        String key = accountKey(member.email().toLowerCase(Locale.ROOT)) + ":mfa";
        if (throttle.wait(key, origin.clientAddress()).isPresent()) {
            audit.record(AuditEntry.of(AuditAction.SIGN_IN_THROTTLED, AuditOutcome.DENIED, Actor.staff(ref)).because("mfa"), origin);
            return Optional.empty();
        }
        OptionalLong step = totp.matchingStep(seedOf(member), code == null ? null : code.replace(" ", ""), clock.instant());
        if (step.isEmpty() || !staff.advanceTotpStep(member.id(), step.getAsLong())) {
            throttle.failed(key, origin.clientAddress());
            audit.record(AuditEntry.of(AuditAction.MFA_FAILED, AuditOutcome.FAILURE, Actor.staff(ref))
                    .because(step.isEmpty() ? "wrong code" : "code already used"), origin);
            return Optional.empty();
        }
        throttle.succeeded(key);
        throttle.succeeded(accountKey(member.email().toLowerCase(Locale.ROOT)));
        audit.record(AuditEntry.of(AuditAction.MFA_VERIFIED, AuditOutcome.SUCCESS, Actor.staff(ref)), origin);
        return Optional.of(signedIn(member, origin));
    }

    /** A recovery code instead of the app, for a lost phone. Each code works once. */
    @Transactional
    public Optional<SignedInUser> useRecoveryCode(String ref, String code, ClientOrigin origin) {
        StaffRow member = staff.findByRef(ref).filter(StaffRow::enrolled).filter(StaffRow::active).orElse(null);
        if (member == null || code == null) {
            return Optional.empty();
        }
        String key = accountKey(member.email().toLowerCase(Locale.ROOT)) + ":mfa";
        if (throttle.wait(key, origin.clientAddress()).isPresent()) {
            return Optional.empty();
        }
        int remaining = staff.useRecoveryCode(member.id(), hashRecoveryCode(code), clock.instant());
        if (remaining < 0) {
            throttle.failed(key, origin.clientAddress());
            audit.record(AuditEntry.of(AuditAction.MFA_FAILED, AuditOutcome.FAILURE, Actor.staff(ref)).because("recovery code"), origin);
            return Optional.empty();
        }
        audit.record(AuditEntry.of(AuditAction.MFA_RECOVERY_CODE_USED, AuditOutcome.SUCCESS, Actor.staff(ref))
                .because(remaining + " codes left"), origin);
        return Optional.of(signedIn(member, origin));
    }

    /**
     * The staff member's authenticator seed, or null if it cannot be opened: a seed moved from
     * another row or altered in the database. That is logged loudly and matches no code.
     */
    private String seedOf(StaffRow member) {
        try {
            return box.open(member.totpSecret(), member.ref());
        } catch (IllegalStateException e) {
            log.error("Authenticator seed of staff {} could not be opened: it was moved or altered in the database", member.ref());
            return null;
        }
    }

    private SignedInUser signedIn(StaffRow member, ClientOrigin origin) {
        audit.record(AuditEntry.of(AuditAction.SIGN_IN_SUCCEEDED, AuditOutcome.SUCCESS, Actor.staff(member.ref())), origin);
        return new SignedInUser(SignedInUser.Kind.STAFF, member.ref(), member.fullName(), member.email(), staff.roles(member.id()));
    }

    /** 16 characters from a 31-letter alphabet: over 79 bits, so a fast hash is enough to store them. */
    private static List<String> newRecoveryCodes() {
        String alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            StringBuilder code = new StringBuilder();
            for (int c = 0; c < 16; c++) {
                if (c > 0 && c % 4 == 0) {
                    code.append('-');
                }
                code.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
            }
            codes.add(code.toString());
        }
        return codes;
    }

    static String hashRecoveryCode(String code) {
        String canonical = code.trim().toLowerCase(Locale.ROOT).replace("-", "").replace(" ", "");
        return HexFormat.of().formatHex(TokenStore.sha256(canonical));
    }

    private static String accountKey(String normalisedEmail) {
        return "staff:" + normalisedEmail;
    }
}
