package org.townhall.payments;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.townhall.accounts.AccountFixtures;
import org.townhall.billing.BillingFixtures;
import org.townhall.billing.CouncilTax;
import org.townhall.billing.PayChoice;
import org.townhall.payments.provider.PaymentProvider;
import org.townhall.payments.provider.SandboxProvider;
import org.townhall.platform.ClientOrigin;

/** {@code paymentFixtures.aTakenCouncilTaxPayment(resident, "40.00")}: a payment made through the sandbox, settled. */
@Component
public class PaymentFixtures {

    private final BillingFixtures billing;
    private final CouncilTax councilTax;
    private final Payments payments;
    private final PaymentProvider provider;
    private final JdbcClient jdbc;

    PaymentFixtures(BillingFixtures billing, CouncilTax councilTax, Payments payments, PaymentProvider provider, JdbcClient jdbc) {
        this.billing = billing;
        this.councilTax = councilTax;
        this.payments = payments;
        this.provider = provider;
        this.jdbc = jdbc;
    }

    public record Taken(String paymentRef, String reference, String accountRef, long amountPence) {
    }

    public Taken aTakenCouncilTaxPayment(AccountFixtures.Resident resident, String amount) {
        return aTakenCouncilTaxPayment(resident, amount, "4444333322221111");
    }

    public Taken aTakenCouncilTaxPayment(AccountFixtures.Resident resident, String amount, String card) {
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(100_000).linkedTo(resident.ref()).build();
        councilTax.pay(account.ref(), resident.ref(), PayChoice.amount(amount), Payments.newIdempotencyKey(), ClientOrigin.system());
        var row = jdbc.sql("select public_ref, reference, provider_id, amount_pence from payment where paying_for = :a")
                .param("a", account.ref()).query().singleRow();
        ((SandboxProvider) provider).pay((String) row.get("provider_id"), card);
        payments.receipt((String) row.get("public_ref"), resident.ref());
        return new Taken((String) row.get("public_ref"), (String) row.get("reference"), account.ref(), (Long) row.get("amount_pence"));
    }

    /**
     * A payment started as a Townhall before the overpayment guard started them (an instance still
     * on the earlier release during a rolling deploy): with the provider and recorded, counting
     * nothing else already with the provider. How two payments come to be with the provider for one
     * balance, so that what happens when both are taken can be tested.
     */
    public StartedPayment startedWithoutTheGuard(PaymentRequest request) {
        String ref = org.townhall.platform.PublicReferences.next();
        String reference = PaymentStarts.newReference();
        PaymentProvider.Created charge = provider.create(new PaymentProvider.NewCharge(request.amountPence(), reference,
                request.description(), "http://localhost/payments/" + ref + "/return", request.idempotencyKey()));
        jdbc.sql("""
                insert into payment (public_ref, reference, idempotency_key, fingerprint, resident_ref, purpose, paying_for,
                    description, credit_account, return_path, amount_pence, state, provider, provider_id, next_url, created_at, updated_at)
                values (:ref, :reference, :key, :fingerprint, :resident, :purpose, :payingFor, :description, :credit, :returnPath,
                    :amount, 'CREATED', :provider, :providerId, :nextUrl, now(), now())""")
                .param("ref", ref).param("reference", reference).param("key", request.idempotencyKey())
                .param("fingerprint", request.fingerprint()).param("resident", request.residentRef())
                .param("purpose", request.purpose().name()).param("payingFor", request.payingFor())
                .param("description", request.description()).param("credit", request.creditAccount())
                .param("returnPath", request.returnPath()).param("amount", request.amountPence()).param("provider", provider.name())
                .param("providerId", charge.providerId()).param("nextUrl", charge.nextUrl()).update();
        return new StartedPayment(ref, charge.nextUrl(), PaymentState.CREATED);
    }
}
