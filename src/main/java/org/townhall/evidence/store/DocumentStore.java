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

    public record DocumentRow(String ref, String caseRef, String ownerRef, String fileName, String contentType,
                              int sizeBytes, byte[] wrappedKey, String objectKey, Instant uploadedAt) {
    }

    public void insert(DocumentRow row, byte[] sha256) {
        jdbc.sql("""
                insert into evidence_document (public_ref, case_ref, owner_ref, file_name, content_type, size_bytes,
                    sha256, wrapped_key, object_key, uploaded_at)
                values (:ref, :case, :owner, :name, :type, :size, :sha, :key, :object, :at)""")
                .param("ref", row.ref()).param("case", row.caseRef()).param("owner", row.ownerRef())
                .param("name", row.fileName()).param("type", row.contentType()).param("size", row.sizeBytes())
                .param("sha", sha256).param("key", row.wrappedKey()).param("object", row.objectKey())
                .param("at", Timestamp.from(row.uploadedAt())).update();
    }

    /** A live (not destroyed) document by its reference. */
    public Optional<DocumentRow> find(String ref) {
        return jdbc.sql("select * from evidence_document where public_ref = :ref and destroyed_at is null")
                .param("ref", ref).query(DocumentStore::read).optional();
    }

    public List<DocumentRow> ofCase(String caseRef) {
        return jdbc.sql("select * from evidence_document where case_ref = :case and destroyed_at is null order by id")
                .param("case", caseRef).query(DocumentStore::read).list();
    }

    /** Forgets the key and the content: the row stays, as the record that it existed and was destroyed. */
    public void markDestroyed(String ref, Instant now) {
        jdbc.sql("update evidence_document set wrapped_key = null, destroyed_at = :now where public_ref = :ref")
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
        return new DocumentRow(rs.getString("public_ref"), rs.getString("case_ref"), rs.getString("owner_ref"),
                rs.getString("file_name"), rs.getString("content_type"), rs.getInt("size_bytes"), rs.getBytes("wrapped_key"),
                rs.getString("object_key"), rs.getTimestamp("uploaded_at").toInstant());
    }
}
