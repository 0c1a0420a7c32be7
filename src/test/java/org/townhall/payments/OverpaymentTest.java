package org.townhall.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.townhall.payments.CouncilTaxPaymentTest.keyOn;
import static org.townhall.payments.CouncilTaxPaymentTest.payWithCard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.billing.BillingFixtures;
import org.townhall.billing.CouncilTax;
import org.townhall.billing.PayChoice;
import org.townhall.billing.PayResult;
import org.townhall.billing.Rent;
import org.townhall.payments.provider.PaymentProvider;
import org.townhall.payments.provider.SandboxProvider;
import org.townhall.platform.ClientOrigin;
import org.townhall.support.AuditRows;
import org.townhall.support.TestClock;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/**
 * Two tabs cannot pay one balance twice: what is already with the provider counts against what is
 * owed (council tax) or the online limit (rent) when a payment starts; and a success that overpays
 * anyway is recorded as taken and listed for a finance officer to refund.
 */
@TownhallTest
class OverpaymentTest {

    private static final long BALANCE = 49_500;

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired BillingFixtures billing;
    @Autowired CouncilTax councilTax;
    @Autowired Rent rent;
    @Autowired Payments payments;
    @Autowired PaymentFixtures paymentFixtures;
    @Autowired Reconciliation reconciliation;
    @Autowired FinanceReports reports;
    @Autowired Refunds refunds;
    @Autowired PaymentProvider provider;
    @Autowired Ledger ledger;
    @Autowired JdbcClient jdbc;
    @Autowired AuditRows audit;
    @Autowired TestClock clock;

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    @Test
    void aSecondTabPayingTheWholeCouncilTaxBalanceIsRefusedWithAClearMessage() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(BALANCE).linkedTo(resident.ref()).build();
        Visitor visitor = new Visitor(port);
        SignIns.asResident(visitor, resident);
        String firstTab = keyOn(visitor.get("/council-tax/" + account.ref()));
        String secondTab = keyOn(visitor.get("/council-tax/" + account.ref()));

