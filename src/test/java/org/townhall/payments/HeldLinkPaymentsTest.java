package org.townhall.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.audit.Actor;
import org.townhall.billing.BillingFixtures;
import org.townhall.parking.ParkingFixtures;
import org.townhall.payments.HeldLinkPayments.Settled;
import org.townhall.support.AuditRows;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/**
 * Finance officers settle the payment-link payments Townhall held: matched by hand to the account
 * the resident meant, or refunded in full through GOV.UK Pay (WireMock in its API shapes). Each is
 * settled once, the money leaves suspense only when it is on an account or refunded, and every
 * refusal changes nothing and is audited.
 */
@TownhallTest
class HeldLinkPaymentsTest extends GovukPayPlayed {

    private static final Instant FROM = Instant.parse("2026-11-30T09:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-30T13:00:00Z");

    @LocalServerPort int port;
    @Autowired LinkPayments linkPayments;
    @Autowired HeldLinkPayments held;
    @Autowired BillingFixtures billing;
    @Autowired ParkingFixtures parking;
    @Autowired AccountFixtures accounts;
    @Autowired Ledger ledger;
    @Autowired AuditRows audit;
    @Autowired JdbcClient jdbc;

    @Test
    void anUnmatchedPaymentMatchedByHandIsAppliedToThatAccountOnce() {
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(40_000).build();
        String id = heldPayment("FLAT 2", 15_000);
        long suspense = ledger.balance(LinkPayments.SUSPENSE);

        Settled first = held.match(id, " " + account.accountNumber().toLowerCase(java.util.Locale.ROOT) + " ", "staff-finance");
        long afterId = audit.lastId();
        Settled second = held.match(id, account.accountNumber(), "staff-finance");

        assertThat(first).isInstanceOf(Settled.Done.class);
        assertThat(second).isEqualTo(new Settled.Refused("This payment has already been settled"));
        assertThat(audit.actionsSince(afterId)).containsExactly("LINK_PAYMENT_SETTLE_REFUSED");
        assertThat(ledger.balance("council-tax:" + account.ref())).isEqualTo(25_000);
        assertThat(ledger.balance(LinkPayments.SUSPENSE) - suspense).isEqualTo(15_000);
        assertThat(settlement(id)).isEqualTo(Map.of("settlement", "MATCHED", "settled_by", "staff-finance",
                "matched_paying_for", account.ref()));
        assertThat(held.waiting()).noneMatch(row -> row.payment().providerPaymentId().equals(id));
        assertThat(ledger.unbalancedEntries()).isZero();
    }

    @Test
    void aMatchToNoAccountOrToAFineAlreadyPaidIsRefusedAuditedAndChangesNothing() {
        ParkingFixtures.Pcn pcn = parking.aPcn().build();
        String paid = linkPaymentId();
        String second = linkPaymentId();
        govukPayLists(1, null, taken(paid, pcn.number(), 16_000), taken(second, pcn.number(), 16_000));
        linkPayments.search(FROM, TO, Actor.system());
        String unmatched = heldPayment("MY HOUSE", 2_000);
        long suspense = ledger.balance(LinkPayments.SUSPENSE);
        long before = audit.lastId();

        assertThat(held.match(second, pcn.number(), "staff-finance"))
                .isEqualTo(new Settled.Refused("That parking fine is no longer open (paid or cancelled): refund this payment instead"));
        assertThat(held.match(unmatched, "NO-SUCH-ACCOUNT", "staff-finance")).isInstanceOf(Settled.Refused.class);
        assertThat(held.match(unmatched, "", "staff-finance")).isInstanceOf(Settled.Refused.class);
        assertThat(held.match(unmatched, "9".repeat(65), "staff-finance")).isInstanceOf(Settled.Refused.class);
        assertThat(held.match(paid, pcn.number(), "staff-finance")).as("an applied payment is not held")
                .isEqualTo(new Settled.Refused("There is no such held payment"));
        assertThat(held.match("x".repeat(65), pcn.number(), "staff-finance")).isInstanceOf(Settled.Refused.class);

        assertThat(audit.actionsSince(before)).hasSize(6).containsOnly("LINK_PAYMENT_SETTLE_REFUSED");
        assertThat(ledger.balance(LinkPayments.SUSPENSE)).isEqualTo(suspense);
        assertThat(settlement(second).get("settlement")).isNull();
        assertThat(settlement(unmatched).get("settlement")).isNull();
    }

