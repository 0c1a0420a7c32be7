package org.townhall.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.townhall.audit.AnchorSource;
import org.townhall.audit.AuditAnchor;
import org.townhall.audit.AuditTrail;
import org.townhall.audit.ChainVerification;
import org.townhall.audit.ChainHead;
import org.townhall.backup.store.BackupStore;
import tools.jackson.databind.json.JsonMapper;

/**
 * Anchors the audit chains outside the database: every five minutes (and with every backup) the
 * newest row of each chain is signed and written, once, to the backup store. The database owner
 * can cut a chain back and leave what is left verifying; it cannot unwrite the anchor, so
 * {@link AuditTrail#verify()} reports the cut naming the anchor it contradicts (ADR 0022).
 */
@Service
public class AuditAnchors implements AnchorSource {

    private static final Logger log = LoggerFactory.getLogger(AuditAnchors.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String PREFIX = "anchors/";

    private final AuditTrail trail;
    private final BackupStore store;
    private final BackupKeys keys;
    private final Clock clock;
    private final Duration keptFor;

    AuditAnchors(AuditTrail trail, BackupStore store, BackupKeys keys, Clock clock,
                 @Value("${townhall.backup.anchors-kept-for:P400D}") Duration keptFor) {
        this.trail = trail;
        this.store = store;
        this.keys = keys;
        this.clock = clock;
        this.keptFor = keptFor;
    }

    record SignedAnchor(String installation, String name, Instant takenAt, List<ChainHead> heads) {
    }

    /**
     * Signs and stores the chains' heads now; returns the anchor written. Refuses, leaving the
     * latest anchor the reference, if a row the latest anchor recorded is gone or changed.
     */
    public AuditAnchor anchor() {
        return anchor(trail.chainHeads(), clock.instant());
    }

    /** Signs and stores heads read earlier (a backup's snapshot), as of when they were read; refuses as {@link #anchor()} does. */
    AuditAnchor anchor(List<ChainHead> heads, Instant now) {
        refuseIfLatestContradicted();
        return anchorSigned(heads, now).anchor();
    }

    /** Signs and stores the chains' heads now; returns the anchor with the text it was stored as; refuses as {@link #anchor()} does. */
    Signed anchorSigned() {
        refuseIfLatestContradicted();
        return anchorSigned(trail.chainHeads(), clock.instant());
    }

    /**
     * After a restore the rows written after its recovery point are rightly gone: the chains are
     * anchored afresh at the restored heads without comparing them with the latest anchor.
     */
    AuditAnchor anchorAfterRestore() {
        return anchorSigned(trail.chainHeads(), clock.instant()).anchor();
    }

    /**
     * Verification compares the trail with the latest anchor only. Were a trail cut back (or a row
     * rewritten) since then anchored afresh, the next anchor would agree with what is left and the
     * cut would be forgotten within five minutes; so the latest anchor stays the reference, and
     * every verification keeps reporting the cut, until someone has looked.
     */
    private void refuseIfLatestContradicted() {
        Optional<AuditAnchor> latest = latest();
        if (latest.isEmpty()) {
            return;
        }
        ChainVerification check = trail.checkAnchor(latest.get());
        if (!check.intact()) {
            log.error("AUDIT CHAINS NOT ANCHORED AFRESH: {}", check.problem());
            throw new IllegalStateException("the audit chains were not anchored afresh: " + check.problem());
        }
    }

    private Signed anchorSigned(List<ChainHead> heads, Instant now) {
        String name = String.format("%015d-%s", now.toEpochMilli(), UUID.randomUUID().toString().substring(0, 8));
        SignedAnchor anchor = new SignedAnchor(keys.installation(), name, now, heads);
        byte[] body = JSON.writeValueAsBytes(anchor);
        byte[] signature = keys.sign(body);
        String text = Base64.getEncoder().encodeToString(signature) + "\n" + new String(body, StandardCharsets.UTF_8);
        try (BackupStore.Upload upload = store.create(PREFIX + name + ".anchor", now.plus(keptFor))) {
            upload.stream().write(text.getBytes(StandardCharsets.UTF_8));
            upload.publish();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the audit anchor to " + store.describe(), e);
        }
        return new Signed(new AuditAnchor(name, now, anchor.heads()), text);
    }

    @Scheduled(fixedDelayString = "${townhall.backup.anchor-every:PT5M}", initialDelayString = "${townhall.backup.anchor-every:PT5M}")
    void anchorRegularly() {
        try {
            anchor();
        } catch (RuntimeException e) {
            log.error("Could not anchor the audit chains: {}", e.getMessage());
        }
    }

    /**
     * The newest anchor this installation signed. One whose signature does not verify is
     * reported and passed over: a forged file in the store must not become the reference.
     */
    @Override
    public Optional<AuditAnchor> latest() {
        return latestSigned().map(Signed::anchor);
    }

    /**
     * The newest anchor this installation signed at or before {@code moment}: what a copy of the
     * database restored to that moment (point-in-time recovery) must still agree with. Anchors
     * signed later name rows the copy rightly does not have.
     */
    public Optional<AuditAnchor> latestAtOrBefore(java.time.Instant moment) {
        return newestSigned(moment, true).map(Signed::anchor);
    }

    /** An anchor that verified, with the text it is stored as (its signature line, then what was signed). */
    record Signed(AuditAnchor anchor, String text) {
    }

    /** The newest anchor this installation signed, as stored: what auditors are sent to keep. */
    private Optional<Signed> latestSigned() {
        return newestSigned(clock.instant(), false);
    }

    /**
     * Anchors are named by the millisecond they were signed (15 digits), and one is written every
     * five minutes for 400 days: some 115,000 names, which a bucket lists a thousand at a time.
     * So the newest is looked for in the window of names sharing the first 9 digits of
     * {@code moment} (about 17 minutes), then 8, 7 and 6 (about 2 hours, a day, 12 days), and only
     * then in the whole store: usually one short listing, however long the installation has run.
     *
     * @param notAfter pass over anchors signed after {@code moment} (for a copy restored to it)
     */
    private Optional<Signed> newestSigned(Instant moment, boolean notAfter) {
        String digits = String.format("%015d", Math.max(0, moment.toEpochMilli()));
        try {
            for (int shared : new int[] {9, 8, 7, 6, 0}) {
                List<String> names = store.list(PREFIX + digits.substring(0, shared));
                for (int i = names.size() - 1; i >= 0; i--) {
                    String name = names.get(i);
                    if (notAfter && signedAfter(name, digits)) {
                        continue;
                    }
                    Optional<Signed> anchor = readSigned(name);
                    if (anchor.isPresent() && !(notAfter && anchor.get().anchor().takenAt().isAfter(moment))) {
                        return anchor;
                    }
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list audit anchors in " + store.describe(), e);
        }
    }

    /** Whether a stored anchor's name says it was signed after the moment whose 15 digits are given. */
    private static boolean signedAfter(String stored, String digits) {
        String name = stored.substring(PREFIX.length());
        return name.length() >= 15 && name.substring(0, 15).chars().allMatch(Character::isDigit)
                && name.substring(0, 15).compareTo(digits) > 0;
    }

    /** An anchor as stored, if it is this installation's and its signature verifies. */
    private Optional<Signed> readSigned(String stored) throws IOException {
        byte[] all;
        try (InputStream in = store.open(stored)) {
            all = in.readAllBytes();
        }
        int newline = indexOf(all, (byte) '\n');
        try {
            if (newline < 0) {
                throw new GeneralSecurityException("no signature line");
            }
            byte[] signature = Base64.getDecoder().decode(new String(all, 0, newline, StandardCharsets.US_ASCII));
            byte[] body = java.util.Arrays.copyOfRange(all, newline + 1, all.length);
            keys.verify(signature, body);
            SignedAnchor anchor = JSON.readValue(body, SignedAnchor.class);
            if (!keys.installation().equals(anchor.installation())) {
                throw new GeneralSecurityException("it belongs to installation " + anchor.installation());
            }
            return Optional.of(new Signed(new AuditAnchor(anchor.name(), anchor.takenAt(), anchor.heads()),
                    new String(all, StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            log.error("AUDIT ANCHOR {} REFUSED: its signature does not verify ({})", stored, e.getMessage());
            return Optional.empty();
        }
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
