package org.townhall.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.api.migration.JavaMigration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.backup.store.BackupStore;
import org.townhall.backup.store.FakeObjectLockBucket;
import org.townhall.backup.store.ObjectLockBucketStore;
import org.townhall.evidence.EvidenceVault;
import org.townhall.platform.ClientOrigin;
import org.townhall.support.TownhallTest;

/** Backups, anchors, drills and pruning through the object-lock bucket, as production runs them. */
@TownhallTest
class BucketBackupTest {

    private static FakeObjectLockBucket bucket;

    @Autowired DataSource dataSource;
    @Autowired BackupKeys keys;
    @Autowired AuditTrail trail;
    @Autowired BackupRecords records;
    @Autowired ScratchDatabases scratch;
    @Autowired EvidenceVault evidence;
    @Autowired ObjectProvider<JavaMigration> javaMigrations;
    @Autowired Clock clock;
    @Value("${townhall.keys.local-dir}") Path keyDir;

    private String folder;
    private ObjectLockBucketStore store;
    private Backups backups;
    private RestoreDrills drills;

    @BeforeAll
    static void startBucket() {
        bucket = new FakeObjectLockBucket();
    }

    @AfterAll
    static void stopBucket() {
        bucket.stop();
    }

    @BeforeEach
    void wire() {
        // A folder of its own for each test: backups taken by one are not another's to classify or prune.
        folder = "test-" + java.util.UUID.randomUUID() + "/";
        store = new ObjectLockBucketStore(bucket.client(), bucket.settings(folder));
        wire(store);
    }

    private void wire(BackupStore store) {
        AuditAnchors anchors = new AuditAnchors(trail, store, keys, clock, Duration.ofDays(400));
        backups = new Backups(dataSource, store, keys, anchors, new Retention(store, clock), records, clock, 2);
        drills = new RestoreDrills(backups, store, keys, records, scratch, trail, anchors, evidence,
                javaMigrations.orderedStream().toList(), clock, "", keyDir);
    }

    private BackupSummary aBackup() {
        trail.record(AuditEntry.of(AuditAction.SIGN_IN_FAILED, AuditOutcome.FAILURE, Actor.anonymous()).because("before the backup"),
                ClientOrigin.system());
        return backups.backup(progress -> { });
    }

    private List<String> keysOf(BackupSummary backup) throws IOException {
        return store.list(Backups.PREFIX + backup.name() + "/");
    }

    @Test
    void aBackupInTheBucketPassesItsRestoreDrill() {
        BackupSummary backup = aBackup();

        DrillResult result = drills.drill(backup.name(), keyDir.resolve(BackupKeys.OFFLINE_KEY_FILE), p -> { });
        assertThat(result.passed()).as(result.problem()).isTrue();
        assertThat(result.recoveryPoint()).isEqualTo(backup.takenAt());
        assertThat(backups.list()).extracting(BackupSummary::name).containsExactly(backup.name());
    }

    @Test
    void everyFileOfABackupIsLockedInComplianceModeUntilItsRetentionEnds() throws Exception {
        BackupSummary backup = aBackup();

        List<String> names = keysOf(backup);
        assertThat(names).contains(Backups.PREFIX + backup.name() + "/" + Backups.MANIFEST).hasSizeGreaterThan(5);
        for (String name : names) {
            List<FakeObjectLockBucket.Version> versions = bucket.versions(prefixed(name));
            assertThat(versions).as(name).hasSize(1);
            assertThat(versions.get(0).mode()).as(name).isEqualTo("COMPLIANCE");
            assertThat(versions.get(0).retainUntil()).as(name).isEqualTo(backup.lockedUntil());
        }
    }

    @Test
    void theBackupsAuditAnchorIsLockedForFourHundredDays() throws Exception {
        BackupSummary backup = aBackup();

        List<String> anchors = store.list(AuditAnchors.PREFIX);
        assertThat(anchors).hasSize(1);
        FakeObjectLockBucket.Version anchor = bucket.versions(prefixed(anchors.get(0))).get(0);
        assertThat(anchor.mode()).isEqualTo("COMPLIANCE");
        assertThat(anchor.retainUntil()).isEqualTo(backup.takenAt().plus(Duration.ofDays(400)));
    }

    @Test
    void pruningLeavesALockedBackupWhateverTheApplicationsClockSaysAndRemovesItOnceTheBucketAgrees() throws Exception {
        BackupSummary backup = aBackup();
        List<String> names = keysOf(backup);
        Retention lateClock = new Retention(store, Clock.fixed(backup.lockedUntil().plusSeconds(60), ZoneOffset.UTC));

        assertThat(lateClock.prune(backups.list())).as("the bucket's clock says it is still locked").isEmpty();
        assertThat(backups.list()).extracting(BackupSummary::name).contains(backup.name());
        assertThat(names).allSatisfy(name -> assertThat(bucket.versions(prefixed(name))).hasSize(1));

        bucket.now = backup.lockedUntil().plusSeconds(1);
        try {
            assertThat(lateClock.prune(backups.list())).containsExactly(backup.name());
        } finally {
            bucket.now = Instant.now();
        }
        assertThat(backups.list()).isEmpty();
        assertThat(names).as("every version deleted, no delete marker left")
                .allSatisfy(name -> assertThat(bucket.versions(prefixed(name))).isEmpty());
    }

    @Test
    void aBackupThatFailsMidFileAbortsThatFilesUploadAndIsNeverListed() {
        int before = bucket.unfinishedUploads();
        wire(new ObjectLockBucketStore(bucket.client(), bucket.settings("failing-" + java.util.UUID.randomUUID() + "/")) {
            @Override
            public Upload create(String name, Instant lockedUntil) {
                Upload real = super.create(name, lockedUntil);
                if (!name.endsWith("tables/journal_line.bin")) {
                    return real;
                }
                return new Upload() {
                    @Override
                    public OutputStream stream() {
                        return new OutputStream() {
                            @Override
                            public void write(int b) throws IOException {
                                // One full part reaches the bucket, then the disk under the dump fails.
                                real.stream().write(new byte[5 * 1024 * 1024]);
                                throw new IOException("the disk under the dump failed");
                            }
                        };
                    }

                    @Override
                    public void publish() throws IOException {
                        real.publish();
                    }

                    @Override
                    public void close() throws IOException {
                        real.close();
                    }
                };
            }
        });

        assertThatThrownBy(() -> aBackup()).hasMessageContaining("the disk under the dump failed");
        assertThat(bucket.unfinishedUploads()).as("the started multipart upload is aborted").isEqualTo(before);
        assertThat(backups.list()).isEmpty();
    }

    private String prefixed(String name) {
        return folder + name;
    }
}
