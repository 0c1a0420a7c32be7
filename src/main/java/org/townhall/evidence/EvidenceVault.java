package org.townhall.evidence;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.evidence.crypto.EnvelopeCipher;
import org.townhall.evidence.inspect.FileInspector;
import org.townhall.evidence.inspect.Inspection;
import org.townhall.evidence.inspect.MalwareScanner;
import org.townhall.evidence.store.DocumentStore;
import org.townhall.evidence.store.DocumentStore.DocumentRow;
import org.townhall.evidence.store.ObjectStore;
import org.townhall.platform.ClientOrigin;
import org.townhall.platform.PublicReferences;

/**
 * Checks, seals, serves and destroys evidence; every read and every refusal is recorded. A
 * resident opens their own document as they sent it; staff open its safe copy (a PDF redrawn as
 * pictures), and the original only by asking for it, for the record (ADR 0015).
 */
@Service
public class EvidenceVault {

    /** At most 10 files with one challenge (the challenge form says so). */
    public static final int MAX_FILES = 10;

    private final FileInspector inspector;
    private final MalwareScanner scanner;
    private final EnvelopeCipher cipher;
    private final ObjectStore objects;
    private final DocumentStore documents;
    private final SafeCopies safeCopies;
    private final List<EvidenceAccessPolicy> policies;
    private final AuditTrail audit;
    private final Clock clock;

