package org.townhall.backup.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * One object on its way into the bucket. Bytes are held in memory up to one part (8 MiB by
 * default) and never more: a backup file of any size is sent as a multipart upload, started when
 * the first part is full, and becomes visible only when it is completed. An object that never
 * fills a part (a manifest, an anchor) is sent whole at publish, which is as atomic. Either way the
 * write carries If-None-Match: * so a taken name is refused by the bucket itself, object lock
 * COMPLIANCE with the object's retain-until date, and the SHA-256 of every part, which S3 requires
 * of any write to an object-lock bucket and checks before it keeps a byte.
 */
final class BucketUpload implements BackupStore.Upload {

    private static final Logger log = LoggerFactory.getLogger(BucketUpload.class);
    /** S3 numbers parts 1 to 10,000. */
    private static final int MOST_PARTS = 10_000;
    private static final int FIRST_BUFFER = 64 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String name;
    private final Instant lockedUntil;
    private final int partSize;
    private final List<CompletedPart> parts = new ArrayList<>();
    private final OutputStream stream = new PartStream();
    private byte[] buffer = new byte[FIRST_BUFFER];
    private int filled;
    private String uploadId;
    private boolean streamClosed;
    private boolean finished;

    BucketUpload(S3Client s3, String bucket, String key, String name, Instant lockedUntil, int partSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.name = name;
        this.lockedUntil = lockedUntil;
        this.partSize = partSize;
    }

    @Override
    public OutputStream stream() {
        return stream;
    }

    @Override
    public void publish() throws IOException {
        if (finished) {
            throw new IOException(name + " was already published or discarded");
        }
        streamClosed = true;
        try {
            if (uploadId == null) {
                putWhole();
            } else {
                if (filled > 0) {
                    sendPart();
                }
                s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).ifNoneMatch("*")
                        .multipartUpload(m -> m.parts(parts)));
            }
        } catch (S3Exception e) {
            if (e.statusCode() == 412) {
                throw new FileAlreadyExistsException(name, null, "the bucket already holds an object under this name");
            }
            throw failed("could not be published", e);
        } catch (SdkException e) {
            throw failed("could not be published", e);
        }
        finished = true;
        buffer = null;
    }

    /** Discards what was sent unless it was published: S3 keeps the parts of an unfinished upload until aborted. */
    @Override
    public void close() {
        streamClosed = true;
        buffer = null;
        if (finished) {
            return;
        }
        finished = true;
        if (uploadId != null) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            } catch (SdkException e) {
                // Nothing was published, so nothing is listed; the bucket's lifecycle rule removes the parts.
                log.warn("Unfinished upload of {} could not be aborted ({}); the bucket's lifecycle rule will remove it",
                        name, e.getMessage());
            }
        }
    }

    private void putWhole() {
        String checksum = sha256(buffer, filled);
        s3.putObject(b -> b.bucket(bucket).key(key).ifNoneMatch("*").contentLength((long) filled)
                        .objectLockMode(ObjectLockMode.COMPLIANCE).objectLockRetainUntilDate(lockedUntil)
                        .checksumAlgorithm(ChecksumAlgorithm.SHA256).checksumSHA256(checksum),
                body());
    }

    private void sendPart() throws IOException {
        if (uploadId == null) {
            uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)
                    .objectLockMode(ObjectLockMode.COMPLIANCE).objectLockRetainUntilDate(lockedUntil)
                    .checksumAlgorithm(ChecksumAlgorithm.SHA256)).uploadId();
        }
        int number = parts.size() + 1;
        if (number > MOST_PARTS) {
            throw new IOException(name + " is larger than 10,000 parts of " + partSize
                    + " bytes: raise townhall.backup.s3.part-size");
        }
        String checksum = sha256(buffer, filled);
        String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                .contentLength((long) filled).checksumAlgorithm(ChecksumAlgorithm.SHA256).checksumSHA256(checksum), body()).eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(etag).checksumSHA256(checksum).build());
        filled = 0;
    }

    /** The buffer as it is now, read in place (no copy of up to a part), re-readable for a retry. */
    private RequestBody body() {
        byte[] bytes = buffer;
        int length = filled;
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length, "application/octet-stream");
    }

    private IOException failed(String what, SdkException e) {
        return new IOException(name + " " + what + " in bucket " + bucket + ": " + e.getMessage(), e);
    }

    private static String sha256(byte[] bytes, int length) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(bytes, 0, length);
            return Base64.getEncoder().encodeToString(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private final class PartStream extends OutputStream {

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (streamClosed) {
                throw new IOException(name + " is closed for writing");
            }
            while (length > 0) {
                if (filled == buffer.length && buffer.length < partSize) {
                    buffer = Arrays.copyOf(buffer, Math.min(partSize, buffer.length * 2));
                }
                int taken = Math.min(length, buffer.length - filled);
                System.arraycopy(bytes, offset, buffer, filled, taken);
                filled += taken;
                offset += taken;
                length -= taken;
                if (filled == partSize) {
                    try {
                        sendPart();
                    } catch (SdkException e) {
                        throw failed("could not be sent", e);
                    }
                }
            }
        }

        /** Closing the stream ends the writing; the object is still unpublished until publish(). */
        @Override
        public void close() {
            streamClosed = true;
        }
    }
}
