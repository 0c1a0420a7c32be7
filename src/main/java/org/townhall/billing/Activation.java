package org.townhall.billing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.billing.store.HolderStore;
import org.townhall.billing.store.HolderStore.HolderRow;
import org.townhall.platform.AttemptWindows;
import org.townhall.platform.ClientOrigin;
import org.townhall.platform.ClockConfiguration;

/**
 * A resident whose link is waiting enters the activation code posted to the account's address, or
 * asks for a new letter. Only the resident who asked can do either. A wrong, expired or used code
 * changes nothing; codes entered are counted per pending link and per client address before any
 * code is compared, and every attempt is audited.
 */
@Service
public class Activation {

    /** Five wrong codes an hour for one link: with 60-bit codes, guessing within 30 days is hopeless (ActivationCodes). */
    static final int LINK_FAILURES = 5;
    static final Duration LINK_WINDOW = Duration.ofHours(1);
    /** One address may enter 20 codes in 10 minutes, as it may try 20 links. */
    static final int ADDRESS_ATTEMPTS = 20;
    static final Duration ADDRESS_WINDOW = Duration.ofMinutes(10);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy");

    private final HeldAccounts accounts;
    private final HolderStore holders;
    private final ActivationCodes codes;
    private final ActivationLetters letters;
    private final HolderNotices notices;
    private final AuditTrail audit;
    private final Clock clock;

    Activation(HeldAccounts accounts, HolderStore holders, ActivationCodes codes, ActivationLetters letters, HolderNotices notices,
               AuditTrail audit, Clock clock) {
        this.accounts = accounts;
        this.holders = holders;
        this.codes = codes;
        this.letters = letters;
        this.notices = notices;
        this.audit = audit;
        this.clock = clock;
    }

    private record Waiting(HeldAccount account, HolderRow link) {
    }

    /**
     * The waiting link of this resident on this account; anyone else gets nothing and the attempt
     * is recorded. Locking takes the account's lock before the link's, in the order asking does.
     */
    private Optional<Waiting> waiting(AccountKind kind, String accountRef, String residentRef, Intent intent) {
        Optional<Waiting> found = residentRef == null ? Optional.empty() : accounts.byRef(kind, accountRef)
                .flatMap(a -> link(kind, a, residentRef, intent)
                        .filter(h -> h.status() == HolderStore.Status.PENDING).map(h -> new Waiting(a, h)));
        if (found.isEmpty()) {
            audit.record(AuditEntry.of(AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, Actor.residentOrAnonymous(residentRef))
                    .onNamed(accountRef).because(kind.noun() + " link not waiting for this resident's code"));
        }
        return found;
    }

    /** Why a link is read: to show it, or to change it, which locks the account and then the link. */
    private enum Intent { SHOW, CHANGE }

    private Optional<HolderRow> link(AccountKind kind, HeldAccount account, String residentRef, Intent intent) {
        if (intent == Intent.SHOW) {
            return holders.find(kind, account.id(), residentRef);
        }
        holders.lockAccount(kind, account.id());
        return holders.lock(kind, account.id(), residentRef);
    }

    /** Whether the resident already holds the account (so a page can send them to it). */
    public boolean holds(AccountKind kind, String accountRef, String residentRef) {
        return accounts.byRef(kind, accountRef).map(a -> holders.isActive(kind, a.id(), residentRef)).orElse(false);
    }

    @Transactional
    public Optional<PendingLink> pending(AccountKind kind, String accountRef, String residentRef) {
        return waiting(kind, accountRef, residentRef, Intent.SHOW).map(w -> view(w.account(), w.link()));
    }

    /** What the resident who asked sees of a waiting link. */
    PendingLink view(HeldAccount account, HolderRow link) {
        Instant now = clock.instant();
        Optional<Instant> next = letters.nextLetterAt(account, link, now);
        return new PendingLink(account.kind(), account.ref(), account.reference(),
                day(link.lastLetterAt()), day(link.codeExpiresAt() == null ? null : link.codeExpiresAt().minusSeconds(1)),
                link.codeExpiresAt() != null && !now.isBefore(link.codeExpiresAt()),
                next.map(Activation::day).orElse(null), next.isPresent() && !next.get().isAfter(now));
    }

