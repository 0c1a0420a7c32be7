package org.townhall.incidents.detect;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * When detection opens an incident by itself. The defaults would have caught the TicketViewer
 * pattern (119 documents of 71 people read from 36 addresses over days, unnoticed) within
 * minutes: 10 different residents' documents read by one account or one address in 15 minutes.
 */
@ConfigurationProperties("townhall.incidents.detection")
public record DetectionSettings(Boolean scheduled, Duration window, Integer overReadingResidents, Integer refusedEvidence,
                                Integer residentSignInFailures, Integer maxOpenedPerHour, Duration episodeQuietAfter,
                                Duration noteEvery, String dutyAnalystEmail) {

    public DetectionSettings {
        scheduled = scheduled == null || scheduled;
        window = window == null ? Duration.ofMinutes(15) : window;
        overReadingResidents = overReadingResidents == null ? 10 : overReadingResidents;
        // A resident re-trying a link or an officer outside their queue is refused a few times, not twenty.
        refusedEvidence = refusedEvidence == null ? 20 : refusedEvidence;
        // A busy evening has a few dozen mistyped passwords in 15 minutes; stuffing has thousands.
        residentSignInFailures = residentSignInFailures == null ? 300 : residentSignInFailures;
        // An attacker who can trigger signals must not be able to fill the register: beyond this, fold.
        maxOpenedPerHour = maxOpenedPerHour == null ? 3 : maxOpenedPerHour;
        episodeQuietAfter = episodeQuietAfter == null ? Duration.ofHours(24) : episodeQuietAfter;
        noteEvery = noteEvery == null ? Duration.ofMinutes(15) : noteEvery;
    }
}
