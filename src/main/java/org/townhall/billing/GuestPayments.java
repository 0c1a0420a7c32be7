package org.townhall.billing;

import java.time.LocalDate;
import java.util.Locale;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.townhall.payments.Ceiling;
import org.townhall.payments.GuestPayers;
import org.townhall.payments.Ledger;
import org.townhall.payments.PaymentRequest;
import org.townhall.payments.Purpose;
import org.townhall.payments.WouldOverpay;
import org.townhall.platform.ClientOrigin;

/**
 * Paying council tax or rent without an account, as on other councils' pay pages (ADR 0027): the
 * account's reference and second fact, an amount the payer types, an email address for the
 * receipt. The page shows nothing of the account: no name, address, balance or statement.
 *
 * <p>The facts are checked with linking's throttles and audit ({@link BillingLinks#attempt}). The
 * amount may not pass what is owed, counting payments already started (ADR 0016), but the payer is
 * told only that it is more than is owed, and that answer counts as a failed attempt on the account,
 * so the balance cannot be found by trying amounts faster than a postcode could be guessed.
 */
@Service
public class GuestPayments {

    private final BillingLinks links;
    private final Ledger ledger;
    private final GuestPayers guests;
    private final TransactionTemplate transaction;

    GuestPayments(BillingLinks links, Ledger ledger, GuestPayers guests, PlatformTransactionManager transactions) {
        this.links = links;
        this.ledger = ledger;
        this.guests = guests;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** {@code amountPence} already parsed and more than nothing; {@code email} already checked for shape. */
    public GuestPayResult payCouncilTax(String typedNumber, String typedPostcode, long amountPence, String email,
                                        String idempotencyKey, String guestRef, ClientOrigin origin) {
        String number = typedNumber == null ? "" : typedNumber.replaceAll("\\s", "");
        String what = "council tax " + BillingLinks.clip(number);
        // The counters and audit rows commit before the provider is asked: a slow provider holds no connection.
        BillingLinks.Attempt attempt = transaction.execute(status -> links.attempt(what, number, guestRef, origin,
                () -> links.councilTaxMatching(number, typedPostcode)));
        return pay(attempt, what, number, Purpose.COUNCIL_TAX, CouncilTax.ledgerAccount(attempt.account() == null ? "" : attempt.account().ref()),
                "Council tax, account " + number, amountPence, email, idempotencyKey, guestRef, origin);
    }

    public GuestPayResult payRent(String typedTenancy, LocalDate bornOn, long amountPence, String email, String idempotencyKey,
                                  String guestRef, ClientOrigin origin) {
        String tenancy = typedTenancy == null ? "" : typedTenancy.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
        String what = "rent " + BillingLinks.clip(tenancy);
        BillingLinks.Attempt attempt = transaction.execute(status -> links.attempt(what, tenancy, guestRef, origin,
                () -> links.rentMatching(tenancy, bornOn)));
        return pay(attempt, what, tenancy, Purpose.RENT, Rent.ledgerAccount(attempt.account() == null ? "" : attempt.account().ref()),
                "Rent, tenancy " + tenancy, amountPence, email, idempotencyKey, guestRef, origin);
    }

    private GuestPayResult pay(BillingLinks.Attempt attempt, String what, String reference, Purpose purpose, String ledgerAccount,
                               String description, long amountPence, String email, String idempotencyKey, String guestRef,
                               ClientOrigin origin) {
        if (attempt.refusal() instanceof LinkResult.TryLater later) {
            return new GuestPayResult.TryLater(later.retryAfter());
        }
        if (attempt.refusal() != null) {
            return new GuestPayResult.NoMatch();
        }
        // Without an account nobody can see or ask for a credit to be refunded, so not even rent
        // (which a tenant may pay ahead from their account, ADR 0016) may be paid past what is owed.
        if (amountPence > ledger.balance(ledgerAccount)) {
            transaction.executeWithoutResult(status -> links.failed(what, reference, guestRef, origin, "amount more than is owed"));
            return new GuestPayResult.MoreThanOwed();
        }
        try {
            return new GuestPayResult.Started(guests.start(new PaymentRequest(idempotencyKey, guestRef, purpose, attempt.account().ref(),
                    description, amountPence, ledgerAccount, "/pay", Ceiling.owedOn(ledgerAccount)), email, origin).nextUrl());
        } catch (WouldOverpay e) {
            transaction.executeWithoutResult(status -> links.failed(what, reference, guestRef, origin,
                    "amount more than is owed with payments in flight"));
            return new GuestPayResult.MoreThanOwed();
        }
    }
}
