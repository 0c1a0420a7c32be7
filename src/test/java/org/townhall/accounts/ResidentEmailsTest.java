package org.townhall.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import org.townhall.notifications.ResidentEmail;
import org.townhall.support.Outbox;
import org.townhall.support.TownhallTest;

/** Other modules email a resident by reference; accounts finds the address and greets only a confirmed one by name. */
@TownhallTest
class ResidentEmailsTest {

    @Autowired AccountFixtures accounts;
    @Autowired ResidentEmails residentEmails;
    @Autowired Outbox outbox;
    @Autowired TransactionTemplate transaction;

    @Test
    void aMessageByReferenceReachesTheResidentsAddressGreetingThemByName() {
        AccountFixtures.Resident resident = accounts.aResident().named("Amara Okafor").build();
        transaction.executeWithoutResult(status -> residentEmails.emailResident(resident.ref(),
                new ResidentEmail.BillingHolderRemoved("council tax account 12345678")));
        assertThat(outbox.templatesSentTo(resident.email())).containsExactly("BILLING_HOLDER_REMOVED");
        assertThat(outbox.lastFields(resident.email(), "BILLING_HOLDER_REMOVED")).contains("Dear Amara Okafor")
                .contains("council tax account 12345678");
    }

    @Test
    void anUnconfirmedAddressIsGreetedWithHello() {
        AccountFixtures.Resident resident = accounts.aResident().named("Amara Okafor").unverified().build();
        transaction.executeWithoutResult(status -> residentEmails.emailResident(resident.ref(),
                new ResidentEmail.BillingHolderRemoved("council tax account 12345678")));
        assertThat(outbox.lastFields(resident.email(), "BILLING_HOLDER_REMOVED")).contains("Hello").doesNotContain("Amara");
    }

    @Test
    void aResidentWhoDoesNotExistGetsNothing() {
        transaction.executeWithoutResult(status -> residentEmails.emailResident("no-such-resident",
                new ResidentEmail.BillingHolderRemoved("council tax account 12345678")));
        assertThat(outbox.templatesSentTo("no-such-resident")).isEmpty();
    }

    @Test
    void aMessageQueuedByAnActThatRollsBackIsNeverSent() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        transaction.executeWithoutResult(status -> {
            residentEmails.emailResident(resident.ref(), new ResidentEmail.BillingHolderRemoved("council tax account 12345678"));
            status.setRollbackOnly();
        });
        assertThat(outbox.templatesSentTo(resident.email())).isEmpty();
    }
}
