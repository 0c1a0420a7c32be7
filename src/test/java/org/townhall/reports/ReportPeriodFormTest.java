package org.townhall.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/**
 * The committee report's one field, asked with what auditors type and what an attacker would: a
 * month, a quarter or a year gives the report, its PDF and its CSV; anything else gives the error
 * summary on the page (422) and "not found" or "bad request" for the downloads, never a server error, and typed
 * text comes back escaped.
 */
@TownhallTest
class ReportPeriodFormTest {

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;

    @Test
    void aMonthAQuarterOrAYearGivesTheReportAndEveryOtherTextAClearRefusal() {
        Visitor auditor = new Visitor(port);
        SignIns.asStaff(auditor, accounts.aStaffMember().withRole(StaffRole.AUDITOR).enrolled().build());
        Map<String, Boolean> periods = new LinkedHashMap<>();
        for (String good : List.of("2026-07", "2026-q3", "2026-Q1", " 2026 ", "2025-12", "0001")) {
            periods.put(good, true);
        }
        for (String bad : List.of("2026-13", "2026-00", "2026-Q0", "2026-Q5", "2026-7", "26", "99999", "2026-07-01",
                "\uff12\uff10\uff12\uff16", "2026\u0007", "<script>alert(1)</script>", "2026-Q3;drop", "9".repeat(4_000))) {
            periods.put(bad, false);
        }

        List<String> failures = new ArrayList<>();
        for (var period : periods.entrySet()) {
            String typed = URLEncoder.encode(period.getKey(), StandardCharsets.UTF_8);
            boolean good = period.getValue();
            Visitor.Page page = auditor.get("/staff/reports?period=" + typed);
            String label = "'" + (period.getKey().length() > 20 ? period.getKey().substring(0, 20) + "…" : period.getKey()) + "'";
            if (page.status() != (good ? 200 : 422)) {
                failures.add(label + ": page answered " + page.status());
            } else if (good != page.body().contains("id=\"report-title\"") || good == page.body().contains("govuk-error-summary")) {
                failures.add(label + ": " + (good ? "no report" : "no error summary"));
            } else if (page.body().contains("<script>alert(1)</script>")) {
                failures.add(label + ": typed text came back unescaped");
            } else if (!good && !page.body().contains("aria-describedby=\"period-hint period-error\"")) {
                failures.add(label + ": the field does not point at its error message");
            }
            String code = period.getKey().strip();
            if (code.isEmpty() || code.length() > 100 || code.indexOf('/') >= 0) {
                continue;
            }
            for (String download : List.of(".pdf", ".csv")) {
                int status = auditor.get("/staff/reports/" + URLEncoder.encode(code, StandardCharsets.UTF_8).replace("+", "%20")
                        + download).status();
                // A semicolon in a path is refused by the firewall before the controller (400).
                if (good ? status != 200 : status != 404 && status != 400) {
                    failures.add(label + download + ": answered " + status);
                }
            }
        }
        assertThat(failures).isEmpty();
        // A NUL, which no field may hold, is refused as a bad request before the form is read.
        assertThat(auditor.get("/staff/reports?period=2026%00").status()).isEqualTo(400);
    }
}
