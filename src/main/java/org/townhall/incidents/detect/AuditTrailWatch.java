package org.townhall.incidents.detect;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditFigures;
import org.townhall.audit.AuditQuery;
import org.townhall.audit.AuditTrail;
import org.townhall.audit.ChainVerification;
import org.townhall.incidents.ObservableKind;
import org.townhall.incidents.store.EpisodeStore;

/**
 * Reads the audit trail every minute for the signals that open incidents: floods the shield
 * recorded, verifications that failed, the chain itself (checked from where it was last found
 * intact), over-reading of evidence, refused evidence requests and credential stuffing. One
 * instance scans at a time (an advisory lock); the others skip that minute.
 */
@Component
public class AuditTrailWatch {

    private static final String ROWS = "trail-rows";
    private static final String CHAIN = "trail-chain";

    private final AuditFigures figures;
    private final AuditTrail trail;
    private final EpisodeOpener opener;
    private final EpisodeStore episodes;
    private final DetectionSettings settings;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AuditTrailWatch(AuditFigures figures, AuditTrail trail, EpisodeOpener opener, EpisodeStore episodes,
                    DetectionSettings settings, TransactionTemplate transactions, Clock clock) {
        this.figures = figures;
        this.trail = trail;
        this.opener = opener;
        this.episodes = episodes;
        this.settings = settings;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void everyMinute() {
        if (settings.scheduled()) {
            scan();
        }
    }

    /** One pass over everything detection watches; returns the signals it handled. */
    public List<String> scan() {
        List<String> handled = new ArrayList<>();
        transactions.executeWithoutResult(status -> {
            if (!episodes.tryLock()) {
                return;
            }
            Instant now = clock.instant();
            Instant since = now.minus(settings.window());
            for (Signal signal : signals(now, since)) {
                EpisodeOpener.Handled result = opener.signal(signal);
                handled.add(signal.kind() + (result.opened() ? " opened " : " folded into ") + result.reference());
            }
        });
        return handled;
    }

    private List<Signal> signals(Instant now, Instant since) {
        List<Signal> signals = new ArrayList<>(recordedRows(now, since));
        chain(now).ifPresent(signals::add);
        for (AuditFigures.Reader reader : figures.evidenceReadersOfManyResidents(since, now, settings.overReadingResidents())) {
            boolean account = reader.actorRef() != null;
            String who = account ? "account " + reader.actorRef() : "address " + reader.clientAddress();
            signals.add(new Signal(SignalKind.EVIDENCE_OVER_READING, who + " read " + reader.documents() + " documents of "
                    + reader.residents() + " residents " + reader.reads() + " times from " + reader.addresses()
                    + " addresses since " + since + " (threshold " + settings.overReadingResidents() + " residents in "
                    + settings.window().toMinutes() + " minutes).",
                    new AuditQuery(account ? reader.actorRef() : null, null, account ? null : reader.clientAddress(), null,
                            since.minus(java.time.Duration.ofDays(30)), null),
                    List.of(new Signal.Observed(account ? ObservableKind.ACCOUNT : ObservableKind.ADDRESS,
                            account ? reader.actorRef() : reader.clientAddress()))));
        }
        for (AuditFigures.Reader client : figures.clientsRefusedEvidence(since, now, settings.refusedEvidence())) {
            signals.add(new Signal(SignalKind.EVIDENCE_REFUSALS, "address " + client.clientAddress() + " was refused evidence "
                    + client.reads() + " times (" + client.documents() + " documents of " + client.residents()
                    + " residents) since " + since + ".",
                    new AuditQuery(null, null, client.clientAddress(), null, since, null),
                    List.of(new Signal.Observed(ObservableKind.ADDRESS, client.clientAddress()))));
        }
        AuditFigures.SignInFailures failures = figures.residentSignInFailures(since, now);
        if (failures.attempts() >= settings.residentSignInFailures()) {
            signals.add(Signal.of(SignalKind.CREDENTIAL_STUFFING, failures.attempts() + " failed or throttled resident sign-ins "
                    + "against " + failures.accounts() + " known accounts from " + failures.addresses() + " addresses since " + since + "."));
        }
        return signals;
    }

    /** Floods and failed verifications recorded since the last pass, as one signal of each. */
    private List<Signal> recordedRows(Instant now, Instant since) {
        long after = episodes.cursor(ROWS).orElse(0L);
        List<AuditFigures.Row> rows = figures.rowsAfter(after, List.of(AuditAction.FLOOD_DETECTED, AuditAction.AUDIT_VERIFIED), 1000);
        if (rows.isEmpty()) {
            return List.of();
        }
        episodes.moveCursor(ROWS, rows.get(rows.size() - 1).id(), now);
        List<AuditFigures.Row> recent = rows.stream().filter(r -> !r.occurredAt().isBefore(since) && !r.occurredAt().isAfter(now)).toList();
        List<Signal> signals = new ArrayList<>();
        List<AuditFigures.Row> floods = recent.stream().filter(r -> r.action().equals(AuditAction.FLOOD_DETECTED.code())).toList();
        if (!floods.isEmpty()) {
            AuditFigures.Row last = floods.get(floods.size() - 1);
            signals.add(new Signal(SignalKind.FLOOD, floods.size() + " minute(s) of flood recorded by the shield; the latest: "
                    + last.detail(), null, last.clientAddress() == null ? List.of()
                    : List.of(new Signal.Observed(ObservableKind.ADDRESS, last.clientAddress()))));
        }
        recent.stream().filter(r -> r.action().equals(AuditAction.AUDIT_VERIFIED.code()) && !r.outcome().equals("SUCCESS"))
                .reduce((first, second) -> second)
                .ifPresent(r -> signals.add(Signal.of(SignalKind.AUDIT_CHAIN_BROKEN, "an analyst's verification of the audit trail "
                        + "failed: " + r.detail() + ".")));
        return signals;
    }

    /** Verifies the rows written since the chain was last found intact. */
    private java.util.Optional<Signal> chain(Instant now) {
        long upTo = figures.lastId();
        java.util.Optional<Long> from = episodes.cursor(CHAIN);
        episodes.moveCursor(CHAIN, upTo, now);
        if (from.isEmpty() || from.get() >= upTo) {
            return java.util.Optional.empty();
        }
        ChainVerification result = trail.verifyAfter(from.get());
        if (result.intact()) {
            return java.util.Optional.empty();
        }
        // Reported once: the next pass anchors on the stored hashes after the break, so a
        // tampered row is named by the pass that found it, not by every pass after.
        return java.util.Optional.of(Signal.of(SignalKind.AUDIT_CHAIN_BROKEN, "the audit trail's hash chain breaks at row "
                + result.firstBrokenId() + ": " + result.problem() + "."));
    }
}
