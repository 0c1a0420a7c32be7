package org.townhall.evidence.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.townhall.evidence.AccessRecord;

/** Document metadata, wrapped keys and the access log. */
@Repository
public class DocumentStore {

    private final JdbcClient jdbc;

    public DocumentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One document; {@code safe} is the copy officers open, null until one is made (or for an image served as it is). */
    public record DocumentRow(String ref, String caseRef, String ownerRef, String fileName, String contentType,
                              int sizeBytes, byte[] wrappedKey, String objectKey, Instant uploadedAt, SafeCopyRow safe) {
    }

    /** Where a document's safe copy is sealed, and its key. */
    public record SafeCopyRow(String objectKey, byte[] wrappedKey, int sizeBytes) {
    }

    public void insert(DocumentRow row, byte[] sha256) {
        insert(row, sha256, null, null);
    }

    /** A sealed document held, for no case yet, under {@code heldRef} until {@code until}. */
    public void insertHeld(DocumentRow row, byte[] sha256, String heldRef, Instant until) {
        insert(row, sha256, heldRef, until);
    }

    private void insert(DocumentRow row, byte[] sha256, String heldRef, Instant heldUntil) {
        SafeCopyRow safe = row.safe();
        jdbc.sql("""
                insert into evidence_document (public_ref, case_ref, owner_ref, file_name, content_type, size_bytes,
                    sha256, wrapped_key, object_key, uploaded_at, safe_object_key, safe_wrapped_key, safe_size_bytes,
                    held_ref, held_until)
                values (:ref, :case, :owner, :name, :type, :size, :sha, :key, :object, :at, :safeObject, :safeKey, :safeSize,
                    :held, :heldUntil)""")
                .param("ref", row.ref()).param("case", row.caseRef()).param("owner", row.ownerRef())
                .param("name", row.fileName()).param("type", row.contentType()).param("size", row.sizeBytes())
                .param("sha", sha256).param("key", row.wrappedKey()).param("object", row.objectKey())
                .param("at", Timestamp.from(row.uploadedAt()))
                .param("safeObject", safe == null ? null : safe.objectKey())
                .param("safeKey", safe == null ? null : safe.wrappedKey())
                .param("safeSize", safe == null ? null : safe.sizeBytes())
                .param("held", heldRef).param("heldUntil", heldUntil == null ? null : Timestamp.from(heldUntil)).update();
    }

    /** Records the safe copy made for a document stored before copies were made; false if one is already there. */
    public boolean addSafeCopy(String ref, SafeCopyRow safe) {
        return jdbc.sql("""
                update evidence_document set safe_object_key = :object, safe_wrapped_key = :key, safe_size_bytes = :size
                where public_ref = :ref and safe_object_key is null and destroyed_at is null""")
                .param("object", safe.objectKey()).param("key", safe.wrappedKey()).param("size", safe.sizeBytes())
                .param("ref", ref).update() == 1;
    }

    /** A live (not destroyed) document of a case by its reference; one held for a challenge not yet sent is never found here. */
    public Optional<DocumentRow> find(String ref) {
        return jdbc.sql("select * from evidence_document where public_ref = :ref and destroyed_at is null and case_ref is not null")
                .param("ref", ref).query(DocumentStore::read).optional();
    }

    public List<DocumentRow> ofCase(String caseRef) {
        return jdbc.sql("select * from evidence_document where case_ref = :case and destroyed_at is null order by id")
                .param("case", caseRef).query(DocumentStore::read).list();
    }

    /** Every live document held under this reference for this owner, in its time or past it: what a discarded draft takes with it. */
    public List<DocumentRow> held(String heldRef, String ownerRef) {
        return jdbc.sql("""
                select * from evidence_document where held_ref = :held and owner_ref = :owner and destroyed_at is null
                order by id""").param("held", heldRef).param("owner", ownerRef).query(DocumentStore::read).list();
    }

