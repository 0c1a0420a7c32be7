package org.townhall.backup.store;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The object-lock bucket backups and anchors go to when {@code townhall.backup.store=s3}.
 * Credentials are not settings: they come from the AWS SDK's default chain (the environment,
 * the instance or task role), so no key is ever in a file Townhall reads or a line it logs.
 *
 * @param bucket    the bucket, created with versioning and object lock on (docs/backup-s3.md)
 * @param prefix    a folder inside the bucket ("townhall/"), or empty
 * @param region    the bucket's region; London (eu-west-2) unless told
 * @param endpoint  another S3-compatible provider's address, or empty for AWS
 * @param pathStyle bucket in the path rather than the host name, as most S3-compatible providers want
 * @param partSize  each part of a multipart upload, held in memory while it is sent
 */
@ConfigurationProperties("townhall.backup.s3")
public record BucketSettings(String bucket, String prefix, String region, URI endpoint, Boolean pathStyle, DataSize partSize) {

    /** S3 refuses a part below 5 MiB unless it is the last. */
    public static final DataSize SMALLEST_PART = DataSize.ofMegabytes(5);

    public BucketSettings {
        prefix = prefix == null || prefix.isBlank() ? "" : prefix.endsWith("/") ? prefix : prefix + "/";
        endpoint = endpoint == null || endpoint.toString().isBlank() ? null : endpoint;
        region = region == null || region.isBlank() ? "eu-west-2" : region;
        pathStyle = pathStyle != null && pathStyle;
        // 8 MiB parts and S3's 10,000 parts a upload allow one backup file of 78 GiB.
        partSize = partSize == null ? DataSize.ofMegabytes(8) : partSize;
        if (partSize.compareTo(SMALLEST_PART) < 0) {
            throw new IllegalArgumentException("townhall.backup.s3.part-size must be at least 5MB: S3 refuses smaller parts");
        }
    }
}
