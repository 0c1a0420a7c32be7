package org.townhall.accounts;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.accounts.SignInResult.EmailNotConfirmed;
import org.townhall.accounts.SignInResult.SignedIn;
import org.townhall.accounts.SignInResult.TryLater;
import org.townhall.accounts.SignInResult.WrongEmailOrPassword;
import org.townhall.accounts.store.DeviceStore;
import org.townhall.accounts.store.DeviceStore.DeviceRow;
import org.townhall.accounts.store.ResidentStore;
import org.townhall.accounts.store.ResidentStore.ResidentRow;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.platform.ClientOrigin;
import org.townhall.platform.PublicReferences;

/** Checks a resident's email and password, after the throttle has had its say. */
@Service
public class ResidentSignIn {

    private final ResidentStore residents;
    private final DeviceStore devices;
    private final Passwords passwords;
    private final SignInThrottle throttle;
    private final ResidentAccounts accounts;
    private final AuditTrail audit;
    private final Clock clock;

    ResidentSignIn(ResidentStore residents, DeviceStore devices, Passwords passwords, SignInThrottle throttle,
                   ResidentAccounts accounts, AuditTrail audit, Clock clock) {
        this.residents = residents;
        this.devices = devices;
        this.passwords = passwords;
        this.throttle = throttle;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * One attempt. {@code deviceToken} is the token in the browser's known-browser cookie, if the
     * cookie was given for this email address: a browser that signed in to this account before is
     * not held up by other people's failed attempts on the account or from its network, only by
     * its own.
     */
    @Transactional
    public SignInResult signIn(String email, String password, String deviceToken, ClientOrigin origin) {
        String normalised = Emails.normalise(email);
        String account = accountKey(normalised);
        Optional<ResidentRow> resident = residents.findByEmail(normalised);
        // The cookie's token must be one of this resident's own devices: another resident's is nothing here.
        Optional<DeviceRow> device = devices.find(deviceToken)
                .filter(d -> resident.isPresent() && d.residentId() == resident.get().id());
        Optional<String> knownBrowser = device.map(d -> "device:" + d.id());
        String subject = resident.map(ResidentRow::ref).orElse(null);

        Optional<Duration> wait = knownBrowser.isPresent()
                ? throttle.waitForKnownBrowser(knownBrowser.get()) : throttle.wait(account, origin.clientAddress());
        if (wait.isPresent()) {
            audit.record(AuditEntry.of(AuditAction.SIGN_IN_THROTTLED, AuditOutcome.DENIED, Actor.anonymous()).about(subject), origin);
            return new TryLater(wait.get());
        }
        if (resident.isEmpty()) {
            passwords.matchDecoy(password);
            throttle.failed(account, origin.clientAddress());
            audit.record(AuditEntry.of(AuditAction.SIGN_IN_FAILED, AuditOutcome.FAILURE, Actor.anonymous())
                    .because("unknown account"), origin);
            return new WrongEmailOrPassword();
        }
        ResidentRow row = resident.get();
        if (!passwords.matches(password, row.passwordHash())) {
            if (knownBrowser.isPresent()) {
                throttle.failedFromKnownBrowser(account, origin.clientAddress(), knownBrowser.get());
            } else {
                throttle.failed(account, origin.clientAddress());
            }
            audit.record(AuditEntry.of(AuditAction.SIGN_IN_FAILED, AuditOutcome.FAILURE, Actor.anonymous())
                    .about(row.ref()).because("wrong password"), origin);
            return new WrongEmailOrPassword();
        }
        if (row.emailVerifiedAt() == null) {
            accounts.resendVerification(row);
            audit.record(AuditEntry.of(AuditAction.SIGN_IN_FAILED, AuditOutcome.DENIED, Actor.resident(row.ref()))
                    .about(row.ref()).because("email not confirmed"), origin);
            return new EmailNotConfirmed();
        }
        String browserToken;
        if (device.isPresent()) {
            throttle.succeededFromKnownBrowser(account, knownBrowser.get());
            devices.signedIn(device.get().id(), origin.clientAddress(), clock.instant());
            browserToken = deviceToken;
        } else {
            throttle.succeeded(account);
            browserToken = PublicReferences.secretToken();
            devices.add(row.id(), browserToken, origin.userAgent(), origin.clientAddress(), clock.instant());
        }
        audit.record(AuditEntry.of(AuditAction.SIGN_IN_SUCCEEDED, AuditOutcome.SUCCESS, Actor.resident(row.ref()))
                .about(row.ref()).because(device.isPresent() ? "known device" : "new device"), origin);
        return new SignedIn(new SignedInUser(SignedInUser.Kind.RESIDENT, row.ref(), row.fullName(), row.email(), Set.of()),
                browserToken);
    }

    /** Records a sign-out, so the resident's history shows when each session ended. */
    @Transactional
    public void signedOut(String ref) {
        audit.record(AuditEntry.of(AuditAction.SIGNED_OUT, AuditOutcome.SUCCESS, Actor.resident(ref)).about(ref));
    }

    private static String accountKey(String normalisedEmail) {
        return "resident:" + normalisedEmail;
    }
}
