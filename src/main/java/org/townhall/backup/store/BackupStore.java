package org.townhall.backup.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

/**
 * Where backups and anchors live, away from the database: a local directory by default, an
 * S3-compatible bucket with object lock in production. An object is written once under a
 * temporary name and becomes visible only when {@link Upload#publish()} is called, so a backup
 * killed halfway leaves nothing listed; once published it cannot be overwritten, and it cannot be
 * deleted before its lock expires.
 */
public interface BackupStore {

    /** Starts writing {@code name}; nothing is visible under that name until it is published. */
    Upload create(String name, Instant lockedUntil) throws IOException;

    InputStream open(String name) throws IOException;

    /** Published names under a prefix (a folder, "backups/2026-12-01T.../"), sorted. */
    List<String> list(String prefix) throws IOException;

    long size(String name) throws IOException;

    /** Removes an object whose lock has expired; refuses one still locked. */
    void delete(String name, Instant now) throws IOException;

    /**
     * Removes what uploads cut off by a crash (kill -9, power loss) left behind, if they were last
     * written before {@code writtenBefore}, so a full disk does not stay full. An upload still being
     * written is newer than that. Returns how many were removed. A bucket does this itself (its
     * lifecycle rule aborts unfinished multipart uploads), so by default there is nothing to do.
     */
    default int discardAbandonedUploads(Instant writtenBefore) throws IOException {
        return 0;
    }

    /** A description for logs and the staff page (never a secret). */
    String describe();

    interface Upload extends AutoCloseable {
        OutputStream stream();

        /** Makes the object visible under its name, atomically, or fails if the name is taken. */
        void publish() throws IOException;

        /** Discards an unpublished upload (closing without publishing does the same). */
        @Override
        void close() throws IOException;
    }
}
