package org.townhall.billing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.billing.store.BillingStore;
import org.townhall.billing.store.TenantDatesOfBirth;
import org.townhall.platform.AttemptWindows;
import org.townhall.platform.ClientOrigin;

/**
 * A resident asks to add their council tax account (account number and the property's postcode)
 * or rent account (tenancy reference and the tenant's date of birth) to their Townhall account. Both
 * facts are printed on bills and letters, so they only make a pending link: the account opens when
 * the resident enters the code posted to its address (AccountHolders, ADR 0012), and an account
 * someone else already holds is asked for the same way. A wrong fact and an unknown reference get
 * the same answer, so nothing can be learned by trying. Attempts are counted per client address
 * and per account reference before the accounts are searched, and every attempt is audited.
 */
@Service
public class BillingLinks {

    /** One address may try 20 times in 10 minutes: a household linking its accounts never meets it. */
    static final int ADDRESS_ATTEMPTS = 20;
    static final Duration ADDRESS_WINDOW = Duration.ofMinutes(10);
    /** One account reference may be tried with a wrong second fact 5 times an hour, so postcodes cannot be walked. */
    static final int ACCOUNT_FAILURES = 5;
    static final Duration ACCOUNT_WINDOW = Duration.ofHours(1);

    private final BillingStore store;
    private final TenantDatesOfBirth datesOfBirth;
    private final AccountHolders holders;
    private final AuditTrail audit;
    private final Clock clock;

    BillingLinks(BillingStore store, TenantDatesOfBirth datesOfBirth, AccountHolders holders, AuditTrail audit, Clock clock) {
        this.store = store;
        this.datesOfBirth = datesOfBirth;
        this.holders = holders;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public LinkResult linkCouncilTax(String typedNumber, String typedPostcode, String residentRef, ClientOrigin origin) {
        String number = typedNumber == null ? "" : typedNumber.replaceAll("\\s", "");
        return link("council tax " + clip(number), number, residentRef, origin, () -> councilTaxMatching(number, typedPostcode));
    }

    @Transactional
    public LinkResult linkRent(String typedTenancy, LocalDate bornOn, String residentRef, ClientOrigin origin) {
        String tenancy = typedTenancy == null ? "" : typedTenancy.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
        return link("rent " + clip(tenancy), tenancy, residentRef, origin, () -> rentMatching(tenancy, bornOn));
    }

    private LinkResult link(String what, String reference, String residentRef, ClientOrigin origin,
                            java.util.function.Supplier<Optional<HeldAccount>> match) {
        Attempt attempt = attempt(what, reference, residentRef, origin, match);
        return attempt.refusal() != null ? attempt.refusal() : holders.request(attempt.account(), residentRef, origin);
    }

    /** What the throttles and the match decided: a refusal (TryLater or NoMatch), or the account matched. */
    record Attempt(LinkResult refusal, HeldAccount account) {
    }

    /**
     * The throttles, then the match, each audited: what linking does before it asks for a letter,
     * and what paying without an account does before it takes a payment (ADR 0027). Attempts are
     * counted per client address before the accounts are searched; a mismatch counts against the
     * account reference.
     */
    Attempt attempt(String what, String reference, String payerRef, ClientOrigin origin,
                    java.util.function.Supplier<Optional<HeldAccount>> match) {
        AttemptWindows attempts = store.linkAttempts();
        Instant now = clock.instant();
        String address = origin.clientAddress() == null ? "unknown" : origin.clientAddress();
        String key = clip(reference);
        int fromAddress = attempts.count("ADDRESS", address, now, now.minus(ADDRESS_WINDOW));
        int failedForAccount = attempts.inWindow("ACCOUNT", key, now.minus(ACCOUNT_WINDOW));
        Actor actor = Actor.resident(payerRef);
        if (fromAddress > ADDRESS_ATTEMPTS || failedForAccount >= ACCOUNT_FAILURES) {
            boolean byAddress = fromAddress > ADDRESS_ATTEMPTS;
            audit.record(AuditEntry.of(AuditAction.BILLING_LINK_THROTTLED, AuditOutcome.DENIED, actor).about(payerRef).on(what)
                    .because(byAddress ? "address" : "account reference"), origin);
            return new Attempt(new LinkResult.TryLater(byAddress ? attempts.retryAfter("ADDRESS", address, ADDRESS_WINDOW, now)
                    : attempts.retryAfter("ACCOUNT", key, ACCOUNT_WINDOW, now)), null);
        }
        Optional<HeldAccount> matched = match.get();
        if (matched.isEmpty()) {
            failed(what, reference, payerRef, origin, null);
            return new Attempt(new LinkResult.NoMatch(), null);
        }
        return new Attempt(null, matched.get());
    }

    /** A failure counted against the account reference and audited, as a wrong second fact is. */
    void failed(String what, String reference, String payerRef, ClientOrigin origin, String why) {
        Instant now = clock.instant();
        store.linkAttempts().count("ACCOUNT", clip(reference), now, now.minus(ACCOUNT_WINDOW));
        AuditEntry entry = AuditEntry.of(AuditAction.BILLING_LINK_FAILED, AuditOutcome.FAILURE, Actor.resident(payerRef))
                .about(payerRef).on(what);
        audit.record(why == null ? entry : entry.because(why), origin);
    }

    /** A council tax account by its number and the property's postcode, or nothing: no throttle, callers count. */
    Optional<HeldAccount> councilTaxMatching(String number, String typedPostcode) {
        String postcode = normalisePostcode(typedPostcode);
        return store.councilTaxByNumber(number).filter(a -> a.postcode().equals(postcode)).map(HeldAccount::of);
    }

    /** A tenancy by its reference and the tenant's date of birth, or nothing: no throttle, callers count. */
    Optional<HeldAccount> rentMatching(String tenancy, LocalDate bornOn) {
        return store.rentByTenancy(tenancy).filter(a -> datesOfBirth.matches(a, bornOn)).map(HeldAccount::of);
    }

    static String normalisePostcode(String typed) {
        return typed == null ? "" : typed.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
    }

    static String clip(String value) {
        return value.length() > 20 ? value.substring(0, 20) : value;
    }
}
