package org.townhall.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.townhall.audit.AuditAnchor;
import org.townhall.audit.AuditTrail;
import org.townhall.audit.ChainHead;
import org.townhall.audit.ChainVerification;
import org.townhall.backup.store.LocalDirectoryStore;
import org.townhall.platform.SecretKeys;

/**
 * The database owner cuts a chain back. Verification compares the trail with the latest anchor
 * only, so if the five-minute anchor were taken afresh over the cut trail, the cut would be
 * forgotten. The latest anchor must stay the reference until the cut is dealt with.
 */
class AnchorNotRetakenOverCutTest {

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void noAnchorIsTakenWhileTheLatestOneNamesARowThatIsGone() {
        SecretKeys secrets = mock(SecretKeys.class);
        when(secrets.textKey(eq("installation-id"), anyString(), anyString(), any())).thenReturn("installation-a");
        when(secrets.textKey(eq("backup-signing"), anyString(), anyString(), any()))
                .thenAnswer(call -> ((Supplier<String>) call.getArgument(3)).get());
        when(secrets.textKey(eq("backup-public"), anyString(), anyString(), any()))
                .thenAnswer(call -> ((Supplier<String>) call.getArgument(3)).get());
        BackupKeys keys = new BackupKeys(secrets, "", "", "", dir.resolve("keys"));
        AuditTrail trail = mock(AuditTrail.class);
        Instant now = Instant.parse("2026-12-01T20:04:20Z");
        AuditAnchors anchors = new AuditAnchors(trail, new LocalDirectoryStore(dir.resolve("store")), keys,
                Clock.fixed(now, ZoneOffset.UTC), Duration.ofDays(400));

        List<ChainHead> before = List.of(new ChainHead(0, 95, "aa".repeat(32)), new ChainHead(1, 104, "bb".repeat(32)));
        when(trail.chainHeads()).thenReturn(before);
        AuditAnchor first = anchors.anchor();

        // Rows 100 onwards deleted by the owner: chain 1's anchored head, row 104, is gone.
        when(trail.chainHeads()).thenReturn(List.of(new ChainHead(0, 95, "aa".repeat(32)), new ChainHead(1, 84, "cc".repeat(32))));
        when(trail.checkAnchor(any())).thenReturn(new ChainVerification(0, 104L,
                "row 104, the newest of chain 1 when anchor " + first.name() + " was signed, is missing: the chain was cut back", 0));

        assertThatThrownBy(anchors::anchor).hasMessageContaining("cut back");
        assertThat(anchors.latest()).get().extracting(AuditAnchor::name).isEqualTo(first.name());
        assertThat(anchors.latest().get().heads()).isEqualTo(before);
    }
}
