package org.townhall.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.townhall.payments.CouncilTaxPaymentTest.keyOn;
import static org.townhall.payments.CouncilTaxPaymentTest.payWithCard;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.billing.BillingFixtures;
import org.townhall.continuity.ResidentService;
import org.townhall.continuity.ServiceState;
import org.townhall.continuity.ServiceSwitches;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/** Switching payments off stops new payments with an explanation, and lets one already started finish. */
@TownhallTest
class PaymentDuringOutageTest {

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired BillingFixtures billing;
    @Autowired ServiceSwitches switches;
    @Autowired Ledger ledger;

    @AfterEach
    void on() {
        switches.switchTo(ResidentService.COUNCIL_TAX_PAYMENTS, ServiceState.ON, null, "test");
    }

    @Test
    void aPaymentInFlightWhenTheServiceIsSwitchedOffCompletesAndNewOnesGetTheExplanation() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(60_000).linkedTo(resident.ref()).build();
        Visitor visitor = new Visitor(port);
        SignIns.asResident(visitor, resident);
        Visitor.Page page = visitor.get("/council-tax/" + account.ref());
        String cardPage = visitor.post("/council-tax/" + account.ref() + "/pay", "choice", "other", "amount", "30",
                "idempotencyKey", keyOn(page)).location();

        switches.switchTo(ResidentService.COUNCIL_TAX_PAYMENTS, ServiceState.OFF, "Council tax card payments are paused for an attack", "manager");

        assertThat(visitor.open(payWithCard(visitor, cardPage, "4444333322221111")).body()).contains("Payment received");
        assertThat(ledger.balance("council-tax:" + account.ref())).isEqualTo(57_000);

        page = visitor.get("/council-tax/" + account.ref());
        assertThat(page.status()).as("the account can still be read").isEqualTo(200);
        Visitor.Page refused = visitor.post("/council-tax/" + account.ref() + "/pay", "choice", "other", "amount", "30",
                "idempotencyKey", keyOn(page));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(refused.body()).contains("Council tax card payments are paused for an attack");
    }
}
