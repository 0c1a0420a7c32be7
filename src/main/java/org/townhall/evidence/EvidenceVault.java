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
import org.townhall.evidence.inspect.MalwareScanner;
import org.townhall.evidence.store.DocumentStore;
import org.townhall.evidence.store.DocumentStore.DocumentRow;
import org.townhall.evidence.store.ObjectStore;
import org.townhall.platform.ClientOrigin;
import org.townhall.platform.PublicReferences;

/** Checks, seals, serves and destroys evidence; every read and every refusal is recorded. */
@Service
public class EvidenceVault {

    /** At most 10 files with one challenge (the challenge form says so). */
    public static final int MAX_FILES = 10;
    private static final int MAX_NAME = 120;

    private final FileInspector inspector;
    private final MalwareScanner scanner;
    private final EnvelopeCipher cipher;
    private final ObjectStore objects;
    private final DocumentStore documents;
    private final List<EvidenceAccessPolicy> policies;
    private final AuditTrail audit;
    private final Clock clock;

    EvidenceVault(FileInspector inspector, MalwareScanner scanner, EnvelopeCipher cipher, ObjectStore objects,
                  DocumentStore documents, List<EvidenceAccessPolicy> policies, AuditTrail audit, Clock clock) {
        this.inspector = inspector;
        this.scanner = scanner;
        this.cipher = cipher;
        this.objects = objects;
        this.documents = documents;
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
            String name = displayName(file.fileName());
            FileInspector.Inspection inspection = inspector.inspect(file.content());
            if (!inspection.accepted()) {
                problems.add(name + " " + inspection.problem());
                refused(uploaderRef, name, inspection.problem());
                continue;
            }
            try {
                Optional<String> threat = scanner.findThreat(file.content());
                if (threat.isPresent()) {
                    problems.add(name + " contains a virus or other harmful content, so we cannot accept it");
                    refused(uploaderRef, name, "malware: " + threat.get());
                    continue;
                }
            } catch (MalwareScanner.ScannerUnavailable e) {
                problems.add("We cannot check " + name + " for viruses at the moment. Try again later");
                refused(uploaderRef, name, "scanner unavailable");
                continue;
            }
            accepted.add(new CheckedFiles.Accepted(name, inspection.contentType(), file.content()));
        }
        return new CheckedFiles(accepted, problems);
    }

    /** Seals and stores checked files for a case, in the caller's transaction. */
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
                    file.content().length, sealed.wrappedKey(), objectKey, clock.instant());
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
     * asked for by: a document of another case is refused like any other, against its owner.
     */
    @Transactional
    public Optional<DocumentContent> readFromCase(String caseRef, String documentRef, Reader reader, ClientOrigin origin) {
        Actor actor = reader.kind() == Reader.Kind.STAFF ? Actor.staff(reader.ref()) : Actor.resident(reader.ref());
        Optional<DocumentRow> found = documentRef == null || documentRef.length() > 64 ? Optional.empty() : documents.find(documentRef);
        if (found.isEmpty()) {
            audit.record(AuditEntry.of(AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, actor)
                    .on(truncate(documentRef)).because("no such document"), origin);
            return Optional.empty();
        }
        DocumentRow document = found.get();
        if (caseRef != null && !caseRef.equals(document.caseRef())) {
            audit.record(AuditEntry.of(AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, actor)
                    .about(document.ownerRef()).on(document.ref())
                    .because(truncate("evidence of case " + document.caseRef() + " asked for as case " + caseRef)), origin);
            return Optional.empty();
        }
        if (!mayRead(reader, document)) {
            audit.record(AuditEntry.of(AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, actor)
                    .about(document.ownerRef()).on(document.ref()).because("evidence of case " + document.caseRef()), origin);
            return Optional.empty();
        }
        byte[] ciphertext = objects.get(document.objectKey())
                .orElseThrow(() -> new IllegalStateException("Evidence " + document.ref() + " has no stored content"));
        byte[] content = cipher.open(new EnvelopeCipher.Sealed(ciphertext, document.wrappedKey()), document.ref());
        audit.record(AuditEntry.of(AuditAction.EVIDENCE_VIEWED, AuditOutcome.SUCCESS, actor)
                .about(document.ownerRef()).on(document.ref())
                .because(truncate(reader.purpose() + " (case " + document.caseRef() + ")")), origin);
        if (reader.kind() == Reader.Kind.STAFF) {
            documents.recordAccess(document, reader.kind().name(), reader.ref(), reader.label(), reader.purpose(),
                    origin.clientAddress(), clock.instant());
        }
        return Optional.of(new DocumentContent(document.ref(), document.fileName(), document.contentType(), content));
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
            audit.record(AuditEntry.of(AuditAction.EVIDENCE_DESTROYED, AuditOutcome.SUCCESS, Actor.system())
                    .about(row.ownerRef()).on(row.ref()).because(truncate(reason)));
        }
        return rows.size();
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

    /** The name the resident gave, shown back to them: no path, no control characters, not too long. */
    static String displayName(String given) {
        String name = given == null ? "" : given;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("\\p{Cntrl}", "").trim();
        if (name.length() > MAX_NAME) {
            name = name.substring(0, MAX_NAME);
        }
        return name.isEmpty() ? "document" : name;
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
