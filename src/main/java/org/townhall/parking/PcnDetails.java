package org.townhall.parking;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * A PCN as its page shows it: the contravention, the photos, what is owed today and what comes
 * next; the viewer's own cases and letters (never anyone else's); whether it is saved to the
 * viewer's account, and whether someone else has saved it or has a challenge waiting (never who).
 */
public record PcnDetails(String ref, String number, String vrm, String contraventionCode, String contraventionDescription,
                         String location, Instant observedAt, String officerNumber, long chargePence, String status,
                         Timeline.View today, List<Photo> photos, List<CaseSummary> cases, List<Letter> letters,
                         boolean onViewersAccount, boolean savedElsewhere, boolean challengedByAnother, boolean demo) {

    public record Photo(String ref, String caption) {
    }

    public record CaseSummary(String ref, String kind, String status, LocalDate receivedOn, LocalDate decideBy) {
    }

    public record Letter(String ref, String title, String body, LocalDate sentOn) {
    }

    public ZonedDateTime observedLondon() {
        return observedAt.atZone(ZoneId.of("Europe/London"));
    }

    public boolean settled() {
        return !"OPEN".equals(status);
    }
}
