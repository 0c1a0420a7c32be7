package org.townhall.backup.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The production store: an S3-compatible bucket with versioning and object lock (ADR 0032). Every
 * object is written once, in COMPLIANCE mode, locked until the date Townhall gives it: from then
 * on nobody, not Townhall, not an attacker holding its role, not the account's root user, can
 * delete or overwrite that version or shorten its lock until the date passes. Townhall itself
 * deletes only the exact version it checked, and only once its lock is over.
 */
public class ObjectLockBucketStore implements BackupStore, AutoCloseable {

    /**
     * Each part is sent as one signed body with its checksum in a header, not in aws-chunked
     * encoding with a trailer, which several S3-compatible providers do not accept; the part is in
     * memory anyway, so nothing is gained by streaming it in signed chunks.
     */
    public static final S3Configuration SENT_WHOLE = S3Configuration.builder().chunkedEncodingEnabled(false).build();

    private final S3Client s3;
    private final BucketSettings settings;

    public ObjectLockBucketStore(S3Client s3, BucketSettings settings) {
        if (settings.bucket() == null || settings.bucket().isBlank()) {
            throw new IllegalArgumentException("townhall.backup.s3.bucket is not set");
        }
        this.s3 = s3;
        this.settings = settings;
    }

    /** A client with the SDK's default credentials (environment, profile, instance or task role), never a key in settings. */
    public static ObjectLockBucketStore connect(BucketSettings settings) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofMinutes(2)))
                .forcePathStyle(settings.pathStyle())
                .serviceConfiguration(SENT_WHOLE)
                // Townhall sends its own SHA-256 of each part; no second checksum the provider may not know.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return new ObjectLockBucketStore(builder.build(), settings);
    }

    @Override
    public Upload create(String name, Instant lockedUntil) {
        return new BucketUpload(s3, settings.bucket(), key(name), name, lockedUntil, (int) settings.partSize().toBytes());
    }

    @Override
    public InputStream open(String name) throws IOException {
        return reading(name, () -> s3.getObject(b -> b.bucket(settings.bucket()).key(key(name))));
    }

    /**
     * Published names only: an unfinished multipart upload is not an object, and listing shows each
     * name's current version, never a delete marker or an older version. Townhall never makes
     * either (it writes a name once and deletes by version), so their presence is someone else's act.
     */
    @Override
    public List<String> list(String prefix) throws IOException {
        try {
            List<String> names = new ArrayList<>();
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(settings.bucket()).prefix(key(prefix))).contents()) {
                names.add(object.key().substring(settings.prefix().length()));
            }
            names.sort(null);
            return names;
        } catch (SdkException e) {
            throw new IOException("Could not list " + prefix + " in bucket " + settings.bucket() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long size(String name) throws IOException {
        Long length = head(name).contentLength();
        if (length == null) {
            throw new IOException(name + " in bucket " + settings.bucket() + " was answered without its size");
        }
        return length;
    }

    /**
     * Deletes the version examined, not whatever the name points at by then, and never leaves a
     * delete marker. Refused while its lock (or a legal hold) lasts; the bucket refuses too, by its
     * own clock, whatever the application's clock says.
     */
    @Override
    public void delete(String name, Instant now) throws IOException {
        HeadObjectResponse head = head(name);
        Instant lockedUntil = head.objectLockRetainUntilDate();
        if (lockedUntil != null && now.isBefore(lockedUntil)) {
            throw new IllegalStateException(name + " is locked until " + lockedUntil);
        }
        if (head.objectLockLegalHoldStatus() == ObjectLockLegalHoldStatus.ON) {
            throw new IllegalStateException(name + " is under a legal hold");
        }
        try {
            s3.deleteObject(b -> b.bucket(settings.bucket()).key(key(name)).versionId(head.versionId()));
        } catch (S3Exception e) {
            if (e.statusCode() == 403) {
                throw new IllegalStateException(name + " was refused deletion by the bucket (" + code(e) + "): it is still locked");
            }
            throw refused(name, e);
        } catch (SdkException e) {
            throw new IOException(name + " could not be deleted from bucket " + settings.bucket() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "S3 bucket " + settings.bucket() + (settings.prefix().isEmpty() ? "" : " under " + settings.prefix())
                + " in " + settings.region() + (settings.endpoint() == null ? "" : " at " + settings.endpoint().getHost())
                + ", object lock COMPLIANCE";
    }

    /**
     * What is wrong with the bucket for backups the application cannot shorten, each naming the
     * setting: versioning (object lock protects versions) and object lock itself, which S3 turns
     * on only when a bucket is created (or by AWS support on an existing one).
     */
    public List<String> bucketProblems() {
        List<String> problems = new ArrayList<>();
        String bucket = settings.bucket();
        try {
            BucketVersioningStatus versioning = s3.getBucketVersioning(b -> b.bucket(bucket)).status();
            if (versioning != BucketVersioningStatus.ENABLED) {
                problems.add("bucket " + bucket + " does not have versioning enabled (it is "
                        + (versioning == null ? "never enabled" : versioning.toString()) + ")");
            }
        } catch (SdkException e) {
            problems.add("bucket " + bucket + "'s versioning could not be read (" + reason(e) + ")");
        }
        try {
            var lock = s3.getObjectLockConfiguration(b -> b.bucket(bucket)).objectLockConfiguration();
            if (lock == null || lock.objectLockEnabled() != ObjectLockEnabled.ENABLED) {
                problems.add("bucket " + bucket + " does not have object lock enabled");
            }
        } catch (S3Exception e) {
            problems.add(e.statusCode() == 404 && !"NoSuchBucket".equals(code(e))
                    ? "bucket " + bucket + " does not have object lock enabled"
                    : "bucket " + bucket + "'s object lock could not be read (" + reason(e) + ")");
        } catch (SdkException e) {
            problems.add("bucket " + bucket + "'s object lock could not be read (" + reason(e) + ")");
        }
        return problems;
    }

    @Override
    public void close() {
        s3.close();
    }

    private HeadObjectResponse head(String name) throws IOException {
        return reading(name, () -> s3.headObject(b -> b.bucket(settings.bucket()).key(key(name))));
    }

    /** A read of one object: missing is NoSuchFileException, as for a file; anything else an IOException. */
    private <T> T reading(String name, Supplier<T> request) throws IOException {
        try {
            return request.get();
        } catch (S3Exception e) {
            throw refused(name, e);
        } catch (SdkException e) {
            throw new IOException(name + " could not be read from bucket " + settings.bucket() + ": " + e.getMessage(), e);
        }
    }

    private String key(String name) {
        if (name.startsWith("/") || name.contains("..") || name.contains("\\")) {
            throw new IllegalArgumentException("Not a name in the backup store: " + name);
        }
        return settings.prefix() + name;
    }

    private IOException refused(String name, S3Exception e) {
        if (e.statusCode() == 404) {
            return new NoSuchFileException(name, null, "not in bucket " + settings.bucket());
        }
        return new IOException(name + " in bucket " + settings.bucket() + ": " + reason(e), e);
    }

    private static String reason(SdkException e) {
        return e instanceof S3Exception s3 ? s3.statusCode() + " " + code(s3) : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static String code(S3Exception e) {
        return e.awsErrorDetails() == null ? "no error code" : e.awsErrorDetails().errorCode();
    }
}
