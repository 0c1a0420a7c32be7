package org.townhall.backup;

import com.google.crypto.tink.StreamingAead;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.townhall.backup.Progress.Step;
import org.townhall.backup.store.BackupStore;

/**
 * One file of a backup on its way into the store, in one pass: a table's bytes go straight into
 * Tink's streaming AEAD, and each encrypted segment, as it comes out, is added to the file's
 * SHA-256 and written while it is still in the processor's cache. Nothing buffers in front of the
 * encryption (Tink gathers its own 1 MB segment) and nothing behind it (a segment is one write to
 * the store). The file is fsynced once, when it is published, which a backup does only once every
 * table is written (see LogicalDump). Used by one thread at a time.
 */
final class EncryptedFile implements AutoCloseable {

    private final String name;
    private final BackupStore.Upload upload;
    private final Progress progress;
    private final Stored stored;
    private final Plaintext plaintext;

    EncryptedFile(String name, BackupStore.Upload upload, StreamingAead aead, byte[] associatedData, Progress progress)
            throws IOException {
        this.name = name;
        this.upload = upload;
        this.progress = progress;
        this.stored = new Stored(upload.stream());
        // Starting to encrypt already writes the stream's header to the store: a store that fails
        // there (a full disk, a bucket that refuses the first part) must leave no upload open.
        try {
            long started = System.nanoTime();
            this.plaintext = new Plaintext(aead.newEncryptingStream(stored, associatedData), progress);
            // The header's hash and write are timed on the stored side, so its start is timed here too:
            // otherwise a small file's encryption time comes out at or below nothing.
            plaintext.nanos = System.nanoTime() - started;
        } catch (GeneralSecurityException e) {
            upload.close();
            throw new IOException("could not start encrypting " + name, e);
        } catch (IOException | RuntimeException e) {
            upload.close();
            throw e;
        }
    }

    /** Where the table's bytes go; counted for the progress line. */
    OutputStream plaintext() {
        return plaintext;
    }

    /** Time spent inside {@link #plaintext()} so far: encrypting, hashing and writing, for the caller to tell from its own. */
    long nanosInside() {
        return plaintext.nanos;
    }

    /** Ends the encryption: the last segment is sealed and written; nothing is fsynced or visible yet. */
    void seal() throws IOException {
        if (plaintext.closed) {
            return;
        }
        plaintext.close();
        progress.spent(Step.ENCRYPT, plaintext.nanos - stored.hashNanos - stored.writeNanos);
        progress.spent(Step.HASH, stored.hashNanos);
        progress.spent(Step.WRITE, stored.writeNanos);
    }

    /** Seals the file if need be, publishes it (fsynced, then visible) and describes it for the manifest. */
    Manifest.File publish(String table, long rows) throws IOException {
        seal();
        long started = System.nanoTime();
        upload.publish();
        progress.spent(Step.PUBLISH, System.nanoTime() - started);
        return new Manifest.File(name, table, rows, stored.count, HexFormat.of().formatHex(stored.sha.digest()));
    }

    /** Discards the file unless it was published. */
    @Override
    public void close() throws IOException {
        upload.close();
    }

    /** The plaintext side: counts bytes for the progress line and times what lies behind it. */
    private static final class Plaintext extends OutputStream {
        private final OutputStream encrypting;
        private final Progress progress;
        private long nanos;
        private boolean closed;

        Plaintext(OutputStream encrypting, Progress progress) {
            this.encrypting = encrypting;
            this.progress = progress;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            long started = System.nanoTime();
            encrypting.write(b, off, len);
            nanos += System.nanoTime() - started;
            progress.add(len);
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            long started = System.nanoTime();
            encrypting.close();
            nanos += System.nanoTime() - started;
        }
    }

    /** The stored side: each encrypted segment hashed, counted and written, timed apart. */
    private static final class Stored extends OutputStream {
        private final OutputStream out;
        private final MessageDigest sha = LogicalDump.sha256();
        private long count;
        private long hashNanos;
        private long writeNanos;

        Stored(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            long started = System.nanoTime();
            sha.update(b, off, len);
            long hashed = System.nanoTime();
            out.write(b, off, len);
            writeNanos += System.nanoTime() - hashed;
            hashNanos += hashed - started;
            count += len;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
