package org.townhall.payments;

import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.townhall.notifications.Notifier;
import org.townhall.notifications.ResidentEmail;
import org.townhall.payments.store.GuestEmailStore;
import org.townhall.payments.store.PaymentStore;
import org.townhall.platform.ClientOrigin;
import org.townhall.platform.ClockConfiguration;
import org.townhall.platform.Money;
import org.townhall.platform.PublicReferences;

/**
 * Paying without an account (ADR 0027). The payer is the browser session, named by a random
 * "guest-" reference kept in it: the payment's owner, so its return page, card page and receipt
 * open only in that session, exactly as a resident's open only for them. The receipt goes to the
 * email address typed on the pay form, and nowhere else.
 */
@Service
public class GuestPayers {

    static final String SESSION_ATTRIBUTE = "townhall.guestPayer";
    private static final DateTimeFormatter RECEIPT_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    private final Payments payments;
    private final UnfinishedPayments unfinished;
    private final GuestEmailStore emails;
    private final PaymentStore store;
    private final Notifier notifier;
    private final Clock clock;
    private final String baseUrl;

    GuestPayers(Payments payments, UnfinishedPayments unfinished, GuestEmailStore emails, PaymentStore store, Notifier notifier, Clock clock,
                @Value("${townhall.base-url}") String baseUrl) {
        this.payments = payments;
        this.unfinished = unfinished;
        this.emails = emails;
        this.store = store;
        this.notifier = notifier;
        this.clock = clock;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public static boolean isGuest(String payerRef) {
        return payerRef != null && payerRef.startsWith("guest-");
    }

    /** This browser session's payer reference, made on first use. */
    public static String of(HttpSession session) {
        Object ref = session.getAttribute(SESSION_ATTRIBUTE);
        if (ref instanceof String guest && isGuest(guest)) {
            return guest;
        }
        String guest = "guest-" + PublicReferences.next();
        session.setAttribute(SESSION_ATTRIBUTE, guest);
        return guest;
    }

    /** The session's payer reference if it has paid or started to, else null. */
    public static String ifAny(HttpSession session) {
        Object ref = session == null ? null : session.getAttribute(SESSION_ATTRIBUTE);
        return ref instanceof String guest && isGuest(guest) ? guest : null;
    }

    /**
     * Starts the payment for a guest, keeping the receipt address first so a payment never exists
     * without it. Everything else is {@link Payments#start}: idempotency, the ceiling, audit.
     */
    public StartedPayment start(PaymentRequest request, String email, ClientOrigin origin) {
        if (!isGuest(request.residentRef())) {
            throw new IllegalArgumentException("Only a guest payer pays without an account");
        }
        if (!Payments.isIdempotencyKey(request.idempotencyKey())) {
            throw new IllegalArgumentException("A payment needs an idempotency key");
        }
        emails.remember(request.idempotencyKey(), request.residentRef(), email, clock.instant());
        return payments.start(request, origin);
    }

    /**
     * Carries on, for a guest, their own earlier payment for the same thing ({@link
     * UnfinishedPayments#replace}), the receipt address kept first against the new form's key.
     */
    public StartedPayment replace(String earlierRef, PaymentRequest request, String email, ClientOrigin origin) {
        if (!isGuest(request.residentRef()) || !Payments.isIdempotencyKey(request.idempotencyKey())) {
            throw new IllegalArgumentException("Only a guest payer's form, with its idempotency key, carries on as a guest");
        }
        emails.remember(request.idempotencyKey(), request.residentRef(), email, clock.instant());
        return unfinished.replace(earlierRef, request, origin);
    }

    /** Inside the payment's own transaction, as a resident's receipt is: sent exactly when the payment succeeds. */
    @EventListener
    void on(PaymentSucceeded paid) {
        if (!isGuest(paid.residentRef())) {
            return;
        }
        store.byRef(paid.paymentRef()).ifPresent(row -> emails.emailFor(row.idempotencyKey(), row.residentRef()).ifPresent(email ->
                // The resident's receipt, typed the same way; a guest's address is unconfirmed, so no name.
                notifier.sendEmail(new ResidentEmail.PaymentReceipt(Money.pounds(row.amountPence()), row.description(),
                        clock.instant().atZone(ClockConfiguration.LONDON).format(RECEIPT_DATE), row.reference(), baseUrl + "/pay"),
                        email)));
    }
}
