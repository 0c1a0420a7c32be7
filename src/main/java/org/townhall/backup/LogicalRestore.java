package org.townhall.backup;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.postgresql.PGConnection;
import org.townhall.backup.store.BackupStore;

/**
 * Checks a backup before anything is restored from it, then restores it: the manifest must be
 * this installation's, signed by its key, about this backup, every file the size it says, and the
 * backup's key must open with the offline key. While restoring, every file's SHA-256 is checked
 * against the manifest and every byte is authenticated by the streaming AEAD; anything wrong rolls
 * the whole restore back and says which file.
 */
final class LogicalRestore {

    record Verified(Manifest manifest, StreamingAead aead) {
    }

    private LogicalRestore() {
    }

    static Verified verify(BackupStore store, BackupKeys keys, HybridDecrypt offline, String backupName) throws BackupRefused {
        byte[] stored;
        try (InputStream in = store.open(Backups.PREFIX + backupName + "/" + Backups.MANIFEST)) {
            stored = in.readAllBytes();
        } catch (IOException e) {
            throw new BackupRefused("backup " + backupName + " has no manifest: it never finished, or its manifest was removed");
        }
        Manifest manifest;
        try {
            manifest = Backups.JSON.readValue(SignedFile.body(stored), Manifest.class);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new BackupRefused("the manifest of " + backupName + " cannot be read: it is damaged");
        }
        if (!keys.installation().equals(manifest.installation())) {
            throw new BackupRefused("backup " + backupName + " comes from another installation (" + manifest.installation()
                    + "); this installation is " + keys.installation());
        }
        try {
            SignedFile.verify(keys, stored);
        } catch (GeneralSecurityException e) {
            throw new BackupRefused("the manifest of " + backupName + " is not signed by this installation's key:"
                    + " it was altered or signed by another key");
        }
        if (!backupName.equals(manifest.name())) {
            throw new BackupRefused("the manifest in " + backupName + " belongs to backup " + manifest.name()
                    + ": manifests were swapped");
        }
        if (manifest.format() != Manifest.FORMAT) {
            throw new BackupRefused("backup " + backupName + " is in format " + manifest.format() + ", not " + Manifest.FORMAT);
        }
        for (Manifest.File file : manifest.files()) {
            long size;
            try {
                size = store.size(Backups.PREFIX + backupName + "/" + file.name());
            } catch (IOException e) {
                throw new BackupRefused("file " + file.name() + " of " + backupName + " is missing");
            }
            if (size != file.bytes()) {
                throw new BackupRefused("file " + file.name() + " of " + backupName + " is " + size
                        + " bytes; the manifest says " + file.bytes());
            }
        }
        try {
            byte[] key = offline.decrypt(Base64.getDecoder().decode(manifest.wrappedKey()),
                    Backups.context(manifest.installation(), manifest.name()));
            StreamingAead aead = TinkProtoKeysetFormat.parseKeyset(key, InsecureSecretKeyAccess.get())
                    .getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
            return new Verified(manifest, aead);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new BackupRefused("the key of " + backupName + " does not open with this offline decryption key");
        }
    }

    /**
     * Restores into a database already migrated to the manifest's schema version, through a
     * superuser connection: triggers are off for this transaction only (the rows are the trail
     * and ledger as they were, not new acts), and nothing is kept unless everything checks out.
     */
    static long restore(Verified verified, BackupStore store, Connection superuser, Progress progress)
            throws BackupRefused, SQLException {
        Manifest manifest = verified.manifest();
        // Decryption at compiled speed from the first segment (see CryptoWarmUp).
        CryptoWarmUp.run();
        superuser.setAutoCommit(false);
        try (Statement s = superuser.createStatement()) {
            s.execute("set local session_replication_role = replica");
            Set<String> expected = new HashSet<>();
            manifest.files().forEach(f -> expected.add(f.table()));
            List<String> present = LogicalDump.tables(s);
            if (!expected.equals(new HashSet<>(present))) {
                throw new BackupRefused("the tables of schema version " + manifest.schemaVersion()
                        + " do not match the backup's: " + present + " against " + expected);
            }
            for (String table : present) {
                s.execute("truncate \"" + table + "\" cascade");
            }
            long bytes = 0;
            for (Manifest.File file : manifest.files()) {
                progress.step(file.table());
                copyIn(verified, store, superuser, file, progress);
                bytes += file.bytes();
            }
            for (Manifest.Sequence sequence : manifest.sequences()) {
                s.execute("select setval('\"" + sequence.name().replace("'", "") + "\"', " + sequence.lastValue() + ", "
                        + sequence.called() + ")");
            }
            superuser.commit();
            return bytes;
        } catch (BackupRefused | SQLException | RuntimeException e) {
            superuser.rollback();
            throw e;
        } finally {
            superuser.setAutoCommit(true);
        }
    }

    private static void copyIn(Verified verified, BackupStore store, Connection superuser, Manifest.File file, Progress progress)
            throws BackupRefused, SQLException {
        String name = verified.manifest().name();
        MessageDigest sha = LogicalDump.sha256();
        try (DigestInputStream stored = new DigestInputStream(store.open(Backups.PREFIX + name + "/" + file.name()), sha)) {
            // The decrypting stream must not close the stored one: it is read to its end afterwards.
            InputStream unclosed = new java.io.FilterInputStream(stored) {
                @Override
                public void close() {
                }
            };
            try (InputStream plain = verified.aead().newDecryptingStream(unclosed, Backups.associated(name, file.name()))) {
                superuser.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("copy \"" + file.table() + "\" from stdin (format binary)", plain);
            } catch (IOException | GeneralSecurityException | SQLException e) {
                drain(stored);
                throw refusal(file, sha, e);
            }
            drain(stored);
            progress.add(file.bytes());
        } catch (IOException e) {
            throw new BackupRefused("file " + file.name() + " could not be read from the backup store: " + e.getMessage());
        }
        if (!HexFormat.of().formatHex(sha.digest()).equals(file.sha256())) {
            throw new BackupRefused("file " + file.name() + " does not match the SHA-256 in the manifest: it was altered");
        }
    }

    private static BackupRefused refusal(Manifest.File file, MessageDigest sha, Exception e) {
        if (!HexFormat.of().formatHex(sha.digest()).equals(file.sha256())) {
            return new BackupRefused("file " + file.name() + " does not match the SHA-256 in the manifest: it was altered", e);
        }
        return new BackupRefused("file " + file.name() + " does not decrypt or load: " + e.getMessage(), e);
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        while (in.read(buffer) >= 0) {
            // read to the end, so the digest covers the whole stored file
        }
    }
}
