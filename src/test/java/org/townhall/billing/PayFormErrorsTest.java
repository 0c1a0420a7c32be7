package org.townhall.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/** The pay forms' errors follow the GOV.UK pattern, and a choice that contradicts what was typed is an error. */
@TownhallTest
class PayFormErrorsTest {

    static final Pattern SUMMARY_LINK = Pattern.compile("govuk-error-summary__list.*?</ul>", Pattern.DOTALL);
    static final Pattern HREF = Pattern.compile("href=\"#([A-Za-z]+)\"");

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired BillingFixtures billing;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void clearCounts() {
        accounts.clearSignInThrottles();
        billing.clearLinkCounts();
    }

    @Test
    void choosingTheInstalmentWhileTypingAnotherAmountIsAnErrorAndChargesNothing() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(165_000).linkedTo(resident.ref()).build();
        Visitor visitor = new Visitor(port);
        SignIns.asResident(visitor, resident);
        Visitor.Page page = visitor.get("/council-tax/" + account.ref());
        Visitor.Page answer = visitor.post("/council-tax/" + account.ref() + "/pay", "choice", "instalment", "amount", "10",
                "idempotencyKey", PayWithoutAnAccountTest.keyOn(page));
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body()).contains("You chose to pay your next instalment and typed another amount")
                .contains("href=\"#amount\"").containsPattern("id=\"amount\"[^>]*aria-describedby=\"amount-hint amount-error\"")
                .contains("govuk-input--error");
        assertThat(jdbc.sql("select count(*) from payment where paying_for = :a").param("a", account.ref()).query(Long.class).single())
                .isZero();
    }

    @Test
    void theSummaryListsEachFieldOnceInTheOrderOfTheFormEveryTime() {
        Visitor guest = new Visitor(port);
        String key = PayWithoutAnAccountTest.keyOn(guest.get("/pay/council-tax"));
        for (int i = 0; i < 4; i++) {
            // The email breaks two rules (too long and the wrong shape): it is still listed once.
            Visitor.Page page = guest.post("/pay/council-tax", "accountNumber", "", "postcode", "", "amount", "ten pounds",
                    "email", "x".repeat(300), "idempotencyKey", key);
            assertThat(summaryLinks(page)).containsExactly("accountNumber", "postcode", "amount", "email");
            for (String field : List.of("accountNumber", "postcode", "amount", "email")) {
                assertThat(page.body()).containsPattern("id=\"" + field + "\"[^>]*aria-describedby=\"[^\"]*" + field + "-error\"");
            }
            assertThat(page.body().indexOf("govuk-error-summary")).isLessThan(page.body().indexOf("<h1"));
        }
    }

    @Test
    void aDateOfBirthErrorIsTiedToItsInputsOnTheRentPages() {
        Visitor guest = new Visitor(port);
        String key = PayWithoutAnAccountTest.keyOn(guest.get("/pay/rent"));
        Visitor.Page page = guest.post("/pay/rent", "tenancyRef", "T1234567", "bornDay", "31", "bornMonth", "2", "bornYear", "1990",
                "amount", "10", "email", "payer@example.com", "idempotencyKey", key);
        assertThat(summaryLinks(page)).containsExactly("bornDay");
        assertThat(page.body()).contains("aria-describedby=\"bornDay-hint bornDay-error\"")
                .containsPattern("govuk-input--error\"?[^>]*id=\"bornDay\"|id=\"bornDay\"[^>]*govuk-input--error");
    }

    private static List<String> summaryLinks(Visitor.Page page) {
        Matcher summary = SUMMARY_LINK.matcher(page.body());
        List<String> links = new ArrayList<>();
        if (summary.find()) {
            Matcher href = HREF.matcher(summary.group());
            while (href.find()) {
                links.add(href.group(1));
            }
        }
        return links;
    }
}
