package org.townhall.billing;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.townhall.accounts.ResidentEmails;
import org.townhall.billing.store.HolderStore;
import org.townhall.notifications.ResidentEmail;

/**
 * Emails to the residents who hold an account. Only the council's own words go in them (the
 * account's kind and number, where the code was posted, a link): never the name of whoever asked,
 * which they typed themselves and could make into a message of their own.
 */
@Component
class HolderNotices {

    private final HolderStore holders;
    private final ResidentEmails residentEmails;
    private final String baseUrl;

    HolderNotices(HolderStore holders, ResidentEmails residentEmails, @Value("${townhall.base-url}") String baseUrl) {
        this.holders = holders;
        this.residentEmails = residentEmails;
        this.baseUrl = baseUrl;
    }

    /** Tells every active holder but this resident that the resident asked for the account. */
    void tellOtherHoldersOfRequest(HeldAccount account, String residentRef) {
        tellOtherHolders(account, residentRef,
                new ResidentEmail.BillingLinkRequested(account.describe(), account.kind().postedTo(), baseUrl + account.path()));
    }

    /** Tells every active holder but this resident that the resident now holds the account. */
    void tellOtherHoldersOfActivation(HeldAccount account, String residentRef) {
        tellOtherHolders(account, residentRef,
                new ResidentEmail.BillingLinkActivated(account.describe(), account.kind().postedTo(), baseUrl + account.path()));
    }

    /** Tells a resident the council has removed the account from theirs. */
    void tellRemoved(HeldAccount account, String residentRef) {
        residentEmails.emailResident(residentRef, new ResidentEmail.BillingHolderRemoved(account.describe()));
    }

    private void tellOtherHolders(HeldAccount account, String residentRef, ResidentEmail message) {
        holders.ofAccount(account.kind(), account.id()).stream()
                .filter(h -> h.status() == HolderStore.Status.ACTIVE && !h.residentRef().equals(residentRef))
                .forEach(h -> residentEmails.emailResident(h.residentRef(), message));
    }
}
