package org.townhall.backup.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default store's files left by a backup that was killed half way (kill -9: nothing got to close them). */
class LocalDirectoryStoreTest {

    @TempDir Path root;

    @Test
    void partialFilesLeftByACutOffBackupAreRemovedOnceOldButOneStillBeingWrittenIsLeftAlone() throws IOException {
        LocalDirectoryStore store = new LocalDirectoryStore(root);
        Instant now = Instant.now();
        // Two uploads never published or closed, as a killed process leaves them; one long ago.
        store.create("backups/b1/tables/journal_line.bin", now.plus(Duration.ofDays(7))).stream().write(new byte[1024]);
        store.create("backups/b2/tables/payment.bin", now.plus(Duration.ofDays(7))).stream().write(new byte[1024]);
        Path old = partials().filter(p -> p.toString().contains("journal_line")).findFirst().orElseThrow();
        Files.setLastModifiedTime(old, FileTime.from(now.minus(Duration.ofHours(7))));
        try (BackupStore.Upload kept = store.create("backups/b0/MANIFEST", now.plus(Duration.ofDays(7)))) {
            kept.stream().write(new byte[] {1});
            kept.publish();
        }

        assertThat(store.discardAbandonedUploads(now.minus(Duration.ofHours(6)))).isEqualTo(1);

        assertThat(partials()).hasSize(1).allMatch(p -> p.toString().contains("payment"));
        assertThat(store.list("backups/")).containsExactly("backups/b0/MANIFEST");
    }

    private Stream<Path> partials() throws IOException {
        return Files.walk(root).filter(p -> p.getFileName().toString().startsWith(".partial-")).toList().stream();
    }
}
