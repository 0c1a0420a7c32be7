package org.townhall.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.signature.PredefinedSignatureParameters;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditAnchor;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.audit.ChainHead;
import org.townhall.audit.ChainVerification;
import org.townhall.backup.store.BackupStore;
import org.townhall.platform.ClientOrigin;
import org.townhall.platform.database.EmbeddedServer;
import org.townhall.support.AsRole;
import org.townhall.support.TownhallTest;

@TownhallTest
class AuditAnchorTest {

    @Autowired AuditTrail trail;
    @Autowired AuditAnchors anchors;
    @Autowired BackupStore store;
    @Autowired EmbeddedServer database;
    @Autowired JdbcTemplate jdbc;

    private final String request = "anchor-test-" + UUID.randomUUID();

    private long record(String detail) {
        trail.record(AuditEntry.of(AuditAction.SIGN_IN_FAILED, AuditOutcome.FAILURE, Actor.anonymous()).because(detail),
                new ClientOrigin("2001:db8::7", request, null));
        return jdbc.queryForObject("select max(id) from audit_event where request_id = ?", Long.class, request);
    }

    @Test
    void anUntouchedTrailVerifiesAgainstTheLatestAnchorAndNamesIt() {
        long start = record("before");
        record("anchored");
        AuditAnchor anchor = anchors.anchor();
        ChainVerification result = trail.verifyAfter(start);
        assertThat(result.intact()).as(result.problem()).isTrue();
        assertThat(result.anchor()).startsWith(anchor.name());
    }

    @Test
    void aChainCutBackBehindTheTriggersBackIsReportedNamingTheAnchor() {
        long start = record("before");
        long newest = record("the newest row, anchored");
        AuditAnchor anchor = anchors.anchor();
        assertThat(anchor.heads()).extracting(ChainHead::id).contains(newest);

        AsRole.tamperWithAuditRowThenPutItBack(database, newest, () -> {
            ChainVerification result = trail.verifyAfter(start);
            assertThat(result.intact()).isFalse();
            assertThat(result.firstBrokenId()).isEqualTo(newest);
            assertThat(result.problem()).contains("missing").contains(anchor.name());
        }, "delete from audit_event where id = ?", newest);
    }

    @Test
    void anAnchoredRowRewrittenWithItsChainRecomputedIsStillReported() {
        long start = record("before");
        long newest = record("anchored");
        AuditAnchor anchor = anchors.anchor();
        // The owner cannot recompute the HMAC without the key, but can swap in another row's hash.
        AsRole.tamperWithAuditRowThenPutItBack(database, newest, () -> {
            ChainVerification result = trail.verifyAfter(start);
            assertThat(result.firstBrokenId()).isEqualTo(newest);
            assertThat(result.anchor()).contains(anchor.name());
        }, "update audit_event set row_hash = (select row_hash from audit_event where id = ?) where id = ?", start, newest);
    }

    @Test
    void theNewestAnchorAtOrBeforeAMomentIsFoundInItsOwnWindowOfNamesOrAWiderOne() {
        // Far in the past, so no other test's anchors fall among them.
        Instant longAgo = Instant.parse("2020-01-01T00:00:00Z");
        Instant tenDaysOn = Instant.parse("2020-01-10T00:00:00Z");
        Instant fiveHoursOn = Instant.parse("2020-01-10T05:00:00Z");
        String first = anchors.anchor(trail.chainHeads(), longAgo).name();
        String second = anchors.anchor(trail.chainHeads(), tenDaysOn).name();
        String third = anchors.anchor(trail.chainHeads(), fiveHoursOn).name();

        assertThat(anchors.latestAtOrBefore(fiveHoursOn.plusSeconds(60))).get().extracting(AuditAnchor::name).isEqualTo(third);
        assertThat(anchors.latestAtOrBefore(fiveHoursOn.minusSeconds(3_600))).get().extracting(AuditAnchor::name).isEqualTo(second);
        assertThat(anchors.latestAtOrBefore(tenDaysOn.minusSeconds(1))).get().extracting(AuditAnchor::name).isEqualTo(first);
        assertThat(anchors.latestAtOrBefore(longAgo.minusSeconds(1))).isEmpty();
        assertThat(anchors.latest()).get().extracting(AuditAnchor::takenAt).matches(at -> at.isAfter(fiveHoursOn));
    }

    @Test
    void anAnchorSignedByAnotherKeyIsPassedOver() throws Exception {
        AuditAnchor genuine = anchors.anchor();
        KeysetHandle stranger = KeysetHandle.generateNew(PredefinedSignatureParameters.ED25519);
        String body = "{\"installation\":\"x\",\"name\":\"forged\",\"takenAt\":\"" + Instant.now().plusSeconds(3600)
                + "\",\"heads\":[]}";
        byte[] signature = stranger.getPrimitive(RegistryConfiguration.get(), PublicKeySign.class)
                .sign(body.getBytes(StandardCharsets.UTF_8));
        try (BackupStore.Upload upload = store.create(AuditAnchors.PREFIX + "999999999999999-forged.anchor", Instant.now())) {
            upload.stream().write(Base64.getEncoder().encode(signature));
            upload.stream().write('\n');
            upload.stream().write(body.getBytes(StandardCharsets.UTF_8));
            upload.publish();
        }
        assertThat(anchors.latest()).get().extracting(AuditAnchor::name).isEqualTo(genuine.name());
        store.delete(AuditAnchors.PREFIX + "999999999999999-forged.anchor", Instant.now().plusSeconds(1));
    }

    @Test
    void anAnchorOnceWrittenCannotBeOverwrittenOrDeletedBeforeItsLockExpires() throws Exception {
        AuditAnchor anchor = anchors.anchor();
        String name = AuditAnchors.PREFIX + anchor.name() + ".anchor";
        try (BackupStore.Upload again = store.create(name, Instant.now())) {
            again.stream().write(1);
            org.assertj.core.api.Assertions.assertThatThrownBy(again::publish)
                    .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.delete(name, Instant.now()))
                .hasMessageContaining("locked until");
        assertThat(store.list(AuditAnchors.PREFIX)).contains(name);
    }
}
