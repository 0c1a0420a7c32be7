package org.townhall.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.townhall.payments.CouncilTaxPaymentTest.keyOn;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.billing.BillingFixtures;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/**
 * Every form where someone types an amount of money: a misplaced comma ("£1,0", "10,00") is
 * refused with a clear message and starts or refunds nothing, rather than being read as if the
 * comma were not there (ten pounds, or a thousand).
 */
@TownhallTest
class MalformedAmountsTest {

    private static final String[] MALFORMED = {"£1,0", "10,00", "1,2345", "1.000,00"};

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired BillingFixtures billing;
    @Autowired PaymentFixtures paymentFixtures;
    @Autowired JdbcClient jdbc;

    private long paymentsFor(String accountRef) {
        return jdbc.sql("select count(*) from payment where paying_for = :a").param("a", accountRef).query(Long.class).single();
    }

    @Test
    void councilTaxOfAnyOtherAmountRefusesAMisplacedComma() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(200_000).linkedTo(resident.ref()).build();
        Visitor visitor = new Visitor(port);
        SignIns.asResident(visitor, resident);
        for (String amount : MALFORMED) {
            Visitor.Page page = visitor.get("/council-tax/" + account.ref());
            Visitor.Page refused = visitor.post("/council-tax/" + account.ref() + "/pay", "choice", "other", "amount", amount,
                    "idempotencyKey", keyOn(page));
            assertThat(refused.status()).as(amount).isEqualTo(422);
            assertThat(refused.body()).as(amount).contains("There is a problem").contains("Enter an amount in pounds");
        }
        assertThat(paymentsFor(account.ref())).isZero();

        Visitor.Page page = visitor.get("/council-tax/" + account.ref());
        assertThat(visitor.post("/council-tax/" + account.ref() + "/pay", "choice", "other", "amount", "£1,000.00",
                "idempotencyKey", keyOn(page)).location()).contains("/sandbox-pay/");
        assertThat(jdbc.sql("select amount_pence from payment where paying_for = :a").param("a", account.ref())
                .query(Long.class).single()).isEqualTo(100_000);
    }

    @Test
    void rentRefusesAMisplacedComma() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.RentFixture rent = billing.aRentAccount().weekly(15_000).linkedTo(resident.ref()).build();
        Visitor visitor = new Visitor(port);
        SignIns.asResident(visitor, resident);
        for (String amount : MALFORMED) {
            Visitor.Page page = visitor.get("/rent/" + rent.ref());
            Visitor.Page refused = visitor.post("/rent/" + rent.ref() + "/pay", "amount", amount, "idempotencyKey", keyOn(page));
            assertThat(refused.status()).as(amount).isEqualTo(422);
            assertThat(refused.body()).as(amount).contains("There is a problem").contains("Enter an amount in pounds");
        }
        assertThat(paymentsFor(rent.ref())).isZero();
    }

    @Test
    void aRefundRefusesAMisplacedCommaAndRefundsNothing() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        PaymentFixtures.Taken taken = paymentFixtures.aTakenCouncilTaxPayment(resident, "40.00");
        Visitor officer = new Visitor(port);
        SignIns.asStaff(officer, accounts.aStaffMember().withRole(StaffRole.FINANCE_OFFICER).enrolled().build());
        for (String amount : new String[] {"1,0", "10,00", "1,5"}) {
            officer.get("/staff/payments/" + taken.paymentRef());
            Visitor.Page refused = officer.post("/staff/payments/" + taken.paymentRef() + "/refunds", "amount", amount,
                    "reason", "Paid twice by mistake");
            assertThat(refused.location()).as(amount).isNull();
            assertThat(refused.body()).as(amount).contains("There is a problem").contains("Enter the amount to refund in pounds");
        }
        assertThat(jdbc.sql("select refunded_pence from payment where public_ref = :r").param("r", taken.paymentRef())
                .query(Long.class).single()).isZero();
    }
}
