package org.townhall.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.billing.BillingFixtures;
import org.townhall.billing.CouncilTax;
import org.townhall.billing.PayChoice;
import org.townhall.platform.ClientOrigin;
import org.townhall.support.AuditRows;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/**
 * Every billing and payments endpoint, found from the application's own request mappings, tried
 * as each kind of caller. Only the expected ones succeed; every refusal is audited. A new endpoint
 * with no row fails the test until someone decides who may use it.
 */
@TownhallTest
class PaymentsAuthorisationMatrixTest {

    enum Who { ANONYMOUS, OWNER, OTHER_RESIDENT, FINANCE_OFFICER, PARKING_OFFICER }

    record Expect(int status, boolean refused) {
    }

    private static final Expect OK = new Expect(200, false);
    private static final Expect DONE = new Expect(302, false);
    private static final Expect BAD_FORM = new Expect(400, false);
    /** Allowed, and the form (empty, as the matrix posts it) is shown again with its errors. */
    private static final Expect FORM_ERRORS = new Expect(422, false);
    private static final Expect SIGN_IN = new Expect(302, true);
    private static final Expect FORBIDDEN = new Expect(403, true);
    private static final Expect NOTHING = new Expect(404, true);
    private static final Expect UNSIGNED = new Expect(401, true);

    private static final Map<String, List<Expect>> MATRIX = new LinkedHashMap<>();

    /** Columns in the order of {@link Who}. */
    private static void row(String endpoint, Expect... byWho) {
        MATRIX.put(endpoint, List.of(byWho));
    }

    static {
        for (String kind : List.of("/council-tax", "/rent")) {
            row("GET " + kind + "/link", SIGN_IN, OK, OK, FORBIDDEN, FORBIDDEN);
            // The empty form the matrix posts is shown again with its errors.
            row("POST " + kind + "/link", SIGN_IN, FORM_ERRORS, FORM_ERRORS, FORBIDDEN, FORBIDDEN);
            row("GET " + kind + "/{ref}", SIGN_IN, OK, NOTHING, FORBIDDEN, FORBIDDEN);
            // An empty form: council tax defaults to the instalment and then misses its idempotency key; rent misses its amount.
            row("POST " + kind + "/{ref}/pay", SIGN_IN, kind.equals("/rent") ? FORM_ERRORS : BAD_FORM, NOTHING, FORBIDDEN, FORBIDDEN);
            row("GET " + kind + "/{ref}/statement.csv", SIGN_IN, OK, NOTHING, FORBIDDEN, FORBIDDEN);
            row("GET " + kind + "/{ref}/statement.pdf", SIGN_IN, OK, NOTHING, FORBIDDEN, FORBIDDEN);
            // The owner already holds the account, so the activation page sends them to it; no one else has a link waiting.
            row("GET " + kind + "/{ref}/activate", SIGN_IN, DONE, NOTHING, FORBIDDEN, FORBIDDEN);
            row("POST " + kind + "/{ref}/activate", SIGN_IN, DONE, NOTHING, FORBIDDEN, FORBIDDEN);
            row("POST " + kind + "/{ref}/activate/letter", SIGN_IN, NOTHING, NOTHING, FORBIDDEN, FORBIDDEN);
        }
        row("GET /sandbox-pay/{id}", SIGN_IN, OK, NOTHING, FORBIDDEN, FORBIDDEN);
        row("POST /sandbox-pay/{id}", SIGN_IN, FORM_ERRORS, NOTHING, FORBIDDEN, FORBIDDEN);
        row("POST /sandbox-pay/{id}/cancel", SIGN_IN, DONE, NOTHING, FORBIDDEN, FORBIDDEN);
        // No card authorised yet, so there is nothing to confirm: the owner is sent back to Townhall.
        row("GET /sandbox-pay/{id}/confirm", SIGN_IN, DONE, NOTHING, FORBIDDEN, FORBIDDEN);
        row("POST /sandbox-pay/{id}/confirm", SIGN_IN, DONE, NOTHING, FORBIDDEN, FORBIDDEN);
        // Each resident sees only their own list (CouncilTaxPaymentTest checks what is on it).
        row("GET /payments", SIGN_IN, OK, OK, FORBIDDEN, FORBIDDEN);
        row("GET /payments/{ref}", SIGN_IN, OK, NOTHING, FORBIDDEN, FORBIDDEN);
        row("GET /payments/{ref}/return", SIGN_IN, DONE, NOTHING, FORBIDDEN, FORBIDDEN);
        // An address from a page older than the continue form: the owner is sent to the receipt.
        row("GET /payments/{ref}/continue", SIGN_IN, DONE, NOTHING, FORBIDDEN, FORBIDDEN);
        // The empty form the matrix posts has no idempotency key.
        row("POST /payments/{ref}/continue", SIGN_IN, BAD_FORM, NOTHING, FORBIDDEN, FORBIDDEN);
        row("POST /payments/provider-notifications", UNSIGNED, UNSIGNED, UNSIGNED, UNSIGNED, UNSIGNED);
        row("GET /staff/payments", SIGN_IN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN);
        row("GET /staff/payments/{ref}", SIGN_IN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN);
        row("POST /staff/payments/{ref}/refunds", SIGN_IN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN);
        row("GET /staff/payments/settlement.csv", SIGN_IN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN);
        row("GET /staff/payments/reconciliation", SIGN_IN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN);
        // The empty form names no dates and is shown again with its error (LinkPaymentsTest searches for real).
        row("POST /staff/payments/reconciliation/payment-links", SIGN_IN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN);
        // {id} here is a card payment's, not a held payment-link payment's: refused with the page's error
        // (HeldLinkPaymentsTest settles held ones for real).
        for (String settle : List.of("match", "refund", "check")) {
            row("POST /staff/payments/reconciliation/payment-links/{id}/" + settle, SIGN_IN, FORBIDDEN, FORBIDDEN, FORM_ERRORS, FORBIDDEN);
        }
        row("GET /staff/billing", SIGN_IN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN);
        // The empty form names no reason (AccountLinkingTest and HolderRemovalTest remove holders for real).
        row("POST /staff/billing/holders/{ref}/remove", SIGN_IN, FORBIDDEN, FORBIDDEN, BAD_FORM, FORBIDDEN);
    }

