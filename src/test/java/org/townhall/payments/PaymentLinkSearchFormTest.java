package org.townhall.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.platform.ClockConfiguration;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/**
 * The finance officers' search of GOV.UK Pay for payment-link payments, asked with every pair of
 * "from" and "to" a form can send: left out, blank, good days, days outside the 31-day window,
 * reversed, impossible and hostile text. GOV.UK Pay is asked only for a window that makes sense;
 * every other pair gets the error summary, and its text comes back escaped.
 */
@TownhallTest
class PaymentLinkSearchFormTest extends GovukPayPlayed {

    private static final String PATH = "/staff/payments/reconciliation/payment-links";
    /** The window the page promises finance officers: the last 31 days. */
    private static final int WINDOW_DAYS = 31;

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired Clock clock;

    @Test
    void onlyAWindowOfRealDaysInOrderWithinTheLast31DaysIsSearchedAndEveryOtherPairIsRefusedClearly() {
        PAY.stubFor(get(urlPathEqualTo("/v1/payments")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"total\": 0, \"count\": 0, \"page\": 1, \"results\": [], \"_links\": {}}")));
        Visitor officer = new Visitor(port);
        SignIns.asStaff(officer, accounts.aStaffMember().withRole(StaffRole.FINANCE_OFFICER).enrolled().build());
        officer.get("/staff/payments/reconciliation");

        LocalDate today = LocalDate.now(clock.withZone(ClockConfiguration.LONDON));
        List<String> days = Arrays.asList(null, "", "   ", today.toString(), " " + today.minusDays(1) + " ",
                today.minusDays(31).toString(), today.minusDays(32).toString(), today.plusDays(1).toString(),
                "2026-02-30", "30/11/2026", "+999999999-01-01", "<script>alert(1)</script>", "9".repeat(5_000));

        List<String> failures = new ArrayList<>();
        for (String from : days) {
            for (String to : days) {
                PAY.resetRequests();
                Map<String, String> form = new HashMap<>();
                if (from != null) {
                    form.put("from", from);
                }
                if (to != null) {
                    form.put("to", to);
                }
                Visitor.Page page = officer.post(PATH, form);
                boolean sensible = sensible(from, to, today);
                int searches = PAY.findAll(getRequestedFor(urlPathEqualTo("/v1/payments"))).size();
                String label = "from=" + shorten(from) + " to=" + shorten(to);
                if (page.status() != 200) {
                    failures.add(label + ": answered " + page.status());
                } else if (sensible != (searches == 1) || searches > 1) {
                    failures.add(label + ": GOV.UK Pay asked " + searches + " times");
                } else if (sensible == page.body().contains("govuk-error-summary")) {
                    failures.add(label + ": error summary " + (sensible ? "shown" : "missing"));
                } else if (page.body().contains("<script>alert(1)</script>")) {
                    failures.add(label + ": the typed text came back unescaped");
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    private static boolean sensible(String from, String to, LocalDate today) {
        LocalDate first = day(from);
        LocalDate last = day(to);
        return first != null && last != null && !first.isAfter(last) && !last.isAfter(today)
                && !first.isBefore(today.minusDays(WINDOW_DAYS));
    }

    private static LocalDate day(String text) {
        try {
            return text == null || text.isBlank() ? null : LocalDate.parse(text.trim());
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static String shorten(String text) {
        return text == null ? "(left out)" : text.length() > 20 ? text.substring(0, 20) + "…" : "'" + text + "'";
    }

}
