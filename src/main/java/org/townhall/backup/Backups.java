package org.townhall.backup;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.townhall.backup.store.BackupStore;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes backups (ADR 0023): a consistent logical copy of every table, each file streamed through
 * Tink's streaming AEAD under a key made for this backup alone and wrapped with the offline
 * public key, into the backup store, and a signed manifest written last. A backup without its
 * manifest is not a backup: one killed halfway is never listed.
 */
@Service
public class Backups {

    private static final Logger log = LoggerFactory.getLogger(Backups.class);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String PREFIX = "backups/";
    static final String MANIFEST = "manifest.json";
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final DataSource dataSource;
    private final BackupStore store;
    private final BackupKeys keys;
    private final AuditAnchors anchors;
    private final Retention retention;
    private final BackupRecords records;
    private final Clock clock;
    private volatile Progress current;

    Backups(DataSource dataSource, BackupStore store, BackupKeys keys, AuditAnchors anchors, Retention retention,
            BackupRecords records, Clock clock) {
        this.dataSource = dataSource;
        this.store = store;
        this.keys = keys;
        this.anchors = anchors;
        this.retention = retention;
        this.records = records;
        this.clock = clock;
    }

    /** Takes a backup now, reporting progress to {@code watcher} as it goes; audited either way. */
    public BackupSummary backup(Consumer<Progress> watcher) {
        Instant takenAt = clock.instant();
        long run = records.started("BACKUP", takenAt);
        String name = "backup-" + NAME.format(takenAt) + "-" + UUID.randomUUID().toString().substring(0, 6);
        try {
            Manifest manifest = write(name, takenAt, watcher);
            anchors.anchor(manifest.auditHeads(), takenAt);
            BackupSummary summary = summary(manifest);
            records.backupTaken(run, clock.instant(), summary);
            log.info("Backup {} written to {}: {} bytes", name, store.describe(), summary.bytes());
            return summary;
        } catch (Exception e) {
            String problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            records.backupFailed(run, clock.instant(), name, problem, latest().map(BackupSummary::takenAt).orElse(null));
            log.error("BACKUP FAILED ({}): {}", name, problem);
            throw new IllegalStateException("Backup failed: " + problem, e);
        } finally {
            current = null;
        }
    }

    /** Nightly by default (townhall.backup.schedule); on one instance at a time. */
    @Scheduled(cron = "${townhall.backup.schedule:0 0 2 * * *}", zone = "Europe/London")
    void backupOnSchedule() {
        if (!records.tryLock()) {
            return;
        }
        try {
            backup(progress -> { });
            records.pruned(retention.prune(list()));
        } catch (RuntimeException e) {
            // Recorded, audited and alerted by backup(); the next night tries again.
        } finally {
            records.unlock();
        }
    }

    /** The backup running now, if any, for the staff page. */
    public Optional<Progress> running() {
        return Optional.ofNullable(current);
    }

    /** Backups with a manifest, newest first. */
    public List<BackupSummary> list() {
        List<BackupSummary> backups = new ArrayList<>();
        for (String name : manifestNames()) {
            try {
                backups.add(summary(readManifest(name.substring(PREFIX.length(), name.length() - MANIFEST.length() - 1))));
            } catch (IOException | GeneralSecurityException e) {
                log.warn("Backup manifest {} could not be read: {}", name, e.getMessage());
            }
        }
        backups.sort((a, b) -> b.takenAt().compareTo(a.takenAt()));
        return backups;
    }