    @LocalServerPort int port;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
    @Autowired AccountFixtures accounts;
    @Autowired BillingFixtures billing;
    @Autowired CouncilTax councilTax;
    @Autowired AuditRows audit;
    @Autowired JdbcClient jdbc;

    private Set<String> endpoints() {
        Set<String> found = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/council-tax") || pattern.startsWith("/rent") || pattern.startsWith("/payments")
                        || pattern.startsWith("/sandbox-pay") || pattern.startsWith("/staff/payments")
                        || pattern.startsWith("/staff/billing")) {
                    for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                        found.add(method + " " + pattern);
                    }
                }
            }
        });
        return found;
    }

    @Test
    void everyBillingAndPaymentsEndpointHasARowInTheMatrix() {
        assertThat(MATRIX.keySet()).containsExactlyInAnyOrderElementsOf(endpoints());
    }

    @Test
    void onlyTheExpectedCallersSucceedAndEveryRefusalIsAudited() {
        accounts.clearSignInThrottles();
        billing.clearLinkCounts();
        AccountFixtures.Resident owner = accounts.aResident().build();
        Map<Who, Visitor> callers = new LinkedHashMap<>();
        for (Who who : Who.values()) {
            callers.put(who, new Visitor(port));
        }
        SignIns.asResident(callers.get(Who.OWNER), owner);
        SignIns.asResident(callers.get(Who.OTHER_RESIDENT), accounts.aResident().build());
        SignIns.asStaff(callers.get(Who.FINANCE_OFFICER), accounts.aStaffMember().withRole(StaffRole.FINANCE_OFFICER).enrolled().build());
        SignIns.asStaff(callers.get(Who.PARKING_OFFICER), accounts.aStaffMember().withRole(StaffRole.PARKING_OFFICER).enrolled().build());

        BillingFixtures.CouncilTaxFixture tax = billing.aCouncilTaxAccount().linkedTo(owner.ref()).build();
        BillingFixtures.RentFixture rent = billing.aRentAccount().linkedTo(owner.ref()).build();
        councilTax.pay(tax.ref(), owner.ref(), PayChoice.amount("10.00"), Payments.newIdempotencyKey(), ClientOrigin.system());
        Map<String, Object> payment = jdbc.sql("select public_ref, provider_id from payment where paying_for = :a")
                .param("a", tax.ref()).query().singleRow();

        List<String> failures = new ArrayList<>();
        for (var row : MATRIX.entrySet()) {
            String[] parts = row.getKey().split(" ", 2);
            String path = parts[1].replace("{id}", (String) payment.get("provider_id"))
                    .replace("{ref}", parts[1].startsWith("/council-tax") ? tax.ref()
                            : parts[1].startsWith("/rent") ? rent.ref() : (String) payment.get("public_ref"));
            for (Who who : Who.values()) {
                Expect expected = row.getValue().get(who.ordinal());
                Visitor caller = callers.get(who);
                boolean staffPage = parts[1].startsWith("/staff");
                // A page with a form first, so a POST carries the caller's CSRF token as a browser's would.
                caller.get(who == Who.ANONYMOUS ? (staffPage ? "/staff/sign-in" : "/sign-in")
                        : staffPage && who.name().endsWith("OFFICER") ? "/staff" : "/account");
                long before = audit.lastId();
                Visitor.Page page = parts[0].equals("GET") ? caller.get(path) : caller.post(path, Map.of());
                String label = who + " " + row.getKey();
                List<String> recorded = audit.actionsSince(before);
                if (page.status() != expected.status()) {
                    failures.add(label + ": expected " + expected.status() + " but got " + page.status());
                } else if (expected.refused() && !recorded.contains("ACCESS_DENIED") && !recorded.contains("WEBHOOK_REFUSED")) {
                    failures.add(label + ": refused but not audited");
                }
            }
        }
        assertThat(failures).isEmpty();
    }
}
