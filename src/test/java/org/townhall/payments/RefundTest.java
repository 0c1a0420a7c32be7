package org.townhall.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.support.AuditRows;
import org.townhall.support.Outbox;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/** Finance officers find payments, refund them in full or in part, and download the day's settlement. */
@TownhallTest
class RefundTest {

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired PaymentFixtures paymentFixtures;
    @Autowired Refunds refunds;
    @Autowired Ledger ledger;
    @Autowired JdbcClient jdbc;
    @Autowired Outbox outbox;
    @Autowired AuditRows audit;

    @Test
    void aFinanceOfficerFindsAPaymentRefundsPartOfItAndCannotRefundMoreThanIsLeft() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        PaymentFixtures.Taken taken = paymentFixtures.aTakenCouncilTaxPayment(resident, "40.00");
        Visitor officer = new Visitor(port);
        SignIns.asStaff(officer, accounts.aStaffMember().withRole(StaffRole.FINANCE_OFFICER).enrolled().build());

        assertThat(officer.get("/staff/payments?reference=" + taken.reference()).body()).contains(taken.reference()).contains("£40.00");
        Visitor.Page page = officer.get("/staff/payments/" + taken.paymentRef());
        assertThat(page.body()).contains("At most £40.00");
        long before = audit.lastId();
        Visitor.Page refunded = officer.post("/staff/payments/" + taken.paymentRef() + "/refunds", "amount", "15.50",
                "reason", "Paid twice by mistake");
        assertThat(refunded.location()).endsWith("?refunded");
        assertThat(ledger.balance("council-tax:" + taken.accountRef())).isEqualTo(100_000 - 4_000 + 1_550);
        assertThat(outbox.templatesSentTo(resident.email())).contains("PAYMENT_REFUNDED");
        assertThat(audit.actionsSince(before)).contains("PAYMENT_REFUNDED");

        officer.get("/staff/payments/" + taken.paymentRef());
        Visitor.Page tooMuch = officer.post("/staff/payments/" + taken.paymentRef() + "/refunds", "amount", "24.51", "reason", "Again");
        assertThat(tooMuch.status()).isEqualTo(200);
        assertThat(tooMuch.body()).contains("You can refund at most £24.50");
        for (String amount : new String[] {"0", "-1", "abc"}) {
            officer.get("/staff/payments/" + taken.paymentRef());
            assertThat(officer.post("/staff/payments/" + taken.paymentRef() + "/refunds", "amount", amount, "reason", "x").body())
                    .contains("There is a problem");
        }
        assertThat(jdbc.sql("select refunded_pence from payment where public_ref = :r").param("r", taken.paymentRef())
                .query(Long.class).single()).isEqualTo(1_550);
        assertThat(audit.actionsSince(before)).contains("REFUND_REFUSED");

        String csv = new String(officer.getBytes("/staff/payments/settlement.csv?day="
                + java.time.LocalDate.now(java.time.ZoneId.of("Europe/London"))), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(csv).contains("payment," + taken.reference()).contains("refund," + taken.reference() + ",COUNCIL_TAX");
        assertThat(officer.get("/staff/payments/reconciliation").body()).contains("Journal entries that do not balance");
    }

    @Test
    void twoOfficersRefundingAtOnceCannotGiveBackMoreThanWasPaid() throws Exception {
        AccountFixtures.Resident resident = accounts.aResident().build();
        PaymentFixtures.Taken taken = paymentFixtures.aTakenCouncilTaxPayment(resident, "100.00");
        List<Refunds.Outcome> outcomes = PaymentSafetyTest.allAtOnce(2,
                () -> refunds.refund(taken.paymentRef(), 6_000, "Overpaid", "staff-ref"));
        assertThat(outcomes.stream().filter(o -> o instanceof Refunds.Outcome.Refunded)).hasSize(1);
        assertThat(outcomes.stream().filter(o -> o instanceof Refunds.Outcome.Refused)).hasSize(1);
        assertThat(ledger.balance("council-tax:" + taken.accountRef())).isEqualTo(100_000 - 10_000 + 6_000);
        assertThat(jdbc.sql("select coalesce(sum(r.amount_pence), 0) from sandbox_refund r join sandbox_charge c using (provider_id) "
                + "where c.reference = :r").param("r", taken.reference()).query(Long.class).single()).isEqualTo(6_000);
    }

    @Test
    void aPaymentThatWasNotTakenCannotBeRefunded() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        PaymentFixtures.Taken declined = paymentFixtures.aTakenCouncilTaxPayment(resident, "10.00", "4000000000000002");
        assertThat(refunds.refund(declined.paymentRef(), 100, "x", "staff-ref")).isInstanceOf(Refunds.Outcome.Refused.class);
        assertThat(refunds.refund("no-such-payment", 100, "x", "staff-ref")).isInstanceOf(Refunds.Outcome.Refused.class);
    }
}