    @Transactional
    public ActivationResult activate(AccountKind kind, String accountRef, String residentRef, String typedCode, ClientOrigin origin) {
        Optional<Waiting> found = waiting(kind, accountRef, residentRef, Intent.CHANGE);
        if (found.isEmpty()) {
            return new ActivationResult.NotWaiting();
        }
        HeldAccount account = found.get().account();
        HolderRow link = found.get().link();
        Instant now = clock.instant();
        Actor actor = Actor.resident(residentRef);
        AttemptWindows attempts = holders.activationAttempts();
        String address = origin.clientAddress() == null ? "unknown" : origin.clientAddress();
        int fromAddress = attempts.count("ADDRESS", address, now, now.minus(ADDRESS_WINDOW));
        int failedForLink = attempts.inWindow("LINK", link.ref(), now.minus(LINK_WINDOW));
        if (fromAddress > ADDRESS_ATTEMPTS || failedForLink >= LINK_FAILURES) {
            boolean byAddress = fromAddress > ADDRESS_ATTEMPTS;
            audit.record(AuditEntry.of(AuditAction.BILLING_ACTIVATION_THROTTLED, AuditOutcome.DENIED, actor).about(residentRef)
                    .on(account.describe()).because(byAddress ? "address" : "link"), origin);
            return new ActivationResult.TryLater(byAddress ? attempts.retryAfter("ADDRESS", address, ADDRESS_WINDOW, now)
                    : attempts.retryAfter("LINK", link.ref(), LINK_WINDOW, now));
        }
        Optional<String> code = ActivationCodes.normalise(typedCode);
        if (code.isEmpty()) {
            return new ActivationResult.Refused("Enter the 12-character code from our letter, for example 7KQ2-M9XD-4HTP");
        }
        String problem = link.codeHash() == null ? "no code posted"
                : !now.isBefore(link.codeExpiresAt()) ? "code expired"
                : !codes.matches(link.ref(), code.get(), link.codeHash()) ? "wrong code" : null;
        if (problem != null) {
            attempts.count("LINK", link.ref(), now, now.minus(LINK_WINDOW));
            audit.record(AuditEntry.of(AuditAction.BILLING_ACTIVATION_FAILED, AuditOutcome.FAILURE, actor).about(residentRef)
                    .on(account.describe()).because(problem), origin);
            return new ActivationResult.Refused(switch (problem) {
                case "no code posted" -> "We have not posted you a code yet. Ask for a letter below";
                case "code expired" -> "The code in our letter has expired. Ask for a new letter below";
                default -> "The code does not match the one in our letter. Check it and try again";
            });
        }
        holders.activate(link.id(), now);
        audit.record(AuditEntry.of(AuditAction.BILLING_ACCOUNT_LINKED, AuditOutcome.SUCCESS, actor).about(residentRef)
                .on(account.describe()).because("activation code"), origin);
        notices.tellOtherHoldersOfActivation(account, residentRef);
        return new ActivationResult.Activated(account.path());
    }

    /** Posts a new code (the old one stops working) if a week has passed since the last. */
    @Transactional
    public ActivationResult newLetter(AccountKind kind, String accountRef, String residentRef, ClientOrigin origin) {
        Optional<Waiting> found = waiting(kind, accountRef, residentRef, Intent.CHANGE);
        if (found.isEmpty()) {
            return new ActivationResult.NotWaiting();
        }
        ActivationLetters.Posting posting = letters.post(found.get().account(), found.get().link(), clock.instant(), origin);
        if (posting instanceof ActivationLetters.Posting.Posted) {
            return new ActivationResult.LetterPosted();
        }
        if (posting instanceof ActivationLetters.Posting.NotYet notYet) {
            return new ActivationResult.Refused("You can ask for a new letter from " + DAY.format(day(notYet.from())));
        }
        return new ActivationResult.Refused("We cannot post a code to this address. Contact the council to add the account");
    }

    private static LocalDate day(Instant instant) {
        return instant == null ? null : LocalDate.ofInstant(instant, ClockConfiguration.LONDON);
    }
}