    /**
     * The live documents held under this reference for this owner, and nobody else's, still
     * within their time at {@code now}: one past it is as good as destroyed, whether or not the
     * sweep has reached it yet.
     */
    public List<DocumentRow> heldInTime(String heldRef, String ownerRef, Instant now) {
        return jdbc.sql("""
                select * from evidence_document where held_ref = :held and owner_ref = :owner and destroyed_at is null
                  and held_until > :now
                order by id""").param("held", heldRef).param("owner", ownerRef).param("now", Timestamp.from(now))
                .query(DocumentStore::read).list();
    }

    /** Moves this owner's held documents still within their time into the case; the ones moved, locked until commit. */
    public List<DocumentRow> attachHeld(String heldRef, String ownerRef, String caseRef, Instant now) {
        return jdbc.sql("""
                update evidence_document set case_ref = :case, held_ref = null, held_until = null
                where held_ref = :held and owner_ref = :owner and destroyed_at is null and held_until > :now returning *""")
                .param("case", caseRef).param("held", heldRef).param("owner", ownerRef).param("now", Timestamp.from(now))
                .query(DocumentStore::read).list();
    }

    /** Held documents not sent in time, oldest first, at most {@code limit}. */
    public List<DocumentRow> heldUntilBefore(Instant now, int limit) {
        return jdbc.sql("""
                select * from evidence_document where held_ref is not null and destroyed_at is null and held_until < :now
                order by held_until limit :limit""").param("now", Timestamp.from(now)).param("limit", limit)
                .query(DocumentStore::read).list();
    }

    /** Forgets the keys and the content: the row stays, as the record that it existed and was destroyed. */
    public void markDestroyed(String ref, Instant now) {
        jdbc.sql("update evidence_document set wrapped_key = null, safe_wrapped_key = null, destroyed_at = :now where public_ref = :ref")
                .param("now", Timestamp.from(now)).param("ref", ref).update();
    }

    public void recordAccess(DocumentRow document, String readerKind, String readerRef, String readerLabel, String purpose,
                             String clientAddress, Instant now) {
        jdbc.sql("""
                insert into evidence_access (document_ref, case_ref, owner_ref, reader_kind, reader_ref, reader_label,
                    purpose, client_address, accessed_at)
                values (:doc, :case, :owner, :kind, :reader, :label, :purpose, cast(:address as inet), :now)""")
                .param("doc", document.ref()).param("case", document.caseRef()).param("owner", document.ownerRef())
                .param("kind", readerKind).param("reader", readerRef).param("label", readerLabel).param("purpose", purpose)
                .param("address", clientAddress).param("now", Timestamp.from(now)).update();
    }

    public List<AccessRecord> accessesOf(String ownerRef, int limit) {
        return jdbc.sql("""
                select a.document_ref, d.file_name, a.case_ref, a.reader_label, a.purpose, a.accessed_at
                from evidence_access a join evidence_document d on d.public_ref = a.document_ref
                where a.owner_ref = :owner order by a.accessed_at desc, a.id desc limit :limit""")
                .param("owner", ownerRef).param("limit", limit)
                .query((rs, n) -> new AccessRecord(rs.getString("document_ref"), rs.getString("file_name"),
                        rs.getString("case_ref"), rs.getString("reader_label"), rs.getString("purpose"),
                        rs.getTimestamp("accessed_at").toInstant())).list();
    }

    private static DocumentRow read(ResultSet rs, int n) throws SQLException {
        String safeObject = rs.getString("safe_object_key");
        SafeCopyRow safe = safeObject == null ? null
                : new SafeCopyRow(safeObject, rs.getBytes("safe_wrapped_key"), rs.getInt("safe_size_bytes"));
        return new DocumentRow(rs.getString("public_ref"), rs.getString("case_ref"), rs.getString("owner_ref"),
                rs.getString("file_name"), rs.getString("content_type"), rs.getInt("size_bytes"), rs.getBytes("wrapped_key"),
                rs.getString("object_key"), rs.getTimestamp("uploaded_at").toInstant(), safe);
    }
}
