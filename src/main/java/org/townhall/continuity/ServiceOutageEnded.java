package org.townhall.continuity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.townhall.platform.ClockConfiguration;

/**
 * A resident service was off or read only from {@code startedAt} until {@code endedAt}. Modules
 * with deadlines residents meet through that service move the deadlines the outage swallowed.
 */
public record ServiceOutageEnded(String outageRef, ResidentService service, Instant startedAt, Instant endedAt) {

    /** The first London date the outage touched. */
    public LocalDate firstDay() {
        return startedAt.atZone(ClockConfiguration.LONDON).toLocalDate();
    }

    /** The last London date the outage touched. */
    public LocalDate lastDay() {
        return endedAt.atZone(ClockConfiguration.LONDON).toLocalDate();
    }

    /** Whether a deadline on {@code day} fell in the outage or the grace days after it. */
    public boolean swallowed(LocalDate day, int graceDays) {
        return !day.isBefore(firstDay()) && !day.isAfter(lastDay().plusDays(graceDays));
    }

    /**
     * The days an outage from {@code start} to {@code end} (London dates, both included) gives
     * back: its days not already given for an earlier, overlapping outage, plus the grace. Counted
     * in dates, so an outage across a clock change or a month end is as long as the dates it touched.
     */
    public static int daysToGiveBack(LocalDate start, LocalDate end, List<LocalDate[]> alreadyGiven, int graceDays) {
        int uncovered = 0;
        for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
            LocalDate current = day;
            boolean covered = alreadyGiven.stream().anyMatch(w -> !current.isBefore(w[0]) && !current.isAfter(w[1]));
            if (!covered) {
                uncovered++;
            }
        }
        return uncovered == 0 ? 0 : uncovered + graceDays;
    }
}