    @Test
    void aPaymentShortOfTheFineIsHeldNotAppliedAndCannotBeMatchedToIt() {
        ParkingFixtures.Pcn pcn = parking.aPcn().build();
        String shortId = linkPaymentId();
        govukPayLists(1, null, taken(shortId, pcn.number(), 1_000));

        assertThat(linkPayments.search(FROM, TO, Actor.system())).isEqualTo(new LinkPayments.Found(0, 1, 0));

        assertThat(jdbc.sql("select status from pcn where public_ref = :ref").param("ref", pcn.ref()).query(String.class).single())
                .isEqualTo("OPEN");
        assertThat(jdbc.sql("select outcome from link_payment where provider_payment_id = :id").param("id", shortId)
                .query(String.class).single()).isEqualTo("SHORT");
        assertThat(held.match(shortId, pcn.number(), "staff-finance"))
                .isEqualTo(new Settled.Refused("This payment is less than the fine was on the day it was paid: refund it instead"));
    }

    @Test
    void aSecondPaymentForAPaidFineIsRefundedInFullOnceAndLeavesSuspense() {
        ParkingFixtures.Pcn pcn = parking.aPcn().build();
        String first = linkPaymentId();
        String second = linkPaymentId();
        govukPayLists(1, null, taken(first, pcn.number(), 16_000), taken(second, pcn.number(), 16_000));
        linkPayments.search(FROM, TO, Actor.system());
        long suspense = ledger.balance(LinkPayments.SUSPENSE);
        long provider = ledger.balance("provider:govuk-pay");
        PAY.stubFor(post(urlEqualTo("/v1/payments/" + second + "/refunds")).willReturn(refund("refund-" + second, "success")));

        assertThat(held.refund(second, "staff-finance")).isEqualTo(new Settled.Done("Refunded in full"));
        long afterId = audit.lastId();
        assertThat(held.refund(second, "staff-finance")).isEqualTo(new Settled.Refused("This payment has already been settled"));

        PAY.verify(exactly(1), postRequestedFor(urlEqualTo("/v1/payments/" + second + "/refunds"))
                .withRequestBody(equalToJson("{\"amount\": 16000, \"refund_amount_available\": 16000}")));
        assertThat(audit.actionsSince(afterId)).containsExactly("LINK_PAYMENT_SETTLE_REFUSED");
        assertThat(ledger.balance(LinkPayments.SUSPENSE) - suspense).isEqualTo(16_000);
        assertThat(ledger.balance("provider:govuk-pay") - provider).as("GOV.UK Pay gave it back").isEqualTo(-16_000);
        assertThat(settlement(second).get("settlement")).isEqualTo("REFUNDED");
        assertThat(jdbc.sql("select status from pcn where public_ref = :ref").param("ref", pcn.ref()).query(String.class).single())
                .isEqualTo("PAID");
        assertThat(ledger.unbalancedEntries()).isZero();
    }

    @Test
    void aRefundGovukPayHasNotFinishedStaysInSuspenseUntilAnOfficerChecksItAndIsNeverAskedForTwice() {
        String id = heldPayment("WRONG REF", 4_200);
        long suspense = ledger.balance(LinkPayments.SUSPENSE);
        PAY.stubFor(post(urlEqualTo("/v1/payments/" + id + "/refunds")).willReturn(refund("refund-" + id, "submitted")));

        assertThat(held.refund(id, "staff-finance")).isInstanceOf(Settled.Waiting.class);
        assertThat(held.refund(id, "staff-finance")).isEqualTo(new Settled.Refused("This payment has already been settled"));
        assertThat(held.match(id, "ANYTHING", "staff-finance")).isInstanceOf(Settled.Refused.class);
        assertThat(ledger.balance(LinkPayments.SUSPENSE)).as("not refunded yet").isEqualTo(suspense);
        assertThat(held.waiting()).anyMatch(row -> row.payment().providerPaymentId().equals(id)
                && row.settlement() == org.townhall.payments.store.LinkSettlement.REFUNDING);

        PAY.stubFor(get(urlEqualTo("/v1/payments/" + id + "/refunds/refund-" + id)).willReturn(refund("refund-" + id, "success").withStatus(200)));
        assertThat(held.check(id, "staff-finance")).isEqualTo(new Settled.Done("Refunded in full"));

        PAY.verify(exactly(1), postRequestedFor(urlEqualTo("/v1/payments/" + id + "/refunds")));
        assertThat(ledger.balance(LinkPayments.SUSPENSE) - suspense).isEqualTo(4_200);
        assertThat(settlement(id).get("settlement")).isEqualTo("REFUNDED");
    }

