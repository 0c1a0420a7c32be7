package org.townhall.billing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.accounts.ResidentAccounts;
import org.townhall.accounts.ResidentProfile;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.billing.store.HolderStore;
import org.townhall.billing.store.HolderStore.HolderRow;
import org.townhall.billing.store.HolderStore.Status;
import org.townhall.platform.ClientOrigin;
import org.townhall.platform.ClockConfiguration;
import org.townhall.platform.PublicReferences;

/**
 * Who holds each council tax and rent account (ADR 0012). Any number of residents may: joint
 * taxpayers, joint tenants. Knowing the reference and second fact makes a resident a pending
 * holder, who sees nothing until they enter the code posted to the address; every active holder
 * is emailed when someone asks and when someone's code is accepted, and sees who else holds or
 * has asked for the account (their names only). A finance officer can remove a holder.
 */
@Service
public class AccountHolders {

    private final HeldAccounts accounts;
    private final HolderStore holders;
    private final ActivationLetters letters;
    private final Activation activation;
    private final HolderNotices notices;
    private final ResidentAccounts residents;
    private final AuditTrail audit;
    private final Clock clock;

    AccountHolders(HeldAccounts accounts, HolderStore holders, ActivationLetters letters, Activation activation, HolderNotices notices,
                   ResidentAccounts residents, AuditTrail audit, Clock clock) {
        this.accounts = accounts;
        this.holders = holders;
        this.letters = letters;
        this.activation = activation;
        this.notices = notices;
        this.residents = residents;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A resident who gave the account's reference and second fact asks to hold it: they wait for
     * the code posted to its address. Asking again while waiting posts nothing more (the pending
     * page offers a new letter once a week).
     */
    LinkResult request(HeldAccount account, String residentRef, ClientOrigin origin) {
        Instant now = clock.instant();
        holders.lockAccount(account.kind(), account.id());
        boolean fresh = holders.insertPending(PublicReferences.next(), account.kind(), account.id(), residentRef, now).isPresent();
        HolderRow link = holders.lock(account.kind(), account.id(), residentRef).orElseThrow();
        Actor actor = Actor.resident(residentRef);
        if (link.status() == Status.ACTIVE) {
            audit.record(AuditEntry.of(AuditAction.BILLING_ACCOUNT_LINKED, AuditOutcome.SUCCESS, actor).about(residentRef)
                    .on(account.describe()).because("already held"), origin);
            return new LinkResult.Linked(account.ref());
        }
        if (link.status() == Status.REMOVED) {
            holders.reopen(link.id(), now);
            fresh = true;
        }
        audit.record(AuditEntry.of(AuditAction.BILLING_LINK_PENDING, AuditOutcome.SUCCESS, actor).about(residentRef)
                .on(account.describe()).because(fresh ? "asked" : "already waiting"), origin);
        if (fresh) {
            notices.tellOtherHoldersOfRequest(account, residentRef);
            letters.post(account, link, now, origin);
        }
        return new LinkResult.Pending(account.ref());
    }

    /** One name on an account's list of holders, as another holder sees it. */
    public record HolderName(String name, boolean you, boolean waiting) {
    }

    /**
     * Who holds or has asked for the account, for a resident who holds it: display names and
     * whether each is still waiting for a code, nothing else. Empty for anyone else.
     */
    public List<HolderName> seenBy(AccountKind kind, String accountRef, String residentRef) {
        Optional<HeldAccount> account = accounts.byRef(kind, accountRef).filter(a -> holders.isActive(kind, a.id(), residentRef));
        return account.map(a -> holders.ofAccount(kind, a.id()).stream()
                .map(h -> new HolderName(residents.profile(h.residentRef()).map(ResidentProfile::fullName).orElse("A former resident"),
                        h.residentRef().equals(residentRef), h.status() == Status.PENDING))
                .toList()).orElse(List.of());
    }

    /** The links this resident is waiting to activate, for their account page. */
    public List<PendingLink> waitingFor(String residentRef) {
        return holders.pendingOf(residentRef).stream()
                .flatMap(h -> accounts.byId(h.kind(), h.accountId()).map(a -> activation.view(a, h)).stream()).toList();
    }

    /** A holder as a finance officer sees them. */
    public record StaffHolder(String ref, String name, String email, boolean waiting, LocalDate since) {
    }

    /** An account and its holders, as a finance officer sees them. */
    public record StaffAccount(AccountKind kind, String reference, List<StaffHolder> holders) {
    }

    /** The account with this account number or tenancy reference and its holders; the look-up is audited. */
    @Transactional
    public Optional<StaffAccount> forFinanceOfficer(String typedReference, String staffRef) {
        Optional<HeldAccount> account = accounts.byBillReference(typedReference);
        audit.record(AuditEntry.of(AuditAction.BILLING_HOLDERS_VIEWED, account.isPresent() ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE,
                Actor.staff(staffRef)).onNamed(account.map(HeldAccount::describe).orElse(typedReference)));
        return account.map(a -> new StaffAccount(a.kind(), a.reference(), holders.ofAccount(a.kind(), a.id()).stream()
                .map(h -> {
                    Optional<ResidentProfile> profile = residents.profile(h.residentRef());
                    boolean waiting = h.status() == Status.PENDING;
                    return new StaffHolder(h.ref(), profile.map(ResidentProfile::fullName).orElse("(account closed)"),
                            profile.map(ResidentProfile::email).orElse(""), waiting,
                            LocalDate.ofInstant(waiting ? h.requestedAt() : h.activatedAt(), ClockConfiguration.LONDON));
                }).toList()));
    }

    /**
     * A finance officer removes a holder (or a resident still waiting): their link and any code
     * stop working at once, they are emailed, and it is audited. Returns the account's reference on
     * a bill, for the page to show it again; empty if there is no such holder (recorded).
     */
    @Transactional
    public Optional<String> remove(String holderRef, RemovalReason reason, String staffRef, ClientOrigin origin) {
        Optional<HolderRow> link = holderRef == null || holderRef.length() > 64 || reason == null ? Optional.empty()
                : holders.lockByRef(holderRef).filter(h -> h.status() != Status.REMOVED);
        Optional<HeldAccount> account = link.flatMap(h -> accounts.byId(h.kind(), h.accountId()));
        if (account.isEmpty() || !holders.remove(link.get().id(), staffRef, clock.instant())) {
            audit.record(AuditEntry.of(AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, Actor.staff(staffRef)).onNamed(holderRef)
                    .because("no such holder to remove"), origin);
            return Optional.empty();
        }
        String residentRef = link.get().residentRef();
        audit.record(AuditEntry.of(AuditAction.BILLING_HOLDER_REMOVED, AuditOutcome.SUCCESS, Actor.staff(staffRef)).about(residentRef)
                .on(account.get().describe()).because(reason.name()), origin);
        notices.tellRemoved(account.get(), residentRef);
        return Optional.of(account.get().reference());
    }
}
