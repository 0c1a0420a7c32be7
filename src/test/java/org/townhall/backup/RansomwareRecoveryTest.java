package org.townhall.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.TownhallApplication;
import org.townhall.accounts.AccountFixtures;
import org.townhall.audit.AuditTrail;
import org.townhall.audit.ChainVerification;
import org.townhall.evidence.EvidenceVault;
import org.townhall.evidence.IncomingFile;
import org.townhall.evidence.Samples;
import org.townhall.payments.PaymentFixtures;
import org.townhall.platform.PublicReferences;
import org.townhall.support.TownhallTest;

/**
 * The database is gone (a new, empty data directory stands in for one wiped or overwritten with
 * noise); the backup store and the council's keys are not. Restore brings residents, payments,
 * the ledger and the audit trail back as they were at the backup, and nothing after it.
 */
@TownhallTest
class RansomwareRecoveryTest {

    @Autowired Backups backups;
    @Autowired AccountFixtures accounts;
    @Autowired PaymentFixtures payments;
    @Autowired JdbcClient jdbc;
    @Autowired EvidenceVault vault;
    @Value("${townhall.keys.local-dir}") Path keyDir;
    @Value("${townhall.backup.directory}") Path storeDir;

    private void copyBackup(String name, Path into) throws java.io.IOException {
        Path from = storeDir.resolve(Backups.PREFIX + name);
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(from)) {
            for (Path file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                Path copy = into.resolve(Backups.PREFIX + name).resolve(from.relativize(file).toString());
                java.nio.file.Files.createDirectories(copy.getParent());
                java.nio.file.Files.copy(file, copy, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static long count(JdbcClient jdbc, String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    @Test
    void aWipedInstallationComesBackFromItsBackupAndClaimsNothingAfterIt() throws Exception {
        AccountFixtures.Resident resident = accounts.aResident().build();
        PaymentFixtures.Taken payment = payments.aTakenCouncilTaxPayment(resident, "12.34");
        vault.store(vault.check(List.of(new IncomingFile("photo.png", Samples.png(40, 20))), resident.ref()), resident.ref(),
                "CASE-" + PublicReferences.next());
        BackupSummary backup = backups.backup(p -> { });
        long residents = count(jdbc, "resident");
        long succeededBackupsBefore = count(jdbc, "backup_history where kind = 'BACKUP' and state = 'SUCCEEDED'") - 1;
        long paid = count(jdbc, "payment");
        long entries = count(jdbc, "journal_entry");
        AccountFixtures.Resident afterTheBackup = accounts.aResident().build();

        // The wiped installation reads the backup from a store of its own holding a copy of it: it
        // anchors its restored trail as it starts over, and those anchors must not become the latest
        // for this test run's own database, which carries on beside it (in life the two are one).
        Path wipedStore = Path.of("target/wiped-store-" + UUID.randomUUID());
        copyBackup(backup.name(), wipedStore);
        try (ConfigurableApplicationContext wiped = new SpringApplicationBuilder(TownhallApplication.class)
                .profiles("test")
                .run("--townhall.embedded-database.data-dir=target/wiped-" + UUID.randomUUID(), "--server.port=0",
                        "--townhall.backup.directory=" + wipedStore)) {
            RestoreDrills restores = wiped.getBean(RestoreDrills.class);
            // A member of staff set up since the wipe is something a restore would overwrite: refused
            // unless asked for in so many words, even with no resident or payment there yet.
            wiped.getBean(org.townhall.accounts.StaffAccounts.class).create("staff-admin", "Nia New",
                    "nia.new." + UUID.randomUUID() + "@eastbridge.example", java.util.Set.of(org.townhall.accounts.StaffRole.AUDITOR));
            assertThatThrownBy(() -> restores.restore(backup.name(), keyDir.resolve(BackupKeys.OFFLINE_KEY_FILE), false, p -> { }))
                    .isInstanceOf(BackupRefused.class).hasMessageContaining("refuses to overwrite");
            DrillResult result = restores.restore(backup.name(), keyDir.resolve(BackupKeys.OFFLINE_KEY_FILE), true, p -> { });

            JdbcClient restored = wiped.getBean(JdbcClient.class);
            assertThat(result.recoveryPoint()).isEqualTo(backup.takenAt());
            assertThat(count(restored, "resident")).isEqualTo(residents);
            assertThat(count(restored, "payment")).isEqualTo(paid);
            assertThat(count(restored, "journal_entry")).isEqualTo(entries);
            assertThat(restored.sql("select count(*) from payment where public_ref = :r").param("r", payment.paymentRef())
                    .query(Long.class).single()).isEqualTo(1);
            assertThat(restored.sql("select count(*) from resident where public_ref = :r").param("r", afterTheBackup.ref())
                    .query(Long.class).single()).isZero();
            assertThat(restored.sql("select coalesce(sum(amount_pence), 0) from journal_line").query(Long.class).single()).isZero();
            assertThat(result.evidenceOpened()).isPositive();
            assertThat(wiped.getBean(EvidenceVault.class).openSampleIn(wiped.getBean(javax.sql.DataSource.class), 1000))
                    .isEqualTo(count(restored, "evidence_document where destroyed_at is null"));
            // The history comes back as the backup held it, and the restore is recorded in it, once.
            assertThat(restored.sql("select count(*) from backup_history where kind = 'BACKUP' and state = 'SUCCEEDED'")
                    .query(Long.class).single()).isEqualTo(succeededBackupsBefore);
            assertThat(restored.sql("select state from backup_history where kind = 'RESTORE' and backup_name = :b")
                    .param("b", backup.name()).query(String.class).list()).containsExactly("SUCCEEDED");
            ChainVerification audit = wiped.getBean(AuditTrail.class).verify();
            assertThat(audit.intact()).as(audit.problem()).isTrue();

            // A second restore over what is now there is refused unless asked for in so many words.
            assertThatThrownBy(() -> restores.restore(backup.name(), keyDir.resolve(BackupKeys.OFFLINE_KEY_FILE), false, p -> { }))
                    .isInstanceOf(BackupRefused.class).hasMessageContaining("refuses to overwrite");
        }
    }
}