        String cardPage = visitor.post("/council-tax/" + account.ref() + "/pay", "choice", "other", "amount", "495.00",
                "idempotencyKey", firstTab).location();
        assertThat(cardPage).contains("/sandbox-pay/");
        visitor.get("/council-tax/" + account.ref());
        long before = audit.lastId();
        Visitor.Page refused = visitor.post("/council-tax/" + account.ref() + "/pay", "choice", "other", "amount", "495.00",
                "idempotencyKey", secondTab);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("There is a problem")
                .contains("Payments of £495.00 already started for this account would pay all of its balance");
        assertThat(audit.actionsSince(before)).contains("PAYMENT_REFUSED");
        assertThat(paymentsFor(account.ref())).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from sandbox_charge where idempotency_key = :k").param("k", secondTab)
                .query(Long.class).single()).as("refused before the provider was asked").isZero();

        visitor.open(payWithCard(visitor, cardPage, "4444333322221111"));
        assertThat(ledger.balance("council-tax:" + account.ref())).isZero();
    }

    @Test
    void twoTabsStartingAtTheSameMomentAreOneAdmittedAndTheOtherRefused() throws Exception {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(BALANCE).linkedTo(resident.ref()).build();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            keys.add(Payments.newIdempotencyKey());
        }
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<PayResult> results = PaymentSafetyTest.allAtOnce(8, () -> councilTax.pay(account.ref(), resident.ref(),
                PayChoice.amount("495.00"), keys.get(next.getAndIncrement()), ClientOrigin.system()));

        assertThat(results.stream().filter(PayResult.Started.class::isInstance)).hasSize(1);
        assertThat(results.stream().filter(PayResult.Invalid.class::isInstance)).hasSize(7);
        assertThat(paymentsFor(account.ref())).isEqualTo(1);
        // A tab refused after the provider had created its payment has that payment cancelled there.
        assertThat(jdbc.sql("select count(*) from sandbox_charge where idempotency_key in (:keys) and status <> 'cancelled'")
                .param("keys", keys).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void partPaymentsMayRunSideBySideUpToTheBalanceAndNotAPennyBeyond() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(BALANCE).linkedTo(resident.ref()).build();
        assertThat(pay(account, resident, "200.00")).isInstanceOf(PayResult.Started.class);
        assertThat(pay(account, resident, "295.00")).isInstanceOf(PayResult.Started.class);
        assertThat(pay(account, resident, "0.01")).isEqualTo(new PayResult.Invalid(
                "Payments of £495.00 already started for this account would pay all of its balance. "
                        + "Finish or cancel them from Your payments before paying again"));
    }

    @Test
    void aDeclinedPaymentNoLongerCountsAgainstTheBalance() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(BALANCE).linkedTo(resident.ref()).build();
        PayResult.Started first = (PayResult.Started) pay(account, resident, "300.00");
        assertThat(pay(account, resident, "300.00")).isEqualTo(new PayResult.Invalid(
                "Payments of £300.00 already started for this account leave £195.00 to pay. Enter an amount no more than £195.00"));

        sandbox().pay(providerIdOf(first.paymentRef()), "4000000000000002");
        payments.receipt(first.paymentRef(), resident.ref());
        assertThat(pay(account, resident, "495.00")).isInstanceOf(PayResult.Started.class);
    }

    @Test
    void twoPaymentsAlreadyWithTheProviderAreBothRecordedWhenTakenAndTheSecondIsListedToRefund() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(BALANCE).linkedTo(resident.ref()).build();
        // Signed in before the clock moves on: an authenticator code is for the time it is typed.
        Visitor officer = new Visitor(port);
        SignIns.asStaff(officer, accounts.aStaffMember().withRole(StaffRole.FINANCE_OFFICER).enrolled().build());
        PayResult.Started first = (PayResult.Started) pay(account, resident, "495.00");
        // The other tab's payment was started by an instance still on the release before the guard.
        StartedPayment second = paymentFixtures.startedWithoutTheGuard(councilTaxPayment(resident, account, BALANCE));

        sandbox().pay(providerIdOf(first.paymentRef()), "4444333322221111");
        sandbox().pay(providerIdOf(second.paymentRef()), "4444333322221111");
        assertThat(payments.receipt(first.paymentRef(), resident.ref()).orElseThrow().taken()).isTrue();
        // The resident closed the second tab: reconciliation finds the money taken.
        long before = audit.lastId();
        clock.advance(Duration.ofMinutes(3));
        reconciliation.run();

        assertThat(payments.receipt(second.paymentRef(), resident.ref()).orElseThrow().taken()).as("recorded: money was taken").isTrue();
        assertThat(ledger.balance("council-tax:" + account.ref())).as("in credit by the second payment").isEqualTo(-BALANCE);
        assertThat(audit.detailsSince(before, "PAYMENT_RECONCILED")).anyMatch(d -> d.contains("overpaid 49500p"));
        assertThat(reports.reconciliation().overpaid()).extracting(PaymentView::ref).containsExactly(second.paymentRef());
        assertThat(reports.reconciliation().overpaid().get(0).overpaidPence()).isEqualTo(BALANCE);

        String reference = payments.receipt(second.paymentRef(), resident.ref()).orElseThrow().reference();
        assertThat(officer.get("/staff/payments/reconciliation").body()).contains("Payments that paid more than was owed").contains(reference);

        assertThat(refunds.refund(second.paymentRef(), BALANCE, "Paid twice from two tabs", "staff-ref"))
                .isNotInstanceOf(Refunds.Outcome.Refused.class);
        assertThat(reports.reconciliation().overpaid()).extracting(PaymentView::ref).doesNotContain(second.paymentRef(),
                first.paymentRef());
        assertThat(ledger.balance("council-tax:" + account.ref())).isZero();
    }

    @Test
    void aPaymentThatTakesTheAccountBelowNothingIsListedForTheOverpaidPartOnly() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(BALANCE).linkedTo(resident.ref()).build();
        StartedPayment first = paymentFixtures.startedWithoutTheGuard(councilTaxPayment(resident, account, 40_000));
        StartedPayment second = paymentFixtures.startedWithoutTheGuard(councilTaxPayment(resident, account, 20_000));
        for (StartedPayment started : List.of(first, second)) {
            sandbox().pay(providerIdOf(started.paymentRef()), "4444333322221111");
            assertThat(payments.receipt(started.paymentRef(), resident.ref()).orElseThrow().taken()).isTrue();
        }

        assertThat(reports.reconciliation().overpaid()).extracting(PaymentView::ref).contains(second.paymentRef())
                .doesNotContain(first.paymentRef());
        assertThat(payments.receipt(second.paymentRef(), resident.ref()).orElseThrow().overpaidPence())
                .as("£400 then £200 on a £495 bill: £105 beyond it").isEqualTo(10_500);
        assertThat(ledger.balance("council-tax:" + account.ref())).isEqualTo(-10_500);
        assertThat(refunds.refund(second.paymentRef(), 10_500, "Paid beyond the balance", "staff-ref"))
                .isNotInstanceOf(Refunds.Outcome.Refused.class);
        assertThat(reports.reconciliation().overpaid()).extracting(PaymentView::ref).doesNotContain(second.paymentRef());
    }

    @Test
    void rentMayBePaidIntoCreditFromTwoTabsButNoMoreThanTheOnlineLimitAtOnce() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.RentFixture tenancy = billing.aRentAccount().weekly(15_000).linkedTo(resident.ref()).build();
        long owed = ledger.balance("rent:" + tenancy.ref());
        PayResult.Started first = (PayResult.Started) rent.pay(tenancy.ref(), resident.ref(), "495.00", Payments.newIdempotencyKey(),
                ClientOrigin.system());
        PayResult.Started second = (PayResult.Started) rent.pay(tenancy.ref(), resident.ref(), "495.00", Payments.newIdempotencyKey(),
                ClientOrigin.system());
        assertThat(rent.pay(tenancy.ref(), resident.ref(), "4020.00", Payments.newIdempotencyKey(), ClientOrigin.system()))
                .isEqualTo(new PayResult.Invalid("Rent payments of £990.00 already started for this tenancy have not finished, "
                        + "and you can pay up to £5,000.00 online at once. Enter an amount no more than £4,010.00"));

        for (PayResult.Started started : List.of(first, second)) {
            sandbox().pay(providerIdOf(started.paymentRef()), "4444333322221111");
            assertThat(payments.receipt(started.paymentRef(), resident.ref()).orElseThrow().taken()).isTrue();
        }
        assertThat(ledger.balance("rent:" + tenancy.ref())).isEqualTo(owed - 99_000);
        assertThat(reports.reconciliation().overpaid()).extracting(PaymentView::ref)
                .as("rent in credit is paid ahead, not an overpayment").doesNotContain(first.paymentRef(), second.paymentRef());
    }

    @Test
    void theRuleAPaymentWasStartedUnderAndWhatItOverpaidCannotBeRewritten() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(BALANCE).linkedTo(resident.ref()).build();
        PayResult.Started started = (PayResult.Started) pay(account, resident, "10.00");
        assertThat(jdbc.sql("select ceiling_account from payment where public_ref = :r").param("r", started.paymentRef())
                .query(String.class).single()).isEqualTo("council-tax:" + account.ref());
        assertThatThrownBy(() -> jdbc.sql("update payment set ceiling_account = null, ceiling_pence = 99999999 where public_ref = :r")
                .param("r", started.paymentRef()).update()).hasMessageContaining("never change");
        assertThatThrownBy(() -> jdbc.sql("update payment set overpaid_pence = 1 where public_ref = :r")
                .param("r", started.paymentRef()).update()).hasMessageContaining("decided when it succeeds");
    }

    private PayResult pay(BillingFixtures.CouncilTaxFixture account, AccountFixtures.Resident resident, String amount) {
        return councilTax.pay(account.ref(), resident.ref(), PayChoice.amount(amount), Payments.newIdempotencyKey(), ClientOrigin.system());
    }

    private static PaymentRequest councilTaxPayment(AccountFixtures.Resident resident, BillingFixtures.CouncilTaxFixture account,
                                                    long pence) {
        return new PaymentRequest(Payments.newIdempotencyKey(), resident.ref(), Purpose.COUNCIL_TAX, account.ref(), "Council tax",
                pence, "council-tax:" + account.ref(), "/council-tax/" + account.ref());
    }

    private long paymentsFor(String accountRef) {
        return jdbc.sql("select count(*) from payment where paying_for = :a").param("a", accountRef).query(Long.class).single();
    }

    private String providerIdOf(String paymentRef) {
        return jdbc.sql("select provider_id from payment where public_ref = :r").param("r", paymentRef).query(String.class).single();
    }

    private SandboxProvider sandbox() {
        return (SandboxProvider) provider;
    }
}
