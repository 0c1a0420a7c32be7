package org.townhall.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.signature.PredefinedSignatureParameters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.evidence.EvidenceVault;
import org.townhall.evidence.IncomingFile;
import org.townhall.evidence.Samples;
import org.townhall.platform.ClientOrigin;
import org.townhall.platform.PublicReferences;
import org.townhall.support.TownhallTest;

/** A backup is only as good as a restore of it: the drill restores, checks, and says why not. */
@TownhallTest
class RestoreDrillTest {

    @Autowired Backups backups;
    @Autowired RestoreDrills drills;
    @Autowired AuditTrail trail;
    @Autowired JdbcClient jdbc;
    @Autowired EvidenceVault vault;
    @Value("${townhall.backup.directory}") Path storeDir;
    @Value("${townhall.keys.local-dir}") Path keyDir;

    private Path offlineKey() {
        return keyDir.resolve(BackupKeys.OFFLINE_KEY_FILE);
    }

    private BackupSummary aBackup() {
        trail.record(AuditEntry.of(AuditAction.SIGN_IN_FAILED, AuditOutcome.FAILURE, Actor.anonymous()).because("before the backup"),
                ClientOrigin.system());
        return backups.backup(progress -> { });
    }

    private Path file(BackupSummary backup, String name) {
        return storeDir.resolve(Backups.PREFIX + backup.name() + "/" + name);
    }

    @Test
    void aFreshBackupRestoresAndChecksOutWithItsRecoveryTimeAndPoint() {
        String owner = "RES-" + PublicReferences.next();
        vault.store(vault.check(List.of(new IncomingFile("receipt.png", Samples.png(40, 20))), owner), owner,
                "CASE-" + PublicReferences.next());
        BackupSummary backup = aBackup();
        DrillResult result = drills.drill(backup.name(), offlineKey(), p -> { });
        assertThat(result.passed()).as(result.problem()).isTrue();
        assertThat(result.recoveryPoint()).isEqualTo(backup.takenAt());
        assertThat(result.rowsRestored()).isPositive();
        assertThat(result.evidenceOpened()).isPositive();
        assertThat(jdbc.sql("select state from backup_history where kind = 'DRILL' order by id desc limit 1")
                .query(String.class).single()).isEqualTo("SUCCEEDED");
    }

    @Test
    void aBackupIsAuditedAndListedWithItsManifest() {
        BackupSummary backup = aBackup();
        assertThat(backups.list()).extracting(BackupSummary::name).contains(backup.name());
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'BACKUP_TAKEN' and object_ref = :n")
                .param("n", backup.name()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theBackupCannotBeReadWithoutTheOfflineKey() throws Exception {
        BackupSummary backup = aBackup();
        byte[] stored = Files.readAllBytes(file(backup, "tables/audit_event.bin"));
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("before the backup");
        Path strangerKey = Files.createTempFile("stranger", ".json");
        Files.writeString(strangerKey, com.google.crypto.tink.TinkJsonProtoKeysetFormat.serializeKeyset(
                KeysetHandle.generateNew(com.google.crypto.tink.hybrid.PredefinedHybridParameters.HPKE_X25519_HKDF_SHA256_AES_128_GCM),
                com.google.crypto.tink.InsecureSecretKeyAccess.get()));
        DrillResult result = drills.drill(backup.name(), strangerKey, p -> { });
        assertThat(result.passed()).isFalse();
        assertThat(result.problem()).contains("does not open with this offline decryption key");
    }

    @Test
    void oneFlippedByteFailsTheDrillNamingTheFile() throws Exception {
        BackupSummary backup = aBackup();
        Path table = file(backup, "tables/journal_line.bin");
        byte[] bytes = Files.readAllBytes(table);
        bytes[bytes.length / 2] ^= 0x01;
        table.toFile().setWritable(true);
        Files.write(table, bytes);

        DrillResult result = drills.drill(backup.name(), offlineKey(), p -> { });
        assertThat(result.passed()).isFalse();
        assertThat(result.problem()).contains("tables/journal_line.bin").contains("SHA-256");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'RESTORE_DRILL_RUN' and outcome = 'FAILURE' and object_ref = :n")
                .param("n", backup.name()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aSwappedManifestFailsTheDrill() throws Exception {
        BackupSummary first = aBackup();
        BackupSummary second = aBackup();
        Path manifest = file(first, Backups.MANIFEST);
        manifest.toFile().setWritable(true);
        Files.copy(file(second, Backups.MANIFEST), manifest, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        DrillResult result = drills.drill(first.name(), offlineKey(), p -> { });
        assertThat(result.passed()).isFalse();
        assertThat(result.problem()).contains("belongs to backup " + second.name()).contains("swapped");
    }

    @Test
    void aManifestSignedByAnotherKeyFailsTheDrill() throws Exception {
        BackupSummary backup = aBackup();
        Path manifest = file(backup, Backups.MANIFEST);
        byte[] body = SignedFile.body(Files.readAllBytes(manifest));
        resign(manifest, body);

        DrillResult result = drills.drill(backup.name(), offlineKey(), p -> { });
        assertThat(result.passed()).isFalse();
        assertThat(result.problem()).contains("not signed by this installation's key");
    }

    @Test
    void aBackupFromAnotherInstallationFailsTheDrill() throws Exception {
        BackupSummary backup = aBackup();
        Path manifest = file(backup, Backups.MANIFEST);
        String body = new String(SignedFile.body(Files.readAllBytes(manifest)), StandardCharsets.UTF_8);
        String theirs = body.replaceFirst("\"installation\":\"[^\"]+\"", "\"installation\":\"another-council\"");
        resign(manifest, theirs.getBytes(StandardCharsets.UTF_8));

        DrillResult result = drills.drill(backup.name(), offlineKey(), p -> { });
        assertThat(result.passed()).isFalse();
        assertThat(result.problem()).contains("another installation (another-council)");
    }

    private static void resign(Path manifest, byte[] body) throws Exception {
        KeysetHandle stranger = KeysetHandle.generateNew(PredefinedSignatureParameters.ED25519);
        byte[] signature = stranger.getPrimitive(RegistryConfiguration.get(), PublicKeySign.class).sign(body);
        manifest.toFile().setWritable(true);
        Files.write(manifest, (Base64.getEncoder().encodeToString(signature) + "\n" + new String(body, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
    }
}
