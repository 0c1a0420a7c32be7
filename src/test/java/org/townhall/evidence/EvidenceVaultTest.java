package org.townhall.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.evidence.store.DocumentStore;
import org.townhall.platform.ClientOrigin;
import org.townhall.platform.PublicReferences;
import org.townhall.support.AuditRows;
import org.townhall.support.TownhallTest;

@TownhallTest
class EvidenceVaultTest {

    private static final ClientOrigin FROM = new ClientOrigin("203.0.113.9", "req", "test");
    private static final byte[] MEDICAL_LETTER = Samples.pdf("% Dear Sir, my patient was in hospital on the day of the fine");

    @Autowired EvidenceVault vault;
    @Autowired JdbcClient jdbc;
    @Autowired AuditRows audit;
    @Autowired DocumentStore documents;
    @Autowired SafeCopies safeCopies;

    private record Stored(String owner, String caseRef, DocumentSummary document) {
    }

    private Stored storeFor(byte[] content) {
        String owner = PublicReferences.next();
        String caseRef = "CASE-" + PublicReferences.next();
        CheckedFiles checked = vault.check(List.of(new IncomingFile("letter.pdf", content)), owner);
        assertThat(checked.problems()).isEmpty();
        return new Stored(owner, caseRef, vault.store(checked, owner, caseRef).get(0));
    }

    @Test
    void theOwnerReadsBackExactlyWhatTheyUploaded() {
        Stored stored = storeFor(MEDICAL_LETTER);
        DocumentContent content = vault.read(stored.document().ref(), Reader.resident(stored.owner(), "own case"), FROM).orElseThrow();
        assertThat(content.bytes()).isEqualTo(MEDICAL_LETTER);
        assertThat(content.contentType()).isEqualTo("application/pdf");
        assertThat(vault.documentsOf(stored.caseRef())).extracting(DocumentSummary::ref).containsExactly(stored.document().ref());
    }

    @Test
    void theStoredBytesAreNotThePlaintextAndAnotherKeyCannotOpenThem() throws Exception {
        Stored stored = storeFor(MEDICAL_LETTER);
        byte[] ciphertext = jdbc.sql("""
                select o.ciphertext from evidence_object o join evidence_document d on d.object_key = o.object_key
                where d.public_ref = :ref""").param("ref", stored.document().ref()).query(byte[].class).single();
        byte[] wrappedKey = jdbc.sql("select wrapped_key from evidence_document where public_ref = :ref")
                .param("ref", stored.document().ref()).query(byte[].class).single();
        assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain("my patient").doesNotContain("%PDF");
        assertThat(new String(wrappedKey, StandardCharsets.ISO_8859_1)).doesNotContain("my patient");

        Aead otherKey = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
                .getPrimitive(RegistryConfiguration.get(), Aead.class);
        assertThatThrownBy(() -> TinkProtoKeysetFormat.parseEncryptedKeyset(wrappedKey, otherKey,
                stored.document().ref().getBytes(StandardCharsets.UTF_8))).isInstanceOf(java.security.GeneralSecurityException.class);
    }