    /** The newest backup: what a restore today would bring back (the recovery point). */
    public Optional<BackupSummary> latest() {
        List<BackupSummary> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    private Manifest write(String name, Instant takenAt, Consumer<Progress> watcher) throws Exception {
        KeysetHandle contentKey = KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB);
        byte[] wrapped = keys.encrypter().encrypt(
                TinkProtoKeysetFormat.serializeKeyset(contentKey, InsecureSecretKeyAccess.get()), context(keys.installation(), name));
        StreamingAead aead = contentKey.getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
        Retention.Class kept = retention.classify(takenAt, list());
        Instant lockedUntil = takenAt.plus(kept.keptFor());
        List<Manifest.File> files = new ArrayList<>();
        LogicalDump.Snapshot snapshot;
        try (Connection connection = dataSource.getConnection()) {
            Progress progress = new Progress("backup", LogicalDump.estimateBytes(connection));
            current = progress;
            Thread watcherThread = new Thread(() -> watch(progress, watcher), "backup-progress");
            watcherThread.setDaemon(true);
            watcherThread.start();
            StoreSink sink = new StoreSink(name, lockedUntil, aead, files);
            try {
                snapshot = LogicalDump.dump(connection, progress, sink);
            } finally {
                watcherThread.interrupt();
                // A dump that failed mid-file leaves that file unpublished: discard it (the bucket aborts its upload).
                sink.discardUnpublished();
            }
            watcher.accept(progress);
        }
        Manifest manifest = new Manifest(Manifest.FORMAT, keys.installation(), name, takenAt, snapshot.schemaVersion(),
                Base64.getEncoder().encodeToString(wrapped), files, snapshot.sequences(), snapshot.auditHeads(),
                snapshot.ledgerSumPence(), kept.name(), lockedUntil);
        // Last, and only once every file is in place: from now on the backup is listed.
        try (BackupStore.Upload upload = store.create(PREFIX + name + "/" + MANIFEST, lockedUntil)) {
            upload.stream().write(SignedFile.write(keys, JSON.writeValueAsBytes(manifest)));
            upload.publish();
        }
        return manifest;
    }

    /** Each table's file goes into the store encrypted, hashed as stored, and is published when complete. */
    private final class StoreSink implements LogicalDump.Sink {
        private final String name;
        private final Instant lockedUntil;
        private final StreamingAead aead;
        private final List<Manifest.File> files;
        private BackupStore.Upload upload;
        private MessageDigest sha;
        private LogicalDump.CountingStream stored;

        StoreSink(String name, Instant lockedUntil, StreamingAead aead, List<Manifest.File> files) {
            this.name = name;
            this.lockedUntil = lockedUntil;
            this.aead = aead;
            this.files = files;
        }

        @Override
        public OutputStream open(String file) throws IOException {
            upload = store.create(PREFIX + name + "/" + file, lockedUntil);
            sha = LogicalDump.sha256();
            stored = new LogicalDump.CountingStream(new DigestOutputStream(upload.stream(), sha), null);
            try {
                return aead.newEncryptingStream(stored, associated(name, file));
            } catch (GeneralSecurityException e) {
                throw new IOException(e);
            }
        }

        @Override
        public void closed(String file, String table, long rows) throws IOException {
            upload.publish();
            upload.close();
            upload = null;
            files.add(new Manifest.File(file, table, rows, stored.count, HexFormat.of().formatHex(sha.digest())));
        }

        void discardUnpublished() throws IOException {
            if (upload != null) {
                upload.close();
                upload = null;
            }
        }
    }

    private static void watch(Progress progress, Consumer<Progress> watcher) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(1000);
                watcher.accept(progress);
            }
        } catch (InterruptedException finished) {
            Thread.currentThread().interrupt();
        }
    }

    List<String> manifestNames() {
        try {
            return store.list(PREFIX).stream().filter(n -> n.endsWith("/" + MANIFEST)).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Could not list backups in " + store.describe(), e);
        }
    }

    /** A manifest as claimed, unverified: for listing only. Restore and drills verify it first. */
    Manifest readManifest(String backupName) throws IOException, GeneralSecurityException {
        try (InputStream in = store.open(PREFIX + backupName + "/" + MANIFEST)) {
            return JSON.readValue(SignedFile.body(in.readAllBytes()), Manifest.class);
        }
    }

    static BackupSummary summary(Manifest m) {
        return new BackupSummary(m.name(), m.takenAt(), m.totalBytes(), m.schemaVersion(), m.retention(), m.lockedUntil());
    }

    /** Binds the wrapped key to its installation and backup: it opens nothing anywhere else. */
    static byte[] context(String installation, String backupName) {
        return ("townhall-backup/" + installation + "/" + backupName).getBytes(StandardCharsets.UTF_8);
    }

    /** Binds each file to its name in its backup: a file moved or swapped in does not decrypt. */
    static byte[] associated(String backupName, String file) {
        return (backupName + "/" + file).getBytes(StandardCharsets.UTF_8);
    }
}
