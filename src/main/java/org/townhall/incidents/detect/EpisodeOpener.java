package org.townhall.incidents.detect;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.audit.BlastRadius;
import org.townhall.incidents.BlastRadiusRecorder;
import org.townhall.incidents.IncidentReferences;
import org.townhall.incidents.TimelineEntry;
import org.townhall.incidents.store.EpisodeStore;
import org.townhall.incidents.store.IncidentDetailsStore;
import org.townhall.incidents.store.IncidentStore;
import org.townhall.incidents.store.TimelineStore;
import org.townhall.notifications.Notifier;
import org.townhall.notifications.StaffEmail;
import org.townhall.platform.ClockConfiguration;
import org.townhall.platform.PublicReferences;

/**
 * Turns signals into incidents, one per episode: a signal whose kind already has a running
 * episode is folded into its incident; a new episode opens an incident carrying the signal's
 * facts and the blast-radius answer as its first timeline entries and emails the duty analyst
 * once. Openings are capped per hour, so whoever can cause signals cannot fill the register or
 * the analyst's inbox: the excess is folded into the latest episode.
 */
@Component
class EpisodeOpener {

    private static final Logger log = LoggerFactory.getLogger(EpisodeOpener.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm");

    private final EpisodeStore episodes;
    private final IncidentStore incidents;
    private final IncidentDetailsStore details;
    private final TimelineStore timeline;
    private final BlastRadiusRecorder recorder;
    private final AuditTrail audit;
    private final Notifier notifier;
    private final DetectionSettings settings;
    private final Clock clock;
    private final String baseUrl;

    EpisodeOpener(EpisodeStore episodes, IncidentStore incidents, IncidentDetailsStore details, TimelineStore timeline,
                  BlastRadiusRecorder recorder, AuditTrail audit, Notifier notifier, DetectionSettings settings, Clock clock,
                  @Value("${townhall.base-url}") String baseUrl) {
        this.episodes = episodes;
        this.incidents = incidents;
        this.details = details;
        this.timeline = timeline;
        this.recorder = recorder;
        this.audit = audit;
        this.notifier = notifier;
        this.settings = settings;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    /** What became of a signal: a new incident, or folded into an existing one. */
    record Handled(String reference, boolean opened) {
    }

    @Transactional
    public Handled signal(Signal signal) {
        episodes.lock();
        Instant now = clock.instant();
        Optional<EpisodeStore.Episode> running = episodes.running(signal.kind().name(), now.minus(settings.episodeQuietAfter()), now);
        if (running.isPresent()) {
            return fold(running.get(), signal, now, "");
        }
        if (episodes.openedBetween(now.minus(Duration.ofHours(1)), now) >= settings.maxOpenedPerHour()) {
            Optional<EpisodeStore.Episode> latest = episodes.latest();
            if (latest.isPresent()) {
                log.warn("Detection opened {} incidents in the last hour: folding a {} signal into {}",
                        settings.maxOpenedPerHour(), signal.kind(), latest.get().reference());
                return fold(latest.get(), signal, now, " (folded here because automatic openings are capped at "
                        + settings.maxOpenedPerHour() + " an hour)");
            }
        }
        return open(signal, now);
    }

    private Handled fold(EpisodeStore.Episode episode, Signal signal, Instant now, String why) {
        // The timeline gets a line at most every few minutes, however fast the signals come.
        boolean note = !episode.lastNotedAt().isAfter(now.minus(settings.noteEvery())) || !why.isEmpty();
        if (note) {
            timeline.append(episode.incidentId(), now, null, TimelineEntry.Kind.SIGNAL,
                    "Signal continues: " + signal.facts() + why);
        }
        if (note && signal.blastRadius() != null) {
            // Reading that goes on widens the blast radius: keep the residents it reaches now too.
            recorder.keep(episode.incidentId(), signal.blastRadius().describe(), audit.blastRadius(signal.blastRadius()), null);
        }
        episodes.fold(episode.id(), now, note);
        return new Handled(episode.reference(), false);
    }

    private Handled open(Signal signal, Instant now) {
        String ref = PublicReferences.next();
        String reference = IncidentReferences.next();
        SignalKind kind = signal.kind();
        long id = incidents.insert(ref, reference, kind.title(), "Opened automatically on " + kind.description() + ". "
                + signal.facts(), kind.incidentKind(), kind.severity(), null, kind.name(), now);
        timeline.append(id, now, null, TimelineEntry.Kind.OPENED_BY_DETECTION, "Detected " + kind.description() + ": " + signal.facts());
        for (Signal.Observed observed : signal.observables()) {
            observed.kind().normalise(observed.value()).ifPresent(value ->
                    details.addObservable(id, PublicReferences.next(), observed.kind(), value, "SYSTEM", now));
        }
        if (signal.blastRadius() != null) {
            BlastRadius radius = audit.blastRadius(signal.blastRadius());
            recorder.keep(id, signal.blastRadius().describe(), radius, null);
        }
        episodes.open(kind.name(), id, now);
        audit.record(AuditEntry.of(AuditAction.INCIDENT_OPENED_BY_DETECTION, AuditOutcome.SUCCESS, Actor.system())
                .on(reference).because(kind.name()));
        if (settings.dutyAnalystEmail() != null && !settings.dutyAnalystEmail().isBlank()) {
            notifier.sendEmail(new StaffEmail.IncidentOpened(reference, kind.description(),
                    WHEN.format(now.atZone(ClockConfiguration.LONDON)), baseUrl + "/staff/incidents/" + ref),
                    settings.dutyAnalystEmail().trim());
        } else {
            log.warn("Incident {} opened by detection, but townhall.incidents.detection.duty-analyst-email is not set", reference);
        }
        return new Handled(reference, true);
    }
}
