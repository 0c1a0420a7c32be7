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
        String postcode = normalisePostcode(typedPostcode);
        return link("council tax " + clip(number), number, residentRef, origin, () -> store.councilTaxByNumber(number)
                .filter(a -> a.postcode().equals(postcode))
                .map(HeldAccount::of));
    }

    @Transactional
    public LinkResult linkRent(String typedTenancy, LocalDate bornOn, String residentRef, ClientOrigin origin) {
        String tenancy = typedTenancy == null ? "" : typedTenancy.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
        return link("rent " + clip(tenancy), tenancy, residentRef, origin, () -> store.rentByTenancy(tenancy)
                .filter(a -> datesOfBirth.matches(a, bornOn))
                .map(HeldAccount::of));
    }

    private LinkResult link(String what, String reference, String residentRef, ClientOrigin origin,
                            java.util.function.Supplier<Optional<HeldAccount>> match) {
        AttemptWindows attempts = store.linkAttempts();
        Instant now = clock.instant();
        String address = origin.clientAddress() == null ? "unknown" : origin.clientAddress();
        String key = clip(reference);
        int fromAddress = attempts.count("ADDRESS", address, now, now.minus(ADDRESS_WINDOW));
        int failedForAccount = attempts.inWindow("ACCOUNT", key, now.minus(ACCOUNT_WINDOW));
        Actor actor = Actor.resident(residentRef);
        if (fromAddress > ADDRESS_ATTEMPTS || failedForAccount >= ACCOUNT_FAILURES) {
            boolean byAddress = fromAddress > ADDRESS_ATTEMPTS;
            audit.record(AuditEntry.of(AuditAction.BILLING_LINK_THROTTLED, AuditOutcome.DENIED, actor).about(residentRef).on(what)
                    .because(byAddress ? "address" : "account reference"), origin);
            return new LinkResult.TryLater(byAddress ? attempts.retryAfter("ADDRESS", address, ADDRESS_WINDOW, now)
                    : attempts.retryAfter("ACCOUNT", key, ACCOUNT_WINDOW, now));
        }
        Optional<HeldAccount> matched = match.get();
        if (matched.isEmpty()) {
            attempts.count("ACCOUNT", key, now, now.minus(ACCOUNT_WINDOW));
            audit.record(AuditEntry.of(AuditAction.BILLING_LINK_FAILED, AuditOutcome.FAILURE, actor).about(residentRef).on(what), origin);
            return new LinkResult.NoMatch();
        }
        return holders.request(matched.get(), residentRef, origin);
    }

    static String normalisePostcode(String typed) {
        return typed == null ? "" : typed.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
    }

    private static String clip(String value) {
        return value.length() > 20 ? value.substring(0, 20) : value;
    }
}
