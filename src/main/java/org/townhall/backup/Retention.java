package org.townhall.backup;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.townhall.backup.store.BackupStore;

/**
 * Seven daily, four weekly and twelve monthly backups. A backup's class is fixed when it is taken
 * (the first of a month is monthly, else the first of a week is weekly, else daily) and its lock
 * in the store lasts that long; pruning removes only backups whose lock has run out, so the
 * application can never delete a backup early, even if told to.
 */
@Component
class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    enum Class {
        DAILY(Duration.ofDays(7)), WEEKLY(Duration.ofDays(4 * 7)), MONTHLY(Duration.ofDays(366));

        private final Duration keptFor;

        Class(Duration keptFor) {
            this.keptFor = keptFor;
        }

        Duration keptFor() {
            return keptFor;
        }
    }

    private final BackupStore store;
    private final Clock clock;

    Retention(BackupStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    Class classify(Instant takenAt, List<BackupSummary> existing) {
        var day = takenAt.atZone(LONDON);
        boolean monthHasOne = existing.stream().map(b -> b.takenAt().atZone(LONDON))
                .anyMatch(t -> t.getYear() == day.getYear() && t.getMonth() == day.getMonth());
        if (!monthHasOne) {
            return Class.MONTHLY;
        }
        boolean weekHasOne = existing.stream().map(b -> b.takenAt().atZone(LONDON))
                .anyMatch(t -> t.get(IsoFields.WEEK_BASED_YEAR) == day.get(IsoFields.WEEK_BASED_YEAR)
                        && t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) == day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        return weekHasOne ? Class.DAILY : Class.WEEKLY;
    }

    /** Removes every backup past its lock, manifest first, so a half-removed backup is never listed. */
    List<String> prune(List<BackupSummary> backups) {
        Instant now = clock.instant();
        List<String> removed = new java.util.ArrayList<>();
        for (BackupSummary backup : backups) {
            if (backup.lockedUntil() == null || now.isBefore(backup.lockedUntil())) {
                continue;
            }
            try {
                String folder = Backups.PREFIX + backup.name() + "/";
                store.delete(folder + Backups.MANIFEST, now);
                for (String file : store.list(folder)) {
                    store.delete(file, now);
                }
                removed.add(backup.name());
            } catch (IOException | IllegalStateException e) {
                log.warn("Backup {} could not be pruned: {}", backup.name(), e.getMessage());
            }
        }
        return removed;
    }
}
