package org.townhall.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.backup.store.BackupStore;
import org.townhall.backup.store.LocalDirectoryStore;
import org.townhall.support.TownhallTest;

/**
 * Several workers copy a backup's tables side by side; the backup must still be one instant of
 * the database, hold every table once, fail whole when one worker fails, and say where its time went.
 */
@TownhallTest
class BackupSnapshotTest {

    @Autowired DataSource dataSource;
    @Autowired JdbcClient jdbc;
    @Autowired Backups backups;
    @TempDir Path dir;

    private final StreamingAead aead = newAead();

    private static StreamingAead newAead() {
        try {
            StreamingAeadConfig.register();
            return KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB)
                    .getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private LogicalDump.Sink sinkInto(BackupStore store, Progress progress) {
        return file -> new EncryptedFile(file, store.create("b/" + file, Instant.now()), aead, file.getBytes(), progress);
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long historyRows() {
        return jdbc.sql("select count(*) from backup_history").query(Long.class).single();
    }

    @Test
    void aRowCommittedAfterTheSnapshotIsInNoneOfTheFilesTheOtherWorkersCopy() throws Exception {
        long before = historyRows();
        int tableCount;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            tableCount = LogicalDump.tables(s).size();
        }
        // The first connection is the leader's, which exports the snapshot; a row is committed
        // just before each other worker gets its connection, so only the shared snapshot hides it.
        AtomicInteger connections = new AtomicInteger();
        AtomicBoolean inserted = new AtomicBoolean();
        DataSource committingInBetween = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && connections.incrementAndGet() > 1
                            && inserted.compareAndSet(false, true)) {
                        jdbc.sql("insert into backup_history (kind, started_at, state) values ('BACKUP', now(), 'RUNNING')").update();
                    }
                    return method.invoke(dataSource, args);
                });
        // The leader waits at its first file until the others have taken every other table.
        Thread leader = Thread.currentThread();
        AtomicInteger takenByOthers = new AtomicInteger();
        Progress progress = new Progress("backup", 1);
        LogicalDump.Sink sink = sinkInto(new LocalDirectoryStore(dir), progress);
        LogicalDump.Snapshot snapshot = LogicalDump.dump(committingInBetween, 3, progress, file -> {
            if (Thread.currentThread() != leader) {
                takenByOthers.incrementAndGet();
            } else {
                for (int waited = 0; takenByOthers.get() < tableCount - 1 && waited < 3000; waited++) {
                    pause();
                }
            }
            return sink.open(file);
        });

        assertThat(inserted).isTrue();
        assertThat(historyRows()).isEqualTo(before + 1);
        assertThat(snapshot.files()).filteredOn(f -> f.table().equals("backup_history"))
                .singleElement().extracting(Manifest.File::rows).isEqualTo(before);
    }

    @Test
    void everyTableIsCopiedOnceWhateverTheNumberOfWorkers() throws Exception {
        List<String> tables;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            tables = LogicalDump.tables(s);
        }
        for (int workers : new int[] {1, 3}) {
            BackupStore store = new LocalDirectoryStore(dir.resolve("w" + workers));
            Progress progress = new Progress("backup", 1);
            LogicalDump.Snapshot snapshot = LogicalDump.dump(dataSource, workers, progress, sinkInto(store, progress));
            assertThat(snapshot.files()).extracting(Manifest.File::table).containsExactlyInAnyOrderElementsOf(tables);
            assertThat(snapshot.files()).extracting(Manifest.File::name).isSorted();
        }
    }

    @Test
    void eachFileIsStoredWithTheSizeAndSha256OfItsBytesAndOpensToWhatWasWritten() throws Exception {
        BackupStore store = new LocalDirectoryStore(dir);
        byte[] row = "a row of a table, written as COPY writes it: one message at a time\n".getBytes();
        Manifest.File entry;
        try (EncryptedFile file = new EncryptedFile("tables/t.bin", store.create("b/tables/t.bin", Instant.now()), aead,
                "b/tables/t.bin".getBytes(), new Progress("backup", 1))) {
            OutputStream out = file.plaintext();
            for (int i = 0; i < 40_000; i++) {
                out.write(row);
            }
            entry = file.publish("t", 40_000);
        }
        byte[] stored = Files.readAllBytes(dir.resolve("b/tables/t.bin"));
        assertThat(entry.bytes()).isEqualTo(stored.length);
        assertThat(entry.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(stored)));
        try (InputStream in = aead.newDecryptingStream(store.open("b/tables/t.bin"), "b/tables/t.bin".getBytes())) {
            byte[] plain = in.readAllBytes();
            assertThat(plain.length).isEqualTo(40_000 * row.length);
            assertThat(new String(plain, 0, row.length)).isEqualTo(new String(row));
        }
    }

    @Test
    void oneWorkerFailingFailsTheWholeCopyAndPublishesNothingOfItsFile() throws Exception {
        BackupStore store = new LocalDirectoryStore(dir);
        Progress progress = new Progress("backup", 1);
        LogicalDump.Sink sink = sinkInto(store, progress);
        assertThatThrownBy(() -> LogicalDump.dump(dataSource, 3, progress, file -> {
            if (file.equals("tables/resident.bin")) {
                throw new IOException("the store is full");
            }
            return sink.open(file);
        })).isInstanceOf(IOException.class).hasMessageContaining("the store is full");
        assertThat(store.list("b/")).doesNotContain("b/tables/resident.bin");
    }

    @Test
    void aBackupSaysWhereItsTimeWentStepByStep() {
        AtomicReference<Progress> last = new AtomicReference<>();
        backups.backup(last::set);
        assertThat(last.get().timeSpent()).containsKeys(Progress.Step.WARM_UP, Progress.Step.SNAPSHOT,
                Progress.Step.COPY_TABLES, Progress.Step.COPY_EVIDENCE, Progress.Step.ENCRYPT, Progress.Step.HASH,
                Progress.Step.WRITE, Progress.Step.PUBLISH, Progress.Step.MANIFEST, Progress.Step.ANCHOR);
    }
}
