package org.townhall.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.townhall.backup.store.BackupStore;
import org.townhall.backup.store.LocalDirectoryStore;
import org.townhall.platform.SecretKeys;

/**
 * Anyone who can write a file into the backup store could drop in a manifest "taken" in 2999: it
 * became the latest backup, so the staff page's recovery point and the missed-backup alarm trusted
 * it while real backups had stopped. Only manifests this installation signed, naming their own
 * backup, are listed.
 */
class ForgedManifestNotListedTest {

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void onlyManifestsSignedByThisInstallationForTheirOwnBackupAreListed() throws Exception {
        BackupKeys keys = keys("installation-a", dir.resolve("keys-a"));
        BackupKeys other = keys("installation-b", dir.resolve("keys-b"));
        BackupStore store = new LocalDirectoryStore(dir.resolve("store"));
        Instant lockedUntil = Instant.parse("2027-01-01T00:00:00Z");

        put(store, "backup-real", SignedFile.write(keys, json(manifest("installation-a", "backup-real", "2026-12-01T02:00:00Z"))));
        put(store, "backup-29991231T000000Z-evil", ("AAAA\n" + new String(json(manifest("installation-a",
                "backup-29991231T000000Z-evil", "2999-12-31T00:00:00Z")), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        put(store, "backup-other", SignedFile.write(other, json(manifest("installation-b", "backup-other", "2999-01-01T00:00:00Z"))));
        put(store, "backup-renamed", SignedFile.write(keys, json(manifest("installation-a", "backup-real", "2999-02-01T00:00:00Z"))));

        Backups backups = new Backups(null, store, keys, null, null, null, Clock.systemUTC(), 1);

        assertThat(backups.list()).extracting(BackupSummary::name).containsExactly("backup-real");
        assertThat(backups.latest()).get().extracting(BackupSummary::name).isEqualTo("backup-real");
    }

    private static void put(BackupStore store, String backup, byte[] bytes) throws Exception {
        try (BackupStore.Upload upload = store.create(Backups.PREFIX + backup + "/" + Backups.MANIFEST, Instant.parse("2027-01-01T00:00:00Z"))) {
            upload.stream().write(bytes);
            upload.publish();
        }
    }

    private static byte[] json(Manifest manifest) {
        return Backups.JSON.writeValueAsBytes(manifest);
    }

    private static Manifest manifest(String installation, String name, String takenAt) {
        return new Manifest(Manifest.FORMAT, installation, name, Instant.parse(takenAt), "56", "", List.of(), List.of(), List.of(),
                0, "DAILY", Instant.parse("2027-01-01T00:00:00Z"));
    }

    @SuppressWarnings("unchecked")
    private static BackupKeys keys(String installation, Path localDir) {
        SecretKeys secrets = mock(SecretKeys.class);
        when(secrets.textKey(eq("installation-id"), anyString(), anyString(), any())).thenReturn(installation);
        when(secrets.textKey(eq("backup-signing"), anyString(), anyString(), any()))
                .thenAnswer(call -> ((Supplier<String>) call.getArgument(3)).get());
        when(secrets.textKey(eq("backup-public"), anyString(), anyString(), any()))
                .thenAnswer(call -> ((Supplier<String>) call.getArgument(3)).get());
        return new BackupKeys(secrets, "", "", "", localDir);
    }
}