    @Test
    void aRefundGovukPayDidNotAnswerIsFoundByCheckingItsListOfRefunds() {
        String id = heldPayment("NOT A REF", 900);
        PAY.stubFor(post(urlEqualTo("/v1/payments/" + id + "/refunds")).willReturn(aResponse().withStatus(500)));

        assertThat(held.refund(id, "staff-finance")).isInstanceOf(Settled.Waiting.class);

        PAY.stubFor(get(urlEqualTo("/v1/payments/" + id + "/refunds")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"payment_id": "%s", "_embedded": {"refunds": [{"refund_id": "r-%s", "amount": 900, "status": "success"}]}}"""
                        .formatted(id, id))));
        assertThat(held.check(id, "staff-finance")).isEqualTo(new Settled.Done("Refunded in full"));
        assertThat(settlement(id).get("settlement")).isEqualTo("REFUNDED");
    }

    @Test
    void aRefundGovukPayRefusesLeavesThePaymentHeldToSettleAgain() {
        String id = heldPayment("NOBODY", 1_100);
        long suspense = ledger.balance(LinkPayments.SUSPENSE);
        PAY.stubFor(post(urlEqualTo("/v1/payments/" + id + "/refunds")).willReturn(refund("refund-" + id, "error")));

        assertThat(held.refund(id, "staff-finance")).isInstanceOf(Settled.Refused.class);

        assertThat(settlement(id).get("settlement")).isNull();
        assertThat(ledger.balance(LinkPayments.SUSPENSE)).isEqualTo(suspense);
        assertThat(held.waiting()).anyMatch(row -> row.payment().providerPaymentId().equals(id)
                && row.settlement() == org.townhall.payments.store.LinkSettlement.HELD);
    }

    @Test
    void onThePageAFinanceOfficerSeesAMatchRefusedBesideItsFieldAndAMatchDoneAsABanner() {
        BillingFixtures.RentFixture rent = billing.aRentAccount().build();
        String id = heldPayment("RENT FOR FLAT 9", 5_000);
        Visitor officer = new Visitor(port);
        SignIns.asStaff(officer, accounts.aStaffMember().withRole(StaffRole.FINANCE_OFFICER).enrolled().build());
        officer.get("/staff/payments/reconciliation");

        Visitor.Page refused = officer.post("/staff/payments/reconciliation/payment-links/" + id + "/match", Map.of("reference", "<b>nope</b>"));
        Visitor.Page done = officer.post("/staff/payments/reconciliation/payment-links/" + id + "/match", Map.of("reference", rent.tenancyRef()));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("govuk-error-summary", "href=\"#match-" + id + "\"", "govuk-input--error")
                .doesNotContain("<b>nope</b>");
        assertThat(done.status()).isEqualTo(302);
        assertThat(officer.get(done.location()).body()).contains("govuk-notification-banner--success", id + ": Applied to");
        assertThat(settlement(id).get("matched_paying_for")).isEqualTo(rent.ref());
    }

    private String heldPayment(String reference, long amountPence) {
        String id = linkPaymentId();
        govukPayLists(1, null, taken(id, reference, amountPence));
        assertThat(linkPayments.search(FROM, TO, Actor.system()).held()).isEqualTo(1);
        PAY.resetAll();
        return id;
    }

    private Map<String, Object> settlement(String id) {
        Map<String, Object> row = new java.util.HashMap<>(jdbc.sql("""
                        select settlement, settled_by, matched_paying_for from link_payment where provider_payment_id = :id""")
                .param("id", id).query().singleRow());
        row.values().removeIf(java.util.Objects::isNull);
        return row.isEmpty() ? new java.util.HashMap<>() : row;
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder refund(String refundId, String status) {
        return aResponse().withStatus(202).withHeader("Content-Type", "application/json").withBody("""
                {"refund_id": "%s", "amount": 0, "status": "%s"}""".formatted(refundId, status));
    }
}