    @Test
    void aCiphertextMovedToAnotherDocumentDoesNotOpen() {
        Stored victim = storeFor(MEDICAL_LETTER);
        Stored attacker = storeFor(Samples.pdf());
        jdbc.sql("update evidence_document set wrapped_key = (select wrapped_key from evidence_document where public_ref = :v) where public_ref = :a")
                .param("v", victim.document().ref()).param("a", attacker.document().ref()).update();
        assertThatThrownBy(() -> vault.read(attacker.document().ref(), Reader.resident(attacker.owner(), "own case"), FROM))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anotherResidentGetsNothingAndTheOwnerCanSeeTheAttempt() {
        Stored stored = storeFor(MEDICAL_LETTER);
        long before = audit.lastId();
        assertThat(vault.read(stored.document().ref(), Reader.resident(PublicReferences.next(), "curious"), FROM)).isEmpty();
        assertThat(audit.actionsSince(before)).containsExactly("ACCESS_DENIED");
        assertThat(jdbc.sql("select subject_ref from audit_event where id > :id").param("id", before).query(String.class).single())
                .isEqualTo(stored.owner());
    }

    @Test
    void staffReadNothingUnlessThePolicyOfTheCaseSaysSo() {
        Stored stored = storeFor(MEDICAL_LETTER);
        long before = audit.lastId();
        assertThat(vault.read(stored.document().ref(), Reader.staff(PublicReferences.next(), "Someone, Finance officer", "curious"), FROM)).isEmpty();
        assertThat(audit.actionsSince(before)).containsExactly("ACCESS_DENIED");
        assertThat(vault.whoHasSeen(stored.owner())).isEmpty();
    }

    @Test
    void guessedAndMalformedReferencesGetTheSameNothing() {
        String resident = PublicReferences.next();
        for (String guess : new String[] {PublicReferences.next(), "1", "../../etc/passwd", "%00", "x".repeat(5000), ""}) {
            assertThat(vault.read(guess, Reader.resident(resident, "guessing"), FROM)).as(guess).isEmpty();
        }
    }

    @Test
    void oneBadFileStopsTheWholeSubmissionAndNothingIsStored() {
        String owner = PublicReferences.next();
        long documentsBefore = jdbc.sql("select count(*) from evidence_document").query(Long.class).single();
        long before = audit.lastId();
        CheckedFiles checked = vault.check(List.of(
                new IncomingFile("photo.jpg", Samples.jpeg(400, 300)),
                new IncomingFile("invoice.pdf", Samples.pdf("% " + Samples.EICAR)),
                new IncomingFile("C:\\Users\\me\\Desktop\\evil.png", Samples.windowsExecutable())), owner);
        assertThat(checked.ok()).isFalse();
        assertThat(checked.problems()).containsExactly(
                "invoice.pdf contains a virus or other harmful content, so we cannot accept it",
                "evil.png must be a PDF, JPG or PNG");
        assertThatThrownBy(() -> vault.store(checked, owner, "CASE-X")).isInstanceOf(IllegalArgumentException.class);
        assertThat(jdbc.sql("select count(*) from evidence_document").query(Long.class).single()).isEqualTo(documentsBefore);
        assertThat(audit.actionsSince(before)).containsExactly("EVIDENCE_REFUSED", "EVIDENCE_REFUSED");
    }

    @Test
    void elevenFilesAreTooMany() {
        List<IncomingFile> files = Collections.nCopies(11, new IncomingFile("p.png", Samples.png(10, 10)));
        assertThat(vault.check(files, PublicReferences.next()).problems()).contains("You can upload up to 10 files");
    }

    @Test
    void destroyingACaseShredsItsKeysAndContent() {
        Stored stored = storeFor(MEDICAL_LETTER);
        long before = audit.lastId();
        assertThat(vault.destroyCase(stored.caseRef(), "retention period ended")).isEqualTo(1);
        assertThat(vault.read(stored.document().ref(), Reader.resident(stored.owner(), "own case"), FROM)).isEmpty();
        assertThat(jdbc.sql("select wrapped_key is null and destroyed_at is not null from evidence_document where public_ref = :r")
                .param("r", stored.document().ref()).query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("select count(*) from evidence_object o join evidence_document d on d.object_key = o.object_key where d.public_ref = :r")
                .param("r", stored.document().ref()).query(Long.class).single()).isZero();
        assertThat(audit.actionsSince(before)).startsWith("EVIDENCE_DESTROYED");
    }

    @Test
    void aPdfsSafeCopyIsSealedLikeTheOriginalAndDestroyedWithIt() {
        Stored stored = storeFor(Pdfs.letter());
        var row = jdbc.sql("select safe_object_key, safe_wrapped_key from evidence_document where public_ref = :r")
                .param("r", stored.document().ref()).query().singleRow();
        byte[] sealedCopy = jdbc.sql("select ciphertext from evidence_object where object_key = :k")
                .param("k", row.get("safe_object_key")).query(byte[].class).single();
        assertThat(new String(sealedCopy, StandardCharsets.ISO_8859_1)).doesNotContain("%PDF");
        assertThat(row.get("safe_wrapped_key")).isNotNull();

        vault.destroyCase(stored.caseRef(), "retention period ended");
        assertThat(jdbc.sql("select safe_wrapped_key is null from evidence_document where public_ref = :r")
                .param("r", stored.document().ref()).query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("select count(*) from evidence_object where object_key = :k").param("k", row.get("safe_object_key"))
                .query(Long.class).single()).isZero();
    }

    @Test
    void anOriginalMovedIntoItsSafeCopysPlaceDoesNotOpenAsTheCopy() {
        Stored stored = storeFor(Pdfs.letter());
        jdbc.sql("""
                insert into evidence_object (object_key, ciphertext)
                select d.object_key || '-moved', o.ciphertext from evidence_document d join evidence_object o on o.object_key = d.object_key
                where d.public_ref = :r""").param("r", stored.document().ref()).update();
        jdbc.sql("update evidence_document set safe_object_key = object_key || '-moved' where public_ref = :r")
                .param("r", stored.document().ref()).update();
        var document = documents.find(stored.document().ref()).orElseThrow();
        assertThatThrownBy(() -> safeCopies.forOfficer(document, () -> new byte[0])).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aDisplayNameLosesItsPathAndControlCharacters() {
        assertThat(DocumentNames.shown("../../etc/passwd")).isEqualTo("passwd");
        assertThat(DocumentNames.shown("C:\\temp\\scan.pdf")).isEqualTo("scan.pdf");
        assertThat(DocumentNames.shown("a\u0000b\nc.pdf")).isEqualTo("abc.pdf");
        assertThat(DocumentNames.shown(null)).isEqualTo("document");
    }

    @Test
    void aDisplayNameLosesWhatCouldDisguiseIt() {
        assertThat(DocumentNames.shown("invoice\u202Efdp.exe")).isEqualTo("invoicefdp.exe");
        assertThat(DocumentNames.shown("a\u2066b\u2069\u200Bc\u200D\u00AD\uFEFF.pdf")).isEqualTo("abc.pdf");
        assertThat(DocumentNames.shown("line\u2028break.pdf")).isEqualTo("linebreak.pdf");
        assertThat(DocumentNames.shown("\u202E")).isEqualTo("document");
        assertThat(DocumentNames.shown("x".repeat(119) + "\uD83D\uDE00")).hasSize(119);
    }

    @Test
    void aDownloadIsNamedFromItsDetectedTypeAndReference() {
        assertThat(DocumentNames.served("Ab_3-dE9xQzz", "application/pdf", false)).isEqualTo("evidence-Ab3dE9xQ.pdf");
        assertThat(DocumentNames.served("Ab_3-dE9xQzz", "image/jpeg", false)).isEqualTo("evidence-Ab3dE9xQ.jpg");
        assertThat(DocumentNames.served("Ab_3-dE9xQzz", "application/pdf", true)).isEqualTo("evidence-Ab3dE9xQ-original.pdf");
        assertThat(new DocumentContent("Ab3dE9xQ", "statement.html", "application/pdf", new byte[0], false).downloadName())
                .isEqualTo("evidence-Ab3dE9xQ.pdf");
    }
}
