package org.townhall.evidence;

import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.townhall.evidence.crypto.EnvelopeCipher;
import org.townhall.evidence.inspect.FileInspector;
import org.townhall.evidence.inspect.Inspection;
import org.townhall.evidence.inspect.MalwareScanner;
import org.townhall.evidence.store.DocumentStore;
import org.townhall.evidence.store.DocumentStore.DocumentRow;
import org.townhall.evidence.store.DocumentStore.SafeCopyRow;
import org.townhall.evidence.store.ObjectStore;
import org.townhall.platform.PublicReferences;

/**
 * The copies officers open instead of the originals (ADR 0015), sealed like the originals, each
 * under its own data key, and bound to their document as a copy: a sealed original moved into the
 * copy's place does not open as the copy.
 */
@Component
class SafeCopies {

    private final EnvelopeCipher cipher;
    private final ObjectStore objects;
    private final DocumentStore documents;
    private final FileInspector inspector;

    SafeCopies(EnvelopeCipher cipher, ObjectStore objects, DocumentStore documents, FileInspector inspector) {
        this.cipher = cipher;
        this.objects = objects;
        this.documents = documents;
        this.inspector = inspector;
    }

    /** What a copy is sealed against: its document's reference, marked as the copy's. */
    private static String context(String documentRef) {
        return documentRef + "#safe-copy";
    }

    SafeCopyRow seal(String documentRef, byte[] copy) {
        String objectKey = PublicReferences.next();
        EnvelopeCipher.Sealed sealed = cipher.seal(copy, context(documentRef));
        objects.put(objectKey, sealed.ciphertext());
        return new SafeCopyRow(objectKey, sealed.wrappedKey(), copy.length);
    }

    /** The bytes an officer opens: the sealed copy; an image as it is; or a copy made now for a PDF stored before copies were. */
    Result forOfficer(DocumentRow document, Supplier<byte[]> original) {
        if (document.safe() != null) {
            byte[] ciphertext = objects.get(document.safe().objectKey())
                    .orElseThrow(() -> new IllegalStateException("Evidence " + document.ref() + " has no stored safe copy"));
            return new Result(cipher.open(new EnvelopeCipher.Sealed(ciphertext, document.safe().wrappedKey()), context(document.ref())), null);
        }
        if (!document.contentType().equals("application/pdf")) {
            return new Result(original.get(), null);
        }
        Inspection inspection;
        try {
            inspection = inspector.inspect(original.get());
        } catch (MalwareScanner.ScannerUnavailable e) {
            return new Result(null, "the malware scanner did not answer");
        }
        if (!(inspection instanceof Inspection.Accepted accepted)) {
            return new Result(null, inspection instanceof Inspection.Refused refused ? refused.detail() : "malware found");
        }
        if (accepted.safeCopy() == null) {
            return new Result(null, "no copy was made");
        }
        SafeCopyRow sealed = seal(document.ref(), accepted.safeCopy());
        if (!documents.addSafeCopy(document.ref(), sealed)) {
            objects.delete(sealed.objectKey());
        }
        return new Result(accepted.safeCopy(), null);
    }

    void destroy(DocumentRow document) {
        if (document.safe() != null) {
            objects.delete(document.safe().objectKey());
        }
    }

    /** The bytes to serve, or why none could be made. */
    record Result(byte[] bytes, String whyNot) {
        Optional<byte[]> served() {
            return Optional.ofNullable(bytes);
        }
    }
}
