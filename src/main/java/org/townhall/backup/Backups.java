package org.townhall.backup;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
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
    private final int workers;
    private volatile Progress current;

    Backups(DataSource dataSource, BackupStore store, BackupKeys keys, AuditAnchors anchors, Retention retention,
            BackupRecords records, Clock clock, @Value("${townhall.backup.workers:2}") int workers) {
        this.dataSource = dataSource;
        this.store = store;
        this.keys = keys;
        this.anchors = anchors;
        this.retention = retention;
        this.records = records;
        this.clock = clock;
        this.workers = Math.max(1, workers);
    }

    /** Takes a backup now, reporting progress to {@code watcher} as it goes; audited either way. */
    public BackupSummary backup(Consumer<Progress> watcher) {
        Instant takenAt = clock.instant();
        long run = records.started("BACKUP", takenAt);
        String name = "backup-" + NAME.format(takenAt) + "-" + UUID.randomUUID().toString().substring(0, 6);
        try {
            Progress progress;
            try (Connection connection = dataSource.getConnection()) {
                progress = new Progress("backup", LogicalDump.estimateBytes(connection));
            }
            current = progress;
            Manifest manifest = write(name, takenAt, progress, watcher);
            long anchoring = System.nanoTime();
            anchors.anchor(manifest.auditHeads(), takenAt);
            progress.spent(Progress.Step.ANCHOR, System.nanoTime() - anchoring);
            watcher.accept(progress);
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
            discardAbandonedUploads();
            backup(progress -> { });
            records.pruned(retention.prune(list()));
        } catch (RuntimeException e) {
            // Recorded, audited and alerted by backup(); the next night tries again.
        } finally {
            records.unlock();
        }
    }

    /**
     * What backups killed half way left in the store (the local directory's hidden partial files)
     * is removed before the next night's backup, so one crash on a nearly full disk does not make
     * every later backup fail. Anything written in the last six hours is left: it could be a
     * backup another instance is still writing.
     */
    int discardAbandonedUploads() {
        try {
            int removed = store.discardAbandonedUploads(clock.instant().minus(java.time.Duration.ofHours(6)));
            if (removed > 0) {
                log.warn("Removed {} file(s) left in {} by backups that were cut off", removed, store.describe());
            }
            return removed;
        } catch (IOException e) {
            log.warn("Could not look for files left by cut-off backups in {}: {}", store.describe(), e.getMessage());
            return 0;
        }
    }

    /** The backup running now, if any, for the staff page. */
    public Optional<Progress> running() {
        return Optional.ofNullable(current);
    }

    /**
     * Backups with a manifest this installation signed, for a backup of that name, newest first. A
     * manifest dropped into the store (forged, damaged, another installation's) is logged and passed
     * over: it must not become the recovery point, silence the missed-backup alarm or be restored.
     */
    public List<BackupSummary> list() {
        List<BackupSummary> backups = new ArrayList<>();
        for (String name : manifestNames()) {
            String backupName = name.substring(PREFIX.length(), name.length() - MANIFEST.length() - 1);
            try {
                backups.add(summary(readVerifiedManifest(backupName)));
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                log.error("BACKUP MANIFEST {} PASSED OVER: {}", name, e.getMessage());
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

    private Manifest write(String name, Instant takenAt, Progress progress, Consumer<Progress> watcher) throws Exception {
        KeysetHandle contentKey = KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB);
        byte[] wrapped = keys.encrypter().encrypt(
                TinkProtoKeysetFormat.serializeKeyset(contentKey, InsecureSecretKeyAccess.get()), context(keys.installation(), name));
        StreamingAead aead = contentKey.getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
        Retention.Class kept = retention.classify(takenAt, list());
        Instant lockedUntil = takenAt.plus(kept.keptFor());
        Thread watcherThread = new Thread(() -> watch(progress, watcher), "backup-progress");
        watcherThread.setDaemon(true);
        watcherThread.start();
        LogicalDump.Snapshot snapshot;
        try {
            long warming = System.nanoTime();
            CryptoWarmUp.run();
            progress.spent(Progress.Step.WARM_UP, System.nanoTime() - warming);
            snapshot = LogicalDump.dump(dataSource, workers, progress, file -> new EncryptedFile(file,
                    store.create(PREFIX + name + "/" + file, lockedUntil), aead, associated(name, file), progress));
        } finally {
            watcherThread.interrupt();
        }
        watcher.accept(progress);
        Manifest manifest = new Manifest(Manifest.FORMAT, keys.installation(), name, takenAt, snapshot.schemaVersion(),
                Base64.getEncoder().encodeToString(wrapped), snapshot.files(), snapshot.sequences(), snapshot.auditHeads(),
                snapshot.ledgerSumPence(), kept.name(), lockedUntil);
        // Last, and only once every file is in place: from now on the backup is listed.
        long started = System.nanoTime();
        try (BackupStore.Upload upload = store.create(PREFIX + name + "/" + MANIFEST, lockedUntil)) {
            upload.stream().write(SignedFile.write(keys, JSON.writeValueAsBytes(manifest)));
            upload.publish();
        }
        progress.spent(Progress.Step.MANIFEST, System.nanoTime() - started);
        return manifest;
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

    /** A manifest signed by this installation's key, of this installation, naming this backup. */
    private Manifest readVerifiedManifest(String backupName) throws IOException, GeneralSecurityException {
        byte[] stored;
        try (InputStream in = store.open(PREFIX + backupName + "/" + MANIFEST)) {
            stored = in.readAllBytes();
        }
        SignedFile.verify(keys, stored);
        Manifest manifest = JSON.readValue(SignedFile.body(stored), Manifest.class);
        if (!keys.installation().equals(manifest.installation()) || !backupName.equals(manifest.name())) {
            throw new GeneralSecurityException("it names installation " + manifest.installation() + " and backup " + manifest.name());
        }
        return manifest;
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
