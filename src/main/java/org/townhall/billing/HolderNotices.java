package org.townhall.billing;

import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.townhall.accounts.ResidentAccounts;
import org.townhall.billing.store.HolderStore;
import org.townhall.notifications.NotificationTemplate;
import org.townhall.notifications.Notifier;

/**
 * Emails to the residents who hold an account. Only the council's own words go in them (the
 * account's kind and number, where the code was posted, a link): never the name of whoever asked,
 * which they typed themselves and could make into a message of their own.
 */
@Component
class HolderNotices {

    private final HolderStore holders;
    private final ResidentAccounts residents;
    private final Notifier notifier;
    private final String baseUrl;

    HolderNotices(HolderStore holders, ResidentAccounts residents, Notifier notifier, @Value("${townhall.base-url}") String baseUrl) {
        this.holders = holders;
        this.residents = residents;
        this.notifier = notifier;
        this.baseUrl = baseUrl;
    }

    /** Tells every active holder but this resident that the resident asked for the account, or now holds it. */
    void tellOtherHolders(HeldAccount account, String residentRef, NotificationTemplate template) {
        holders.ofAccount(account.kind(), account.id()).stream()
                .filter(h -> h.status() == HolderStore.Status.ACTIVE && !h.residentRef().equals(residentRef))
                .forEach(h -> email(h.residentRef(), account, template));
    }

    /** Tells a resident the council has removed the account from theirs. */
    void tellRemoved(HeldAccount account, String residentRef) {
        email(residentRef, account, NotificationTemplate.BILLING_HOLDER_REMOVED);
    }

    private void email(String residentRef, HeldAccount account, NotificationTemplate template) {
        residents.profile(residentRef).ifPresent(r -> notifier.sendEmail(template, r.email(), Map.of("account", account.describe(),
                "where", account.kind().postedTo(), "link", baseUrl + account.path())));
    }
}
