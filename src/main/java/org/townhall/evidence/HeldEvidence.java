package org.townhall.evidence;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.evidence.crypto.EnvelopeCipher;
import org.townhall.evidence.store.DocumentStore;
import org.townhall.evidence.store.DocumentStore.DocumentRow;
import org.townhall.evidence.store.ObjectStore;
import org.townhall.platform.PublicReferences;

/**
 * Evidence chosen for a challenge the resident has not sent yet (ADR 0028). A browser forgets the
 * files chosen in a form as soon as another page opens, so between the form and "Check your
 * answers" the files are kept here: checked, sealed under their own keys like any document, owned
 * by the resident and held under a random reference kept in their session. Nobody can open them,
 * not even the resident: the vault's readers find only documents of a case. Sending the challenge
 * moves them into its case; anything not sent is destroyed (its key forgotten) once it has waited
 * longer than any session lasts.
 */
@Service
public class HeldEvidence {

    /** A session lasts 12 hours at most (30 minutes idle); nothing held may outlive the draft that names it. */
    static final Duration HELD_FOR = Duration.ofHours(12);
    private static final int DISCARDED_A_RUN = 500;

    private final EnvelopeCipher cipher;
    private final ObjectStore objects;
    private final DocumentStore documents;
    private final SafeCopies safeCopies;
    private final AuditTrail audit;
    private final Clock clock;

    HeldEvidence(EnvelopeCipher cipher, ObjectStore objects, DocumentStore documents, SafeCopies safeCopies, AuditTrail audit,
                 Clock clock) {
        this.cipher = cipher;
        this.objects = objects;
        this.documents = documents;
        this.safeCopies = safeCopies;
        this.audit = audit;
        this.clock = clock;
    }

    /** A new random reference to hold a draft's files under. */
    public static String newHeldRef() {
        return PublicReferences.next();
    }

    /**
     * Seals and holds the files that passed the vault's checks (those that did not are for the
     * resident to choose again), added to what this owner already holds under {@code heldRef}.
     *
     * @throws IllegalArgumentException if they would make more than {@link EvidenceVault#MAX_FILES}
     */
    @Transactional
    public List<DocumentSummary> hold(CheckedFiles files, String ownerRef, String heldRef) {
        if (documents.heldInTime(heldRef, ownerRef, clock.instant()).size() + files.accepted().size() > EvidenceVault.MAX_FILES) {
            throw new IllegalArgumentException("At most " + EvidenceVault.MAX_FILES + " files with one challenge");
        }
        for (CheckedFiles.Accepted file : files.accepted()) {
            String ref = PublicReferences.next();
            String objectKey = PublicReferences.next();
            EnvelopeCipher.Sealed sealed = cipher.seal(file.content(), ref);
            objects.put(objectKey, sealed.ciphertext());
            DocumentRow row = new DocumentRow(ref, null, ownerRef, file.fileName(), file.contentType(), file.content().length,
                    sealed.wrappedKey(), objectKey, clock.instant(),
                    file.safeCopy() == null ? null : safeCopies.seal(ref, file.safeCopy()));
            documents.insertHeld(row, sha256(file.content()), heldRef, clock.instant().plus(HELD_FOR));
            audit.record(AuditEntry.of(AuditAction.EVIDENCE_HELD, AuditOutcome.SUCCESS, Actor.resident(ownerRef))
                    .about(ownerRef).on(ref).because("until the challenge is sent"));
        }
        return held(heldRef, ownerRef);
    }

    /** What this owner holds under {@code heldRef}: names and sizes, never content. Anyone else's reference gives nothing. */
    public List<DocumentSummary> held(String heldRef, String ownerRef) {
        if (heldRef == null || heldRef.length() > 64 || ownerRef == null) {
            return List.of();
        }
        return documents.heldInTime(heldRef, ownerRef, clock.instant()).stream().map(HeldEvidence::summary).toList();
    }

    /** Destroys what this owner holds under {@code heldRef}, except the documents named in {@code keep}. */
    @Transactional
    public void discard(String heldRef, String ownerRef, Collection<String> keep) {
        if (heldRef == null || heldRef.length() > 64 || ownerRef == null) {
            return;
        }
        // Past its time or not: whatever is held under the draft goes with it.
        documents.held(heldRef, ownerRef).stream().filter(row -> !keep.contains(row.ref()))
                .forEach(row -> destroy(row, "removed before the challenge was sent"));
    }

    /** Moves everything this owner holds under {@code heldRef} into the case, in the case's own transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<DocumentSummary> attach(String heldRef, String ownerRef, String caseRef) {
        if (heldRef == null || heldRef.length() > 64) {
            return List.of();
        }
        List<DocumentSummary> moved = new ArrayList<>();
        for (DocumentRow row : documents.attachHeld(heldRef, ownerRef, caseRef, clock.instant())) {
            moved.add(summary(row));
            audit.record(AuditEntry.of(AuditAction.EVIDENCE_STORED, AuditOutcome.SUCCESS, Actor.resident(ownerRef))
                    .about(ownerRef).on(row.ref()).because("case " + caseRef));
        }
        return moved;
    }

    /** Every few minutes: what was never sent is destroyed. Twice at once on two instances destroys nothing twice that matters. */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "${townhall.evidence.held-sweep-first:PT2M}")
    @Transactional
    public int discardUnsent() {
        List<DocumentRow> expired = documents.heldUntilBefore(clock.instant(), DISCARDED_A_RUN);
        expired.forEach(row -> destroy(row, "the challenge was not sent"));
        return expired.size();
    }

    private void destroy(DocumentRow row, String why) {
        documents.markDestroyed(row.ref(), clock.instant());
        objects.delete(row.objectKey());
        safeCopies.destroy(row);
        audit.record(AuditEntry.of(AuditAction.EVIDENCE_DISCARDED, AuditOutcome.SUCCESS, Actor.system())
                .about(row.ownerRef()).on(row.ref()).because(why));
    }

    private static DocumentSummary summary(DocumentRow row) {
        return new DocumentSummary(row.ref(), row.fileName(), row.contentType(), row.sizeBytes(), row.uploadedAt());
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
