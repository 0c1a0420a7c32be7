package org.townhall.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.townhall.backup.store.BackupStore;
import org.townhall.backup.store.FakeObjectLockBucket;
import org.townhall.backup.store.ObjectLockBucketStore;
import org.townhall.platform.StartRefused;

/**
 * Production starts only with a bucket that enforces the locks Townhall sets, and the store takes
 * its credentials from the SDK's default chain without ever writing them down.
 */
@ExtendWith(OutputCaptureExtension.class)
class BucketStartupTest {

    private static final String ACCESS_KEY = "AKIATOWNHALLBACKUPS1";
    private static final String SECRET_KEY = "s3cr3t-never-in-a-log/wJalrXUtnFEMIK7MDENG";
    private FakeObjectLockBucket bucket;

    @BeforeEach
    void start() {
        bucket = new FakeObjectLockBucket();
        // The first link of the SDK's default chain; the environment and instance roles come after it.
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
    }

    @AfterEach
    void stop() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        bucket.stop();
    }

    @Test
    void productionRefusesABucketWithoutVersioningSayingSo() {
        bucket.versioning = false;
        assertThatThrownBy(() -> BackupConfiguration.objectLockBucket(bucket.settings(""), true))
                .isInstanceOf(StartRefused.class)
                .hasMessageContaining("will not start in production")
                .hasMessageContaining("council-backups does not have versioning enabled")
                .hasMessageNotContaining("object lock");
    }

    @Test
    void productionRefusesABucketWithoutObjectLockSayingSo() {
        bucket.objectLock = false;
        assertThatThrownBy(() -> BackupConfiguration.objectLockBucket(bucket.settings(""), true))
                .isInstanceOf(StartRefused.class)
                .hasMessageContaining("council-backups does not have object lock enabled")
                .hasMessageNotContaining("versioning")
                .satisfies(e -> assertThat(((StartRefused) e).action()).contains("docs/backup-s3.md"));
    }

    @Test
    void productionRefusesABucketThatDoesNotExist() {
        var elsewhere = new org.townhall.backup.store.BucketSettings("no-such-bucket", "", "eu-west-2", bucket.endpoint(), true, null);
        assertThatThrownBy(() -> BackupConfiguration.objectLockBucket(elsewhere, true))
                .isInstanceOf(StartRefused.class).hasMessageContaining("no-such-bucket").hasMessageContaining("NoSuchBucket");
    }

    @Test
    void anS3StoreWithoutABucketNameIsRefusedEverywhere() {
        var unnamed = new org.townhall.backup.store.BucketSettings("", "", null, null, null, null);
        assertThatThrownBy(() -> BackupConfiguration.objectLockBucket(unnamed, false))
                .isInstanceOf(StartRefused.class).hasMessageContaining("no bucket is named");
    }

    @Test
    void outsideProductionAnUnprotectedBucketIsALoudWarningNotARefusal(CapturedOutput output) {
        bucket.objectLock = false;
        try (ObjectLockBucketStore store = BackupConfiguration.objectLockBucket(bucket.settings(""), false)) {
            assertThat(store).isNotNull();
        }
        assertThat(output.getAll()).contains("BACKUPS ARE NOT PROTECTED").contains("object lock");
    }

    @Test
    void aProtectedBucketStartsWithCredentialsFromTheDefaultChainAndNeverWritesTheSecret(CapturedOutput output) throws Exception {
        try (ObjectLockBucketStore store = BackupConfiguration.objectLockBucket(bucket.settings("townhall/"), true)) {
            Instant week = Instant.now().plus(7, ChronoUnit.DAYS);
            try (BackupStore.Upload upload = store.create("anchors/1.anchor", week)) {
                upload.stream().write("heads".getBytes(StandardCharsets.UTF_8));
                upload.publish();
            }
            // A refusal and a failure are logged or thrown with what went wrong, never with the key.
            try (BackupStore.Upload again = store.create("anchors/1.anchor", week)) {
                again.stream().write(1);
                assertThatThrownBy(again::publish).hasMessageNotContaining(SECRET_KEY);
            }
            try (InputStream in = store.open("anchors/1.anchor")) {
                assertThat(in.readAllBytes()).hasSize(5);
            }
            bucket.stop();
            assertThatThrownBy(() -> store.list("anchors/")).hasMessageNotContaining(SECRET_KEY);
            assertThat(store.describe()).isEqualTo("S3 bucket council-backups under townhall/ in eu-west-2 at 127.0.0.1, "
                    + "object lock COMPLIANCE").doesNotContain(ACCESS_KEY);
        }
        assertThat(bucket.requests()).isNotEmpty().allSatisfy(request ->
                assertThat(request.getHeader("Authorization")).as("signed with the default chain's key")
                        .contains("Credential=" + ACCESS_KEY + "/").doesNotContain(SECRET_KEY));
        assertThat(output.getAll()).doesNotContain(SECRET_KEY).doesNotContain(ACCESS_KEY);
    }

    @Test
    void storeS3SelectsTheBucketAndAnUnknownStoreIsRefused() throws Exception {
        BackupConfiguration configuration = new BackupConfiguration();
        var environment = new org.springframework.mock.env.MockEnvironment();
        try (var store = (AutoCloseable) configuration.backupStore("s3", java.nio.file.Path.of("unused"), bucket.settings(""), environment)) {
            assertThat(store).isInstanceOf(ObjectLockBucketStore.class);
        }
        assertThatThrownBy(() -> configuration.backupStore("ftp", java.nio.file.Path.of("unused"), bucket.settings(""), environment))
                .isInstanceOf(StartRefused.class).hasMessageContaining("'ftp'");
    }

    @Test
    void theSettingsAsApplicationYmlGivesThemMeanNoEndpointTheLondonRegionAndEightMegabyteParts() {
        var settings = new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(java.util.Map.of(
                        "townhall.backup.s3.bucket", "council-backups", "townhall.backup.s3.prefix", "townhall",
                        "townhall.backup.s3.endpoint", "", "townhall.backup.s3.path-style", "false")))
                .bind("townhall.backup.s3", org.townhall.backup.store.BucketSettings.class).get();
        assertThat(settings.endpoint()).isNull();
        assertThat(settings.prefix()).isEqualTo("townhall/");
        assertThat(settings.region()).isEqualTo("eu-west-2");
        assertThat(settings.partSize().toMegabytes()).isEqualTo(8);
        assertThatThrownBy(() -> new org.townhall.backup.store.BucketSettings("b", "", null, null, false,
                org.springframework.util.unit.DataSize.ofMegabytes(4))).hasMessageContaining("at least 5MB");
    }
}
