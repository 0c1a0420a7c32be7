package org.townhall.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.townhall.audit.AuditTrail;
import org.townhall.evidence.EvidenceVault;

/**
 * What the pgBackRest drill keeps of what the operator typed, found by an attack: a password given
 * as user:password@host, or after ';' or '#', was kept in the drill's name, so in the log, the
 * drill history, the append-only audit trail and the incident a failed drill opens; and a recovery
 * target in the future (9999-12-31) passed and was recorded as the copy's recovery point.
 */
class RestoredCopyDrillInputsTest {

    @Test
    void theLabelKeepsHostPortAndDatabaseOnly() {
        assertThat(BackupCommand.label("jdbc:postgresql://scratch:5432/townhall")).isEqualTo("restored copy at scratch:5432/townhall");
        assertThat(BackupCommand.label("jdbc:postgresql://townhall_owner:SECRET@scratch:5432/townhall"))
                .isEqualTo("restored copy at scratch:5432/townhall");
        assertThat(BackupCommand.label("jdbc:postgresql://scratch:5432/townhall;password=SECRET")).doesNotContain("SECRET");
        assertThat(BackupCommand.label("jdbc:postgresql://scratch:5432/townhall#password=SECRET")).doesNotContain("SECRET");
        assertThat(BackupCommand.label("jdbc:postgresql://scratch:5432/townhall?user=u&password=SECRET")).doesNotContain("SECRET");
        assertThat(BackupCommand.label("jdbc:postgresql://u:p@ss@scratch/townhall")).isEqualTo("restored copy at scratch/townhall");
    }

    @Test
    void aRecoveryTargetInTheFutureFailsTheDrillWithoutTouchingTheCopy() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
        DataSource copy = mock(DataSource.class);
        RestoredDatabaseDrills drills = new RestoredDatabaseDrills(mock(BackupRecords.class), mock(AuditTrail.class),
                mock(AuditAnchors.class), mock(EvidenceVault.class), clock,
                mock(org.springframework.jdbc.core.simple.JdbcClient.class));
        DrillResult result = drills.drill(copy, "restored copy at scratch/townhall", Optional.of(Instant.parse("9999-12-31T00:00:00Z")),
                Optional.empty());
        assertThat(result.passed()).isFalse();
        assertThat(result.problem()).contains("in the future");
        verifyNoInteractions(copy);
    }
}
