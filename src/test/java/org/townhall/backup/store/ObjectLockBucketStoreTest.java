package org.townhall.backup.store;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The object-lock store against a bucket that behaves as S3 documents (FakeObjectLockBucket). */
class ObjectLockBucketStoreTest {

    private static final String PREFIX = "townhall/";
    private final Instant week = Instant.now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS);
    private FakeObjectLockBucket bucket;
    private ObjectLockBucketStore store;

    @BeforeEach
    void start() {
        bucket = new FakeObjectLockBucket();
        store = new ObjectLockBucketStore(bucket.client(), bucket.settings(PREFIX));
    }

    @AfterEach
    void stop() {
        store.close();
        bucket.stop();
    }

    private void publish(String name, byte[] bytes, Instant lockedUntil) throws Exception {
        try (BackupStore.Upload upload = store.create(name, lockedUntil)) {
            upload.stream().write(bytes);
            upload.publish();
        }
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    @Test
    void aSmallObjectIsWrittenOnceWithAComplianceLockItsChecksumAndIfNoneMatch() throws Exception {
        publish("anchors/1.anchor", "signed heads".getBytes(StandardCharsets.UTF_8), week);

        LoggedRequest put = bucket.server().findAll(putRequestedFor(urlPathEqualTo("/council-backups/townhall/anchors/1.anchor"))).get(0);
        assertThat(put.getHeader("x-amz-object-lock-mode")).isEqualTo("COMPLIANCE");
        assertThat(Instant.parse(put.getHeader("x-amz-object-lock-retain-until-date"))).isEqualTo(week);
        assertThat(put.getHeader("x-amz-checksum-sha256")).isEqualTo(S3Wire.sha256(put.getBody()));
        assertThat(put.getHeader("If-None-Match")).isEqualTo("*");
        try (InputStream in = store.open("anchors/1.anchor")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("signed heads");
        }
        assertThat(store.size("anchors/1.anchor")).isEqualTo(12);
    }

    @Test
    void aLargeObjectGoesUpInLockedChecksummedPartsAndIsVisibleOnlyWhenCompleted() throws Exception {
        byte[] data = bytes(12 * 1024 * 1024 + 17);
        try (BackupStore.Upload upload = store.create("backups/b1/tables/evidence.bin", week)) {
            for (int at = 0; at < data.length; at += 100_000) {
                upload.stream().write(data, at, Math.min(100_000, data.length - at));
            }
            upload.stream().close();
            assertThat(store.list("backups/")).as("nothing visible before publish").isEmpty();
            upload.publish();
        }

        List<LoggedRequest> requests = bucket.requests();
        LoggedRequest created = requests.stream().filter(r -> r.getUrl().endsWith("?uploads")).findFirst().orElseThrow();
        assertThat(created.getHeader("x-amz-object-lock-mode")).isEqualTo("COMPLIANCE");
        assertThat(Instant.parse(created.getHeader("x-amz-object-lock-retain-until-date"))).isEqualTo(week);
        assertThat(created.getHeader("x-amz-checksum-algorithm")).isEqualTo("SHA256");
        List<LoggedRequest> parts = requests.stream().filter(r -> r.getUrl().contains("partNumber=")).toList();
        assertThat(parts).hasSize(3).allSatisfy(part ->
                assertThat(part.getHeader("x-amz-checksum-sha256")).isEqualTo(S3Wire.sha256(part.getBody())));
        assertThat(parts).allSatisfy(part -> assertThat(part.getBody().length).isLessThanOrEqualTo(5 * 1024 * 1024));
        LoggedRequest completed = bucket.server().findAll(postRequestedFor(urlPathEqualTo(
                "/council-backups/townhall/backups/b1/tables/evidence.bin"))).stream().filter(r -> r.getUrl().contains("uploadId=")).findFirst().orElseThrow();
        assertThat(completed.getHeader("If-None-Match")).isEqualTo("*");
        assertThat(store.list("backups/")).containsExactly("backups/b1/tables/evidence.bin");
        try (InputStream in = store.open("backups/b1/tables/evidence.bin")) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void anUploadCutOffBeforePublishIsNeverListedAndIsAbortedWhenClosed() throws Exception {
        BackupStore.Upload upload = store.create("backups/b2/tables/audit_event.bin", week);
        upload.stream().write(bytes(6 * 1024 * 1024));
        assertThat(bucket.unfinishedUploads()).isEqualTo(1);
        assertThat(store.list("")).isEmpty();

        upload.close();
        assertThat(bucket.unfinishedUploads()).isZero();
        assertThat(store.list("")).isEmpty();
        assertThat(bucket.versions(PREFIX + "backups/b2/tables/audit_event.bin")).isEmpty();
        assertThatThrownBy(() -> upload.stream().write(1)).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void aTakenNameFailsToPublishAndLeavesTheFirstObjectAsItWas() throws Exception {
        publish("backups/b3/manifest.json", "first".getBytes(StandardCharsets.UTF_8), week);

        assertThatThrownBy(() -> publish("backups/b3/manifest.json", "second".getBytes(StandardCharsets.UTF_8), week))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> publish("backups/b3/manifest.json", bytes(6 * 1024 * 1024), week))
                .isInstanceOf(FileAlreadyExistsException.class);

        assertThat(bucket.unfinishedUploads()).as("the refused multipart upload is aborted").isZero();
        assertThat(bucket.versions(PREFIX + "backups/b3/manifest.json")).hasSize(1);
        try (InputStream in = store.open("backups/b3/manifest.json")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("first");
        }
    }

    @Test
    void anObjectStillLockedIsNotDeletedAndNoDeleteIsSent() throws Exception {
        publish("backups/b4/manifest.json", bytes(10), week);

        assertThatThrownBy(() -> store.delete("backups/b4/manifest.json", Instant.now()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("locked until " + week);
        assertThat(bucket.server().findAll(deleteRequestedFor(urlPathEqualTo("/council-backups/townhall/backups/b4/manifest.json")))).isEmpty();
        assertThat(store.list("backups/")).containsExactly("backups/b4/manifest.json");
    }

    @Test
    void theBucketRefusesADeleteWhileItsOwnClockSaysLockedWhateverTheApplicationsClockSays() throws Exception {
        publish("backups/b5/manifest.json", bytes(10), week);

        assertThatThrownBy(() -> store.delete("backups/b5/manifest.json", week.plus(Duration.ofDays(1))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("refused");
        assertThat(bucket.versions(PREFIX + "backups/b5/manifest.json")).hasSize(1).noneMatch(FakeObjectLockBucket.Version::deleteMarker);
    }

    @Test
    void anObjectPastItsLockIsDeletedByItsVersionLeavingNoDeleteMarker() throws Exception {
        publish("backups/b6/manifest.json", bytes(10), week);
        String version = bucket.versions(PREFIX + "backups/b6/manifest.json").get(0).id();
        bucket.now = week.plusSeconds(1);

        store.delete("backups/b6/manifest.json", week.plusSeconds(1));

        LoggedRequest delete = bucket.server().findAll(deleteRequestedFor(urlPathEqualTo("/council-backups/townhall/backups/b6/manifest.json"))).get(0);
        assertThat(delete.queryParameter("versionId").firstValue()).isEqualTo(version);
        assertThat(bucket.versions(PREFIX + "backups/b6/manifest.json")).isEmpty();
        assertThat(store.list("backups/")).isEmpty();
    }

    @Test
    void listingShowsPublishedNamesUnderThePrefixAcrossPagesButNotHiddenOrUnfinishedOnes() throws Exception {
        for (String name : List.of("backups/a/1", "backups/a/2", "backups/b/1", "backups/b/2", "backups/c/1", "anchors/1")) {
            publish(name, bytes(3), week);
        }
        BackupStore.Upload unfinished = store.create("backups/d/1", week);
        unfinished.stream().write(bytes(6 * 1024 * 1024));
        try (var client = bucket.client()) {
            client.deleteObject(b -> b.bucket(FakeObjectLockBucket.BUCKET).key(PREFIX + "backups/c/1"));
        }

        assertThat(store.list("backups/")).containsExactly("backups/a/1", "backups/a/2", "backups/b/1", "backups/b/2");
        assertThat(store.list("backups/a/")).containsExactly("backups/a/1", "backups/a/2");
        assertThatThrownBy(() -> store.open("backups/c/1")).isInstanceOf(java.nio.file.NoSuchFileException.class);
        unfinished.close();
    }

    @Test
    void townhallsOwnRoleCannotShortenAComplianceLock() throws Exception {
        publish("backups/b7/manifest.json", bytes(10), week);
        String key = PREFIX + "backups/b7/manifest.json";
        try (var client = bucket.client()) {
            assertThatThrownBy(() -> client.putObjectRetention(b -> b.bucket(FakeObjectLockBucket.BUCKET).key(key)
                    .retention(r -> r.mode(ObjectLockRetentionMode.COMPLIANCE).retainUntilDate(Instant.now().plusSeconds(60)))))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
            assertThatThrownBy(() -> client.putObjectRetention(b -> b.bucket(FakeObjectLockBucket.BUCKET).key(key)
                    .retention(r -> r.mode(ObjectLockRetentionMode.GOVERNANCE).retainUntilDate(week))))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
        assertThat(bucket.versions(key).get(0).retainUntil()).isEqualTo(week);
        assertThat(bucket.versions(key).get(0).mode()).isEqualTo("COMPLIANCE");
    }

    @Test
    void namesThatClimbOutOfThePrefixAreRefused() {
        assertThatThrownBy(() -> store.create("../other-council/x", week)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.open("/townhall/x")).isInstanceOf(IllegalArgumentException.class);
    }
}
