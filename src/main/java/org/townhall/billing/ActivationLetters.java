package org.townhall.billing;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.billing.store.HolderStore;
import org.townhall.billing.store.HolderStore.HolderRow;
import org.townhall.notifications.Letter;
import org.townhall.notifications.Notifier;
import org.townhall.platform.ClientOrigin;
import org.townhall.platform.ClockConfiguration;

/**
 * Posts an activation code to the account's address. A code lasts 30 days, long enough for second
 * class post and a holiday. A resident may ask for a new letter once a week (the old code stops
 * working), and one address gets at most three codes a week whoever asks, so nobody can flood a
 * household with letters or the council with postage.
 */
@Component
class ActivationLetters {

    static final Duration CODE_LIFETIME = Duration.ofDays(30);
    static final Duration BETWEEN_LETTERS = Duration.ofDays(7);
    static final int LETTERS_TO_ONE_ADDRESS_A_WEEK = 3;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy");

    private final HolderStore holders;
    private final ActivationCodes codes;
    private final Notifier notifier;
    private final AuditTrail audit;
    private final String baseUrl;

    ActivationLetters(HolderStore holders, ActivationCodes codes, Notifier notifier, AuditTrail audit,
                      @Value("${townhall.base-url}") String baseUrl) {
        this.holders = holders;
        this.codes = codes;
        this.notifier = notifier;
        this.audit = audit;
        this.baseUrl = baseUrl;
    }

    /** The outcome of asking for a letter. */
    sealed interface Posting {
        record Posted(Instant codeExpiresAt) implements Posting {
        }

        record NotYet(Instant from) implements Posting {
        }

        /** The council holds no postcode for the address, and GOV.UK Notify needs one. */
        record Unpostable() implements Posting {
        }
    }

    /** When a letter may next be posted for this link (now or later); empty when none can be. */
    Optional<Instant> nextLetterAt(HeldAccount account, HolderRow link, Instant now) {
        if (account.postTo().isEmpty()) {
            return Optional.empty();
        }
        Instant next = link.lastLetterAt() == null ? now : later(now, link.lastLetterAt().plus(BETWEEN_LETTERS));
        List<Instant> thisWeek = holders.lettersSince(account.kind(), account.id(), now.minus(BETWEEN_LETTERS));
        if (thisWeek.size() >= LETTERS_TO_ONE_ADDRESS_A_WEEK) {
            next = later(next, thisWeek.get(thisWeek.size() - LETTERS_TO_ONE_ADDRESS_A_WEEK).plus(BETWEEN_LETTERS));
        }
        return Optional.of(next);
    }

    /** Posts a fresh code for a pending link if the limits allow; any earlier code stops working. */
    Posting post(HeldAccount account, HolderRow link, Instant now, ClientOrigin origin) {
        Optional<Instant> next = nextLetterAt(account, link, now);
        if (next.isEmpty()) {
            return new Posting.Unpostable();
        }
        if (next.get().isAfter(now)) {
            return new Posting.NotYet(next.get());
        }
        String code = ActivationCodes.next();
        Instant expires = now.plus(CODE_LIFETIME);
        holders.issueCode(link.id(), codes.hash(link.ref(), code), expires, now);
        String what = account.describe();
        notifier.sendLetter(new Letter.BillingActivationLetter(Character.toUpperCase(what.charAt(0)) + what.substring(1), code,
                baseUrl + account.path() + "/activate", DAY.format(expires.atZone(ClockConfiguration.LONDON))), account.postTo().get());
        audit.record(AuditEntry.of(AuditAction.BILLING_ACTIVATION_LETTER_SENT, AuditOutcome.SUCCESS, Actor.resident(link.residentRef()))
                .about(link.residentRef()).on(what), origin);
        return new Posting.Posted(expires);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
