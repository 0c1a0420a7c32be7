package org.townhall.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.townhall.backup.store.BackupStore;
import org.townhall.backup.store.LocalDirectoryStore;

/**
 * A backup cut off halfway (kill -9, a full disk) leaves files under temporary names or a
 * folder without its manifest; neither is ever listed as a backup.
 */
class InterruptedBackupTest {

    @TempDir Path dir;

    @Test
    void anUploadNeverPublishedLeavesNothingListedAndNoFileUnderItsName() throws Exception {
        BackupStore store = new LocalDirectoryStore(dir);
        BackupStore.Upload upload = store.create("backups/b1/tables/audit_event.bin", Instant.now());
        upload.stream().write(new byte[1000]);
        // The process dies here: no publish, no close.

        assertThat(store.list("backups/")).isEmpty();
        assertThat(Files.exists(dir.resolve("backups/b1/tables/audit_event.bin"))).isFalse();
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .allMatch(name -> name.startsWith(".partial-"));
        }
    }

    @Test
    void aFolderOfTablesWithoutItsManifestIsNotABackup() throws Exception {
        BackupStore store = new LocalDirectoryStore(dir);
        try (BackupStore.Upload upload = store.create("backups/b1/tables/resident.bin", Instant.now())) {
            upload.stream().write(1);
            upload.publish();
        }
        assertThat(store.list("backups/")).containsExactly("backups/b1/tables/resident.bin");
        assertThat(store.list("backups/").stream().filter(n -> n.endsWith("/" + Backups.MANIFEST))).isEmpty();
    }

    @Test
    void aFailingStoreFailsTheUploadWithoutPublishingIt() throws Exception {
        BackupStore store = new LocalDirectoryStore(dir);
        BackupStore.Upload upload = store.create("backups/b2/manifest.json", Instant.now());
        OutputStream out = upload.stream();
        out.write(1);
        upload.close();
        assertThatThrownBy(() -> out.write(2)).isInstanceOf(IOException.class);
        assertThat(store.list("backups/")).isEmpty();
    }
}
