package org.townhall.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.townhall.accounts.AccountFixtures;
import org.townhall.platform.ClockConfiguration;
import org.townhall.support.TownhallTest;

/** The search statement is assembled from the criteria given; every combination finds what it should. */
@TownhallTest
class PaymentSearchTest {

    @Autowired AccountFixtures accounts;
    @Autowired PaymentFixtures paymentFixtures;
    @Autowired FinanceReports reports;
    @Autowired Clock clock;

    @Test
    void eachCombinationOfCriteriaFindsThePayment() {
        PaymentFixtures.Taken taken = paymentFixtures.aTakenCouncilTaxPayment(accounts.aResident().build(), "12.00");
        LocalDate today = LocalDate.now(clock.withZone(ClockConfiguration.LONDON));
        String account = taken.accountRef();

        assertThat(refs(reports.search(null, Optional.empty(), today, today, "staff-ref"))).contains(taken.paymentRef());
        assertThat(refs(reports.search(taken.reference(), Optional.empty(), today, today, "staff-ref")))
                .containsExactly(taken.paymentRef());
        assertThat(refs(reports.search(null, Optional.of(PaymentState.SUCCESS), today, today, "staff-ref"))).contains(taken.paymentRef());
        assertThat(refs(reports.search(taken.reference(), Optional.of(PaymentState.SUCCESS), today, today, "staff-ref")))
                .containsExactly(taken.paymentRef());
        assertThat(reports.search(taken.reference(), Optional.of(PaymentState.FAILED), today, today, "staff-ref")).isEmpty();
        assertThat(reports.search(taken.reference(), Optional.empty(), today.minusDays(3), today.minusDays(1), "staff-ref")).isEmpty();
        assertThat(refs(reports.search(account, Optional.empty(), today, today, "staff-ref"))).containsExactly(taken.paymentRef());
    }

    private static java.util.List<String> refs(java.util.List<PaymentView> views) {
        return views.stream().map(PaymentView::ref).toList();
    }
}