    EvidenceVault(FileInspector inspector, MalwareScanner scanner, EnvelopeCipher cipher, ObjectStore objects,
                  DocumentStore documents, SafeCopies safeCopies, List<EvidenceAccessPolicy> policies, AuditTrail audit,
                  Clock clock) {
        this.inspector = inspector;
        this.scanner = scanner;
        this.cipher = cipher;
        this.objects = objects;
        this.documents = documents;
        this.safeCopies = safeCopies;
        this.policies = policies;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Checks every file of a submission before anything is stored: one bad file stops the whole
     * submission, so a case is never left half-written. Refusals are audited against the uploader.
     */
    public CheckedFiles check(List<IncomingFile> files, String uploaderRef) {
        List<CheckedFiles.Accepted> accepted = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (files.size() > MAX_FILES) {
            problems.add("You can upload up to " + MAX_FILES + " files");
        }
        for (IncomingFile file : files) {
            String name = DocumentNames.shown(file.fileName());
            Inspection inspection;
            try {
                inspection = inspector.inspect(file.content());
            } catch (MalwareScanner.ScannerUnavailable e) {
                problems.add("We cannot check " + name + " for viruses at the moment. Try again later");
                refused(uploaderRef, name, "scanner unavailable");
                continue;
            }
            if (inspection instanceof Inspection.Accepted ok) {
                accepted.add(new CheckedFiles.Accepted(name, ok.contentType(), file.content(), ok.safeCopy()));
            } else if (inspection instanceof Inspection.Refused refusal) {
                problems.add(name + " " + refusal.problem());
                refused(uploaderRef, name, refusal.detail());
            } else if (inspection instanceof Inspection.Harmful harmful) {
                problems.add(name + " contains a virus or other harmful content, so we cannot accept it");
                refused(uploaderRef, name, "malware: " + harmful.threat());
            }
        }
        return new CheckedFiles(accepted, problems);
    }

    /** Seals and stores checked files, and their safe copies, for a case, in the caller's transaction. */
    @Transactional
    public List<DocumentSummary> store(CheckedFiles files, String ownerRef, String caseRef) {
        if (!files.ok()) {
            throw new IllegalArgumentException("Refused files cannot be stored");
        }
        List<DocumentSummary> stored = new ArrayList<>();
        for (CheckedFiles.Accepted file : files.accepted()) {
            String ref = PublicReferences.next();
            String objectKey = PublicReferences.next();
            EnvelopeCipher.Sealed sealed = cipher.seal(file.content(), ref);
            objects.put(objectKey, sealed.ciphertext());
            DocumentRow row = new DocumentRow(ref, caseRef, ownerRef, file.fileName(), file.contentType(),
                    file.content().length, sealed.wrappedKey(), objectKey, clock.instant(),
                    file.safeCopy() == null ? null : safeCopies.seal(ref, file.safeCopy()));
            documents.insert(row, sha256(file.content()));
            stored.add(new DocumentSummary(ref, row.fileName(), row.contentType(), row.sizeBytes(), row.uploadedAt()));
        }
        // Recorded once every file is sealed and written: an audit row holds its chain's lock until
        // commit, and ten 10 MB files written after the first row would hold it for a second.
        for (DocumentSummary document : stored) {
            audit.record(AuditEntry.of(AuditAction.EVIDENCE_STORED, AuditOutcome.SUCCESS, Actor.resident(ownerRef))
                    .about(ownerRef).on(document.ref()).because("case " + caseRef));
        }
        return stored;
    }

    public List<DocumentSummary> documentsOf(String caseRef) {
        return documents.ofCase(caseRef).stream()
                .map(d -> new DocumentSummary(d.ref(), d.fileName(), d.contentType(), d.sizeBytes(), d.uploadedAt()))
                .toList();
    }

    /**
     * Opens a document for a reader, if they may read it. Anything else, including a reference
     * that does not exist, gets the same empty answer, and the attempt is recorded: when the
     * document exists, against its owner too, so they can see it.
     */
    @Transactional
    public Optional<DocumentContent> read(String documentRef, Reader reader, ClientOrigin origin) {
        return readFromCase(null, documentRef, reader, origin);
    }

    /**
     * As {@link #read}, and only if the document belongs to the case named in the address it was
     * asked for by: a document of another case is refused like any other, against its owner. The
     * owner gets what they sent; staff get the safe copy.
     */
    @Transactional
    public Optional<DocumentContent> readFromCase(String caseRef, String documentRef, Reader reader, ClientOrigin origin) {
        Optional<DocumentRow> permitted = permitted(caseRef, documentRef, reader, origin);
        if (permitted.isEmpty()) {
            return Optional.empty();
        }
        DocumentRow document = permitted.get();
        byte[] served;
        if (reader.kind() == Reader.Kind.RESIDENT) {
            served = open(document);
        } else {
            SafeCopies.Result copy = safeCopies.forOfficer(document, () -> open(document));
            if (copy.served().isEmpty()) {
                audit.record(AuditEntry.of(AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, actorOf(reader)).on(document.ref())
                        .because(truncate("no safe copy can be made (" + copy.whyNot() + "); the original is there for the record")), origin);
                return Optional.empty();
            }
            served = copy.served().get();
        }
        recordRead(AuditAction.EVIDENCE_VIEWED, document, reader, reader.purpose(), origin);
        return Optional.of(new DocumentContent(document.ref(), document.fileName(), document.contentType(), served, false));
    }

    /**
     * The original a resident sent, for a member of staff who needs it rather than the safe copy
     * (the tribunal asks for it, or its digital signature must be checked), with their reason. The
     * same policy decides as for the copy, and the opening is recorded as such, where the resident
     * can see it.
     */
    @Transactional
    public Optional<DocumentContent> readOriginalForTheRecord(String caseRef, String documentRef, Reader reader, ClientOrigin origin) {
        if (reader.kind() != Reader.Kind.STAFF) {
            throw new IllegalArgumentException("Only staff open an original for the record; a resident reads their own");
        }
        Optional<DocumentRow> permitted = permitted(caseRef, documentRef, reader, origin);
        if (permitted.isEmpty()) {
            return Optional.empty();
        }
        DocumentRow document = permitted.get();
        byte[] original = open(document);
        recordRead(AuditAction.EVIDENCE_ORIGINAL_OPENED, document, reader, "Original, for the record: " + reader.purpose(), origin);
        return Optional.of(new DocumentContent(document.ref(), document.fileName(), document.contentType(), original, true));
    }

    /** Every time someone at the council opened one of this resident's documents, newest first. */
    public List<AccessRecord> whoHasSeen(String ownerRef) {
        return documents.accessesOf(ownerRef, 200);
    }

    /**
     * Destroys a case's documents by destroying their keys and their content (crypto-shredding):
     * nothing left anywhere can be decrypted, even from a backup of the content alone.
     */
    @Transactional
    public int destroyCase(String caseRef, String reason) {
        List<DocumentRow> rows = documents.ofCase(caseRef);
        for (DocumentRow row : rows) {
            documents.markDestroyed(row.ref(), clock.instant());
            objects.delete(row.objectKey());
            safeCopies.destroy(row);
            audit.record(AuditEntry.of(AuditAction.EVIDENCE_DESTROYED, AuditOutcome.SUCCESS, Actor.system())
                    .about(row.ownerRef()).on(row.ref()).because(truncate(reason)));
        }
        return rows.size();
    }

    /** The document, if this reader may open it from this case; every refusal recorded. */
    private Optional<DocumentRow> permitted(String caseRef, String documentRef, Reader reader, ClientOrigin origin) {
        Actor actor = actorOf(reader);
        Optional<DocumentRow> found = documentRef == null || documentRef.length() > 64 ? Optional.empty() : documents.find(documentRef);
        if (found.isEmpty()) {
            audit.record(AuditEntry.evidenceRefused(actor, "that does not exist").on(truncate(documentRef)), origin);
            return Optional.empty();
        }
        DocumentRow document = found.get();
        if (caseRef != null && !caseRef.equals(document.caseRef())) {
            audit.record(AuditEntry.evidenceRefused(actor,
                            truncate("of case " + document.caseRef() + " asked for as case " + caseRef))
                    .about(document.ownerRef()).on(document.ref()), origin);
            return Optional.empty();
        }
        if (!mayRead(reader, document)) {
            audit.record(AuditEntry.evidenceRefused(actor, "of case " + document.caseRef())
                    .about(document.ownerRef()).on(document.ref()), origin);
            return Optional.empty();
        }
        return found;
    }

    private byte[] open(DocumentRow document) {
        byte[] ciphertext = objects.get(document.objectKey())
                .orElseThrow(() -> new IllegalStateException("Evidence " + document.ref() + " has no stored content"));
        return cipher.open(new EnvelopeCipher.Sealed(ciphertext, document.wrappedKey()), document.ref());
    }

    /** In the audit trail, and for staff also in the owner's "who has seen my evidence", with who and why. */
    private void recordRead(AuditAction action, DocumentRow document, Reader reader, String purpose, ClientOrigin origin) {
        audit.record(AuditEntry.of(action, AuditOutcome.SUCCESS, actorOf(reader))
                .about(document.ownerRef()).on(document.ref())
                .because(truncate(purpose + " (case " + document.caseRef() + ")")), origin);
        if (reader.kind() == Reader.Kind.STAFF) {
            documents.recordAccess(document, reader.kind().name(), reader.ref(), reader.label(), truncate(purpose),
                    origin.clientAddress(), clock.instant());
        }
    }

    private static Actor actorOf(Reader reader) {
        return reader.kind() == Reader.Kind.STAFF ? Actor.staff(reader.ref()) : Actor.resident(reader.ref());
    }

    /**
     * Scans bytes that did not arrive as an upload (attachments of inbound mail) with the same
     * scanner as evidence: what was found, or empty when clean. Nothing is stored or audited here.
     *
     * @throws IllegalStateException when the scanner cannot answer, so the caller never treats
     *         "not scanned" as "clean"
     */
    public Optional<String> findMalware(byte[] content) {
        try {
            return scanner.findThreat(content);
        } catch (MalwareScanner.ScannerUnavailable e) {
            throw new IllegalStateException("malware scanner unavailable", e);
        }
    }

    /**
     * Opens up to {@code sample} documents, chosen at random, in a restored copy of the vault's
     * tables and checks each against the SHA-256 recorded when it was stored: evidence in a backup
     * must open with this installation's keys. Returns how many opened; throws naming the first
     * that did not. Nothing is audited: no one reads the content, and the copy is thrown away.
     */
    public int openSampleIn(javax.sql.DataSource copy, int sample) {
        List<Object[]> rows = org.springframework.jdbc.core.simple.JdbcClient.create(copy).sql("""
                select d.public_ref, d.wrapped_key, d.sha256, o.ciphertext
                from evidence_document d join evidence_object o on o.object_key = d.object_key
                where d.wrapped_key is not null order by random() limit :sample""").param("sample", sample)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getBytes(2), rs.getBytes(3), rs.getBytes(4)}).list();
        for (Object[] row : rows) {
            String ref = (String) row[0];
            byte[] content = cipher.open(new EnvelopeCipher.Sealed((byte[]) row[3], (byte[]) row[1]), ref);
            if (!MessageDigest.isEqual(sha256(content), (byte[]) row[2])) {
                throw new IllegalStateException("evidence " + ref + " opened but does not match its recorded SHA-256");
            }
        }
        return rows.size();
    }

    private boolean mayRead(Reader reader, DocumentRow document) {
        if (reader.kind() == Reader.Kind.RESIDENT) {
            return reader.ref().equals(document.ownerRef());
        }
        return policies.stream().anyMatch(policy -> policy.staffMayRead(reader, document.caseRef()));
    }

    private void refused(String uploaderRef, String name, String why) {
        audit.record(AuditEntry.of(AuditAction.EVIDENCE_REFUSED, AuditOutcome.DENIED, Actor.resident(uploaderRef))
                .about(uploaderRef).because(truncate(name + ": " + why)));
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 200 ? text : text.substring(0, 200);
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
