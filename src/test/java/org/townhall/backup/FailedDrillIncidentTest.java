package org.townhall.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.townhall.incidents.RestoreDrillFailed;
import org.townhall.support.TownhallTest;

/** A drill that fails is handed to the incident register through its own hook, naming the backup and why. */
@TownhallTest
@RecordApplicationEvents
class FailedDrillIncidentTest {

    @Autowired RestoreDrills drills;
    @Autowired Backups backups;
    @Autowired ApplicationEvents events;
    @Value("${townhall.keys.local-dir}") Path keys;

    @Test
    void aFailedDrillIsPublishedForTheIncidentRegister() {
        DrillResult result = drills.drill("backup-that-was-never-taken", keys.resolve(BackupKeys.OFFLINE_KEY_FILE), p -> { });

        assertThat(result.passed()).isFalse();
        assertThat(events.stream(RestoreDrillFailed.class))
                .anySatisfy(failed -> assertThat(failed.reason()).contains("backup-that-was-never-taken").contains(result.problem()));
    }

    @Test
    void aDrillThatPassesPublishesNothing() {
        BackupSummary backup = backups.backup(p -> { });
        assertThat(drills.drill(backup.name(), keys.resolve(BackupKeys.OFFLINE_KEY_FILE), p -> { }).passed()).isTrue();
        assertThat(events.stream(RestoreDrillFailed.class)).isEmpty();
    }
}
