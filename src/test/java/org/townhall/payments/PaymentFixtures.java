package org.townhall.payments;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.townhall.accounts.AccountFixtures;
import org.townhall.billing.BillingFixtures;
import org.townhall.billing.CouncilTax;
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
        councilTax.pay(account.ref(), resident.ref(), false, amount, Payments.newIdempotencyKey(), ClientOrigin.system());
        var row = jdbc.sql("select public_ref, reference, provider_id, amount_pence from payment where paying_for = :a")
                .param("a", account.ref()).query().singleRow();
        ((SandboxProvider) provider).pay((String) row.get("provider_id"), card);
        payments.receipt((String) row.get("public_ref"), resident.ref());
        return new Taken((String) row.get("public_ref"), (String) row.get("reference"), account.ref(), (Long) row.get("amount_pence"));
    }
}
