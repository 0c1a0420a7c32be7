package org.townhall.parking;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.support.AuditRows;
import org.townhall.support.Outbox;
import org.townhall.payments.UnfinishedPayments;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/**
 * Paying a parking fine without an account, from its look-up: only the fine's number and what is
 * due, an email address for the receipt, one payment whatever is replayed, and nothing for anyone
 * who has not looked the fine up in this browser.
 */
@TownhallTest
class PayAPcnWithoutAnAccountTest {

    private static final Pattern KEY = Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"");

    @LocalServerPort int port;
    @Autowired ParkingFixtures parking;
    @Autowired AccountFixtures accounts;
    @Autowired AuditRows audit;
    @Autowired Outbox outbox;
    @Autowired JdbcClient jdbc;
    @Autowired org.townhall.support.TestClock clock;

    @BeforeEach
    void clearCounts() {
        parking.clearLookupCounts();
        accounts.clearSignInThrottles();
    }

    @Test
    void aGuestPaysALookedUpFineAtTheReducedAmountAndTheReceiptGoesOnlyToTheTypedAddress() {
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).build();
        String email = "keeper." + pcn.number().toLowerCase() + "@example.com";
        Visitor guest = new Visitor(port);
        Visitor.Page page = lookUp(guest, pcn);
        assertThat(page.body()).contains("Pay £80.00 now", "You do not need an account to pay");

        Visitor.Page form = guest.get("/parking/pcn/" + pcn.ref() + "/pay");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("Pay your parking fine", pcn.number(), "£80.00", "Email address for your receipt")
                .as("nothing the payer does not need: not the vehicle, nor where it was").doesNotContain(pcn.vrm(), "Photos");
        long before = audit.lastId();
        String cardPage = guest.post("/parking/pcn/" + pcn.ref() + "/pay", "email", email,
                "idempotencyKey", key(form)).location();
        assertThat(cardPage).contains("/sandbox-pay/sbx_");

        Visitor.Page receipt = guest.open(payWithCard(guest, cardPage));
        assertThat(receipt.body()).contains("Payment received", "£80.00", "Save this to an account",
                "/sign-in?next=/parking/pcn/" + pcn.ref()).doesNotContain("All your payments");
        assertThat(status(pcn)).isEqualTo("PAID");
        assertThat(outbox.templatesSentTo(email)).containsExactly("PAYMENT_RECEIPT");
        assertThat(audit.actionsSince(before)).contains("PAYMENT_STARTED", "PAYMENT_SUCCEEDED");
        assertThat(guest.get("/parking/pcn/" + pcn.ref()).body()).contains("This parking fine has been paid")
                .doesNotContain("Pay £80.00 now");
        assertThat(guest.get("/parking/pcn/" + pcn.ref() + "/pay").status()).as("nothing left to pay").isEqualTo(404);
    }

    @Test
    void theSameFormSentTwiceStartsOnePaymentAndCannotMoveTheReceipt() {
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).build();
        Visitor guest = new Visitor(port);
        lookUp(guest, pcn);
        String email = "twice." + pcn.number().toLowerCase() + "@example.com";
        String other = "other." + pcn.number().toLowerCase() + "@example.com";
        String key = key(guest.get("/parking/pcn/" + pcn.ref() + "/pay"));
        String first = guest.post("/parking/pcn/" + pcn.ref() + "/pay", "email", email, "idempotencyKey", key).location();
        String again = guest.post("/parking/pcn/" + pcn.ref() + "/pay", "email", other, "idempotencyKey", key).location();
        assertThat(again).isEqualTo(first);
        assertThat(payments(pcn)).isEqualTo(1);
        guest.open(payWithCard(guest, first));
        assertThat(outbox.templatesSentTo(email)).containsExactly("PAYMENT_RECEIPT");
        assertThat(outbox.templatesSentTo(other)).isEmpty();
    }

    @Test
    void aBlankOrMisshapenEmailIsTheFormsErrorAndStartsNothing() {
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).build();
        Visitor guest = new Visitor(port);
        lookUp(guest, pcn);
        String key = key(guest.get("/parking/pcn/" + pcn.ref() + "/pay"));
        Visitor.Page blank = guest.post("/parking/pcn/" + pcn.ref() + "/pay", "email", "", "idempotencyKey", key);
        assertThat(blank.status()).isEqualTo(422);
        assertThat(blank.body()).contains("There is a problem", "Enter an email address for your receipt", "Error: Pay your parking fine");
        Visitor.Page misshapen = guest.post("/parking/pcn/" + pcn.ref() + "/pay", "email", "not an address", "idempotencyKey", key);
        assertThat(misshapen.body()).contains("Enter an email address in the correct format").contains("value=\"not an address\"");
        Visitor.Page noKey = guest.post("/parking/pcn/" + pcn.ref() + "/pay", "email", "keeper@example.com", "idempotencyKey", "x");
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.body()).contains("Something went wrong with the form");
        assertThat(payments(pcn)).isZero();
    }

    @Test
    void aSecondBrowserCannotStartAnotherPaymentWhileOneIsWithTheProvider() {
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).build();
        Visitor first = new Visitor(port);
        lookUp(first, pcn);
        first.post("/parking/pcn/" + pcn.ref() + "/pay", "email", "one@example.com",
                "idempotencyKey", key(first.get("/parking/pcn/" + pcn.ref() + "/pay")));
        Visitor second = new Visitor(port);
        lookUp(second, pcn);
        Visitor.Page refused = second.post("/parking/pcn/" + pcn.ref() + "/pay", "email", "two@example.com",
                "idempotencyKey", key(second.get("/parking/pcn/" + pcn.ref() + "/pay")));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("A payment for this parking fine is already in progress");
        assertThat(payments(pcn)).isEqualTo(1);
    }

    @Test
    void aPaymentLeftWithNoCardDetailsForAQuarterOfAnHourGivesWayToTheNextPayerAndIsCancelled() {
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).build();
        Visitor leaver = new Visitor(port);
        lookUp(leaver, pcn);
        String leftAt = leaver.post("/parking/pcn/" + pcn.ref() + "/pay", "email", "leaver@example.com",
                "idempotencyKey", key(leaver.get("/parking/pcn/" + pcn.ref() + "/pay"))).location();
        leaver.get(leftAt); // the card page opened, nothing typed
        Visitor keeper = new Visitor(port);
        lookUp(keeper, pcn);
        try {
            clock.advance(UnfinishedPayments.ABANDONED_AFTER.minusMinutes(1));
            assertThat(keeper.post("/parking/pcn/" + pcn.ref() + "/pay", "email", "keeper@example.com",
                    "idempotencyKey", key(keeper.get("/parking/pcn/" + pcn.ref() + "/pay"))).status())
                    .as("fourteen minutes is not abandoned").isEqualTo(409);

            clock.advance(java.time.Duration.ofMinutes(2));
            long before = audit.lastId();
            String cardPage = keeper.post("/parking/pcn/" + pcn.ref() + "/pay", "email", "keeper@example.com",
                    "idempotencyKey", key(keeper.get("/parking/pcn/" + pcn.ref() + "/pay"))).location();

            assertThat(cardPage).contains("/sandbox-pay/sbx_");
            assertThat(audit.actionsSince(before)).contains("PAYMENT_ABANDONED_CANCELLED", "PAYMENT_STARTED");
            assertThat(jdbc.sql("select state from payment where paying_for = :p order by id").param("p", pcn.ref())
                    .query(String.class).list()).hasSize(2).first().isNotIn("CREATED", "STARTED", "SUCCESS", "SUBMITTED");
            keeper.open(payWithCard(keeper, cardPage));
            assertThat(status(pcn)).isEqualTo("PAID");
        } finally {
            clock.reset();
        }
    }

    @Test
    void aVisitorWhoHasNotLookedTheFineUpGetsNothingAndIsRecorded() {
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).build();
        Visitor stranger = new Visitor(port);
        stranger.get("/parking");
        long before = audit.lastId();
        assertThat(stranger.get("/parking/pcn/" + pcn.ref() + "/pay").status()).isEqualTo(404);
        Visitor.Page post = stranger.post("/parking/pcn/" + pcn.ref() + "/pay", "email", "x@example.com",
                "idempotencyKey", org.townhall.payments.Payments.newIdempotencyKey());
        assertThat(post.status()).isEqualTo(404);
        assertThat(post.body()).doesNotContain(pcn.number(), "£80.00");
        assertThat(audit.actionsSince(before)).contains("ACCESS_DENIED").doesNotContain("PAYMENT_STARTED");
        assertThat(payments(pcn)).isZero();
    }

    @Test
    void anotherResidentWhoHasNotLookedTheFineUpGetsNothingAndIsRecorded() {
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).build();
        Visitor other = new Visitor(port);
        SignIns.asResident(other, accounts.aResident().build());
        other.get("/account");
        long before = audit.lastId();
        assertThat(other.post("/parking/pcn/" + pcn.ref() + "/pay", "email", "x@example.com",
                "idempotencyKey", org.townhall.payments.Payments.newIdempotencyKey()).status()).isEqualTo(404);
        assertThat(audit.actionsSince(before)).contains("PAYMENT_REFUSED").doesNotContain("PAYMENT_STARTED");
        assertThat(payments(pcn)).isZero();
    }

    @Test
    void staffCannotPayAResidentsFineFromAStaffSessionAndAreRecorded() {
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).build();
        Visitor officer = new Visitor(port);
        SignIns.asStaff(officer, accounts.aStaffMember().withRole(StaffRole.FINANCE_OFFICER).enrolled().build());
        officer.get("/parking");
        officer.post("/parking", "pcnNumber", pcn.number(), "registration", pcn.vrm());
        long before = audit.lastId();
        assertThat(officer.get("/parking/pcn/" + pcn.ref() + "/pay").status()).isEqualTo(403);
        assertThat(officer.post("/parking/pcn/" + pcn.ref() + "/pay", "email", "x@example.com",
                "idempotencyKey", org.townhall.payments.Payments.newIdempotencyKey()).status()).isEqualTo(403);
        assertThat(audit.actionsSince(before)).contains("ACCESS_DENIED").doesNotContain("PAYMENT_STARTED");
        assertThat(payments(pcn)).isZero();
    }

    private String status(ParkingFixtures.Pcn pcn) {
        return jdbc.sql("select status from pcn where public_ref = :p").param("p", pcn.ref()).query(String.class).single();
    }

    private long payments(ParkingFixtures.Pcn pcn) {
        return jdbc.sql("select count(*) from payment where paying_for = :p").param("p", pcn.ref()).query(Long.class).single();
    }

    private static Visitor.Page lookUp(Visitor visitor, ParkingFixtures.Pcn pcn) {
        visitor.get("/parking");
        assertThat(visitor.post("/parking", "pcnNumber", pcn.number(), "registration", pcn.vrm()).location())
                .endsWith("/parking/pcn/" + pcn.ref());
        return visitor.get("/parking/pcn/" + pcn.ref());
    }

    private static String key(Visitor.Page page) {
        Matcher key = KEY.matcher(page.body());
        assertThat(key.find()).as("pay form with an idempotency key").isTrue();
        return key.group(1);
    }

    /** The card page, then "Confirm your payment"; where the provider sends the payer back to. */
    static String payWithCard(Visitor visitor, String cardPage) {
        String path = URI.create(cardPage).getPath();
        assertThat(visitor.get(path).status()).isEqualTo(200);
        String confirm = visitor.post(path, "cardNumber", "4444333322221111", "expiry", "12/30", "cardholderName", "A Keeper",
                "securityCode", "123").location();
        assertThat(confirm).endsWith("/confirm");
        return URI.create(visitor.post(URI.create(confirm).getPath()).location()).getPath();
    }
}
