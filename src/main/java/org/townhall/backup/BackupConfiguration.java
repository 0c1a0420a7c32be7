package org.townhall.backup;

import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.townhall.backup.store.BackupStore;
import org.townhall.backup.store.BucketSettings;
import org.townhall.backup.store.LocalDirectoryStore;
import org.townhall.backup.store.ObjectLockBucketStore;
import org.townhall.platform.StartRefused;

/**
 * Which backup store: a local directory (the default, ./data/backups) or, with
 * {@code townhall.backup.store=s3}, an S3-compatible bucket with object lock (ADR 0032).
 */
@Configuration(proxyBeanMethods = false)
class BackupConfiguration {

    private static final Logger log = LoggerFactory.getLogger(BackupConfiguration.class);

    @Bean
    BackupStore backupStore(@Value("${townhall.backup.store:local}") String kind,
                            @Value("${townhall.backup.directory:./data/backups}") Path directory,
                            BucketSettings bucket, Environment environment) {
        return switch (kind) {
            case "local" -> new LocalDirectoryStore(directory);
            case "s3" -> objectLockBucket(bucket, environment.matchesProfiles("production"));
            default -> throw new StartRefused("townhall.backup.store is '" + kind + "', which is not a backup store.",
                    "Set TOWNHALL_BACKUP_STORE to local (a directory) or s3 (a bucket with object lock).");
        };
    }

    /**
     * Production refuses a bucket whose objects the application could still delete or overwrite:
     * without versioning and object lock the retain-until date Townhall sets is not enforced, and a
     * ransomware operator holding Townhall's role could empty the bucket. Elsewhere it is a warning.
     */
    static ObjectLockBucketStore objectLockBucket(BucketSettings settings, boolean production) {
        if (settings.bucket() == null || settings.bucket().isBlank()) {
            throw new StartRefused("Townhall's backup store is s3 but no bucket is named.",
                    "Set TOWNHALL_BACKUP_S3_BUCKET to a bucket made as docs/backup-s3.md says.");
        }
        ObjectLockBucketStore store = ObjectLockBucketStore.connect(settings);
        List<String> problems = store.bucketProblems();
        if (!problems.isEmpty() && production) {
            store.close();
            throw new StartRefused("Townhall will not start in production: the backup " + String.join("; the backup ", problems) + ".",
                    "Use a bucket created with versioning and object lock on (docs/backup-s3.md), and give Townhall's role "
                            + "s3:GetBucketVersioning and s3:GetBucketObjectLockConfiguration on it.");
        }
        problems.forEach(problem -> log.warn("BACKUPS ARE NOT PROTECTED: the backup {}", problem));
        return store;
    }
}
