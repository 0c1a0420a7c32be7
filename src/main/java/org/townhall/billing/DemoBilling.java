package org.townhall.billing;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Month;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.townhall.accounts.ResidentAccounts;
import org.townhall.billing.store.BillingStore;
import org.townhall.payments.Ledger;
import org.townhall.platform.ClockConfiguration;

/**
 * Demo council tax and rent accounts for Eastbridge in the default profile only. Amara's council
 * tax account and Chloe's tenancy are not yet linked, so the demo can show linking and the
 * activation code letter (in the outbox); Ben holds his already. Earlier instalments and rent were
 * paid by direct debit, posted to the ledger as such.
 */
@Component
@Profile("!production")
@ConditionalOnProperty(name = "townhall.demo-data", havingValue = "true")
class DemoBilling {

    private static final Logger log = LoggerFactory.getLogger(DemoBilling.class);
    private static final String DIRECT_DEBITS = "bank:direct-debit";

    private final CouncilTax councilTax;
    private final Rent rent;
    private final BillingStore store;
    private final Ledger ledger;
    private final ResidentAccounts residents;
    private final TransactionTemplate transactions;
    private final Clock clock;

    DemoBilling(CouncilTax councilTax, Rent rent, BillingStore store, Ledger ledger, ResidentAccounts residents,
                TransactionTemplate transactions, Clock clock) {
        this.councilTax = councilTax;
        this.rent = rent;
        this.store = store;
        this.ledger = ledger;
        this.residents = residents;
        this.transactions = transactions;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(3)
    void load() {
        if (store.councilTaxByNumber("40012345").isPresent()) {
            rent.chargeDue();
            return;
        }
        LocalDate today = LocalDate.now(clock.withZone(ClockConfiguration.LONDON));
        LocalDate yearStart = LocalDate.of(today.getMonthValue() >= Month.APRIL.getValue() ? today.getYear() : today.getYear() - 1, 4, 1);
        String ben = residents.referenceOf("ben.hughes@example.com").orElse(null);
        transactions.executeWithoutResult(status -> {
            // Amara: band C, ten instalments, one month behind.
            String amara = councilTax.open("40012345", "14 Elm Grove, Eastbridge", "EB1 4GR", 'C', yearStart, 176_842, 10,
                    yearStart, null, true);
            paidByDirectDebit(amara, CouncilTax.ledgerAccount(amara), 176_842, 10, yearStart, today.minusMonths(1));
            // Ben: band D, twelve instalments, up to date.
            String benTax = councilTax.open("40067890", "3 Mill Road, Eastbridge", "EB2 7LQ", 'D', yearStart, 198_943, 12,
                    yearStart.plusDays(14), ben, true);
            paidByDirectDebit(benTax, CouncilTax.ledgerAccount(benTax), 198_943, 12, yearStart.plusDays(14), today);
            rent.open("T4000123", "Flat 6, Canal House, Eastbridge", "EB3 2CH", LocalDate.of(1990, 7, 12), 14_250,
                    today.minusWeeks(10), null, true);
            rent.open("T4000456", "22 Orchard Lane, Eastbridge", "EB2 5PL", LocalDate.of(1978, 2, 3), 16_875, today.minusWeeks(6),
                    ben, true);
        });
        log.info("""


                  DEMO COUNCIL TAX AND RENT (add them at /council-tax/link and /rent/link)
                    council tax 40012345, postcode EB1 4GR  (for amara.okafor@example.com)
                    rent T4000123, born 12 7 1990           (for chloe.martin@example.com)
                    ben.hughes@example.com has both already
                    Demo: the activation code letter each asks for is in the outbox: /staff/outbox as admin@eastbridge.example
                """);
    }

    private void paidByDirectDebit(String ref, String account, long annual, int count, LocalDate firstDue, LocalDate upTo) {
        for (InstalmentPlan.Instalment i : InstalmentPlan.of(annual, count, firstDue, 0)) {
            if (i.dueOn().isAfter(upTo)) {
                break;
            }
            ledger.post("demo-direct-debit:" + ref + ":" + i.number(), "Direct debit, instalment " + i.number(),
                    i.dueOn().atTime(9, 0).atZone(ClockConfiguration.LONDON).toInstant(),
                    List.of(new Ledger.Line(DIRECT_DEBITS, i.amountPence()), new Ledger.Line(account, -i.amountPence())));
        }
    }
}
