package org.townhall.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.townhall.payments.CouncilTaxPaymentTest.keyOn;
import static org.townhall.payments.CouncilTaxPaymentTest.payWithCard;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.billing.BillingFixtures;
import org.townhall.parking.ParkingFixtures;
import org.townhall.payments.provider.PaymentProvider;
import org.townhall.payments.provider.SandboxProvider;
import org.townhall.platform.ClientOrigin;
import org.townhall.support.AuditRows;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/** A PCN is paid at today's amount, never the page's; rent is paid in any amount and charged every Monday. */
@TownhallTest
class PcnAndRentPaymentTest {

    private static final Pattern PCN_KEY = Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"");

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired ParkingFixtures parking;
    @Autowired BillingFixtures billing;
    @Autowired Ledger ledger;
    @Autowired JdbcClient jdbc;
    @Autowired AuditRows audit;
    @Autowired Payments payments;
    @Autowired PaymentProvider provider;
    @Autowired FinanceReports reports;
    @Autowired Refunds refunds;
    @Autowired PaymentFixtures paymentFixtures;

    @Test
    void aPcnIsPaidAtTheDiscountedAmountWhateverTheFormSaysAndThenShowsPaid() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).forContravention("12").onAccountOf(resident.ref()).build();
        Visitor visitor = new Visitor(port);
        SignIns.asResident(visitor, resident);
        Visitor.Page page = visitor.get("/parking/pcn/" + pcn.ref());
        assertThat(page.body()).contains("Pay £80.00 now");
        String cardPage = visitor.post("/parking/pcn/" + pcn.ref() + "/pay", "idempotencyKey", key(page), "amount", "1",
                "amountPence", "1").location();
        Visitor.Page receipt = visitor.open(payWithCard(visitor, cardPage, "4444333322221111"));
        assertThat(receipt.body()).contains("Payment received").contains("£80.00");
        assertThat(jdbc.sql("select amount_pence from payment where paying_for = :p").param("p", pcn.ref()).query(Long.class).single())
                .isEqualTo(8_000);
        assertThat(visitor.get("/parking/pcn/" + pcn.ref()).body()).as("marked paid in the payment's own commit")
                .contains("This parking fine has been paid.");
    }

    @Test
    void aSecondTabFinishesTheFirstPaymentAndAPaidFineIsNeverPaidAgain() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).forContravention("12").onAccountOf(resident.ref()).build();
        Visitor firstTab = new Visitor(port);
        SignIns.asResident(firstTab, resident);
        String cardPage = firstTab.post("/parking/pcn/" + pcn.ref() + "/pay", "idempotencyKey", key(firstTab.get("/parking/pcn/" + pcn.ref())))
                .location();
        String secondTry = firstTab.post("/parking/pcn/" + pcn.ref() + "/pay", "idempotencyKey", key(firstTab.get("/parking/pcn/" + pcn.ref())))
                .location();
        assertThat(secondTry).as("the same card page, not a second payment").isEqualTo(cardPage);
        firstTab.open(payWithCard(firstTab, cardPage, "4444333322221111"));
        // Before the PCN is marked paid (that follows the payment's event) the resident is sent to the
        // receipt; once it is, there is nothing to pay. Never a second card page.
        firstTab.get("/parking/pcn/" + pcn.ref());
        Visitor.Page again = firstTab.post("/parking/pcn/" + pcn.ref() + "/pay", "idempotencyKey", Payments.newIdempotencyKey());
        assertThat(again.status() == 404 || (again.location() != null && again.location().contains("/payments/")))
                .as("receipt or nothing to pay, got " + again.status() + " " + again.location()).isTrue();
        assertThat(jdbc.sql("select count(*) from payment where paying_for = :p").param("p", pcn.ref()).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void nobodyElseCanPayOrStartPayingSomeoneElsesPcn() {
        AccountFixtures.Resident owner = accounts.aResident().build();
        AccountFixtures.Resident other = accounts.aResident().build();
        ParkingFixtures.Pcn pcn = parking.aPcn().onAccountOf(owner.ref()).build();
        Visitor visitor = new Visitor(port);
        SignIns.asResident(visitor, other);
        visitor.get("/account");
        long before = audit.lastId();
        assertThat(visitor.post("/parking/pcn/" + pcn.ref() + "/pay", "idempotencyKey", Payments.newIdempotencyKey()).status())
                .isEqualTo(404);
        assertThat(audit.actionsSince(before)).contains("PAYMENT_REFUSED");
        // Without an account a fine is paid only from a look-up in the same browser (ADR 0028): anyone else gets nothing.
        Visitor anonymous = new Visitor(port);
        anonymous.get("/parking");
        before = audit.lastId();
        assertThat(anonymous.post("/parking/pcn/" + pcn.ref() + "/pay", "email", "someone@example.com",
                "idempotencyKey", Payments.newIdempotencyKey()).status()).isEqualTo(404);
        assertThat(audit.actionsSince(before)).contains("ACCESS_DENIED");
        assertThat(jdbc.sql("select count(*) from payment where paying_for = :p").param("p", pcn.ref()).query(Long.class).single()).isZero();
    }

    @Test
    void aFinePaidTwiceFromTwoPagesAtOnceIsListedForRefundUntilTheSecondIsGivenBack() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).forContravention("12").onAccountOf(resident.ref()).build();
        StartedPayment first = payments.start(finePayment(resident, pcn), ClientOrigin.system());
        // A second payment for a fine already with the provider is refused now; one started by an
        // instance still on the release before that (a rolling deploy) can still be paid as well.
        assertThatThrownBy(() -> payments.start(finePayment(resident, pcn), ClientOrigin.system())).isInstanceOf(WouldOverpay.class);
        StartedPayment second = paymentFixtures.startedWithoutTheGuard(finePayment(resident, pcn));
        payAndReturn(first, resident);
        payAndReturn(second, resident);

        assertThat(jdbc.sql("select status from pcn where public_ref = :p").param("p", pcn.ref()).query(String.class).single())
                .isEqualTo("PAID");
        assertThat(reports.reconciliation().finesPaidAgain()).extracting(PaymentView::ref).containsExactly(second.paymentRef());
        Visitor officer = new Visitor(port);
        SignIns.asStaff(officer, accounts.aStaffMember().withRole(StaffRole.FINANCE_OFFICER).enrolled().build());
        String reference = payments.receipt(second.paymentRef(), resident.ref()).orElseThrow().reference();
        assertThat(officer.get("/staff/payments/reconciliation").body()).contains("Parking fines paid more than once").contains(reference);

        assertThat(refunds.refund(second.paymentRef(), 8_000, "Paid twice from two pages", "staff-ref"))
                .isNotInstanceOf(Refunds.Outcome.Refused.class);
        assertThat(reports.reconciliation().finesPaidAgain()).extracting(PaymentView::ref).doesNotContain(second.paymentRef(),
                first.paymentRef());
    }

    private static PaymentRequest finePayment(AccountFixtures.Resident resident, ParkingFixtures.Pcn pcn) {
        return new PaymentRequest(Payments.newIdempotencyKey(), resident.ref(), Purpose.PCN, pcn.ref(), "Parking fine " + pcn.number(),
                8_000, Ledger.PARKING_INCOME, "/parking/pcn/" + pcn.ref());
    }

    private void payAndReturn(StartedPayment started, AccountFixtures.Resident resident) {
        ((SandboxProvider) provider).pay(started.nextUrl().substring("/sandbox-pay/".length()), "4444333322221111");
        assertThat(payments.receipt(started.paymentRef(), resident.ref()).orElseThrow().state()).isEqualTo(PaymentState.SUCCESS);
    }

    @Test
    void aTenantLinksTheirRentAccountSeesEveryMondaysChargeAndPaysAnyAmount() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Europe/London"));
        LocalDate start = today.minusWeeks(3);
        BillingFixtures.RentFixture rent = billing.aRentAccount().weekly(15_000).startingOn(start).build();
        long mondays = ChronoUnit.WEEKS.between(start.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY)),
                today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))) + 1;
        assertThat(ledger.balance("rent:" + rent.ref())).isEqualTo(mondays * 15_000);

        Visitor visitor = new Visitor(port);
        SignIns.asResident(visitor, resident);
        visitor.get("/rent/link");
        Visitor.Page wrong = visitor.post("/rent/link", "tenancyRef", rent.tenancyRef(), "bornDay", "1", "bornMonth", "1", "bornYear", "1985");
        assertThat(wrong.body()).contains("We could not find a rent account");
        visitor.get("/rent/link");
        Visitor.Page nonsense = visitor.post("/rent/link", "tenancyRef", rent.tenancyRef(), "bornDay", "31", "bornMonth", "2", "bornYear", "x");
        assertThat(nonsense.body()).contains("Enter your date of birth as numbers");
        visitor.get("/rent/link");
        Visitor.Page linked = visitor.post("/rent/link", "tenancyRef", rent.tenancyRef().toLowerCase(), "bornDay", "27", "bornMonth", "3",
                "bornYear", "1985");
        assertThat(linked.location()).endsWith("/rent/" + rent.ref() + "/activate?asked");
        visitor.get("/rent/" + rent.ref() + "/activate");
        assertThat(visitor.post("/rent/" + rent.ref() + "/activate", "code", billing.activationCodeFor(rent.tenancyRef())).location())
                .endsWith("/rent/" + rent.ref() + "?activated");

        Visitor.Page page = visitor.get("/rent/" + rent.ref());
        Visitor.Page tooMuch = visitor.post("/rent/" + rent.ref() + "/pay", "amount", "5000.01", "idempotencyKey", keyOn(page));
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.body()).contains("You can pay up to £5,000.00 online");
        page = visitor.get("/rent/" + rent.ref());
        String cardPage = visitor.post("/rent/" + rent.ref() + "/pay", "amount", "£1,000", "idempotencyKey", keyOn(page)).location();
        assertThat(visitor.open(payWithCard(visitor, cardPage, "5101180000000007")).body()).contains("Payment received");
        assertThat(ledger.balance("rent:" + rent.ref())).isEqualTo(mondays * 15_000 - 100_000);
        assertThat(visitor.get("/rent/" + rent.ref()).body()).contains("in credit");
        long beforeDownloads = audit.lastId();
        byte[] pdf = visitor.getBytes("/rent/" + rent.ref() + "/statement.pdf");
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        String csv = new String(visitor.getBytes("/rent/" + rent.ref() + "/statement.csv"), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFFDate,Description,Charged (£),Paid (£),Balance (£)").contains(",,1000.00,");
        assertThat(audit.actionsSince(beforeDownloads)).containsExactly("STATEMENT_DOWNLOADED", "STATEMENT_DOWNLOADED");
    }

    private static String key(Visitor.Page page) {
        Matcher key = PCN_KEY.matcher(page.body());
        assertThat(key.find()).isTrue();
        return key.group(1);
    }
}
