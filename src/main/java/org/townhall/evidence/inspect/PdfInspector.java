package org.townhall.evidence.inspect;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/**
 * A PDF opened with a real PDF parser (PDFBox) rather than searched as text: every object as a
 * viewer would see it, however it is encoded. In order: it must open, unencrypted, with at most
 * 50 pages; everything it holds, decoded (streams through their filters, strings), goes to the
 * malware scanner; nothing in it may act by itself ({@link ActiveContent}); and its pages must
 * draw, within bounds, into the copy officers open ({@link SafeCopy}). Every limit is a refusal
 * with a clear reason, never a server error.
 */
final class PdfInspector {

    static final String DAMAGED = "is a damaged PDF that we cannot open: upload it again";
    static final String ENCRYPTED = "is a password-protected PDF. Save or print it as a new PDF without a password and upload that";
    static final String ACTIVE = "is a PDF that contains scripts, actions or attached files, which we cannot accept. "
            + "Print it to a new PDF, or take photos of the pages, and upload that";
    static final String BOMB = "is a PDF that expands to an unreasonable size, which we cannot accept";
    static final String TOO_LARGE = "is a PDF with an image too large to open (over 50 megapixels)";
    static final String TOO_COMPLEX = "is a PDF too complex for us to open. Print it to a new PDF, or take photos of the pages, "
            + "and upload that";
    static final String UNREADABLE = "is a PDF encoded in a way we cannot check (for example JBIG2 or JPEG 2000 images). "
            + "Print it to a new PDF, or take photos of the pages, and upload that";
    static final String TOO_MANY_PAGES = "is a PDF with more than 50 pages. Upload only the pages that support your case";

    /** 50 pages: more than any letter, receipt or statement sent with a challenge. */
    static final int MOST_PAGES = 50;
    /** A 50-page letter has a few thousand objects; a file of 10 MB made of tiny ones could hold a million. */
    static final int MOST_OBJECTS = 200_000;
    /** All the streams of a PDF together may decode to 100 MB and no more. */
    static final long MAX_DECODED_BYTES = 100L * 1024 * 1024;
    /** What PDFBox may keep in memory for streams it creates (the safe copy's pictures). */
    static final long MOST_MEMORY = 64L * 1024 * 1024;
    private static final int DEEPEST = 64;

    private PdfInspector() {
    }

    /** Also scans, through {@code feed}, everything the PDF holds once decoded. */
    static Inspection inspect(byte[] bytes, ScanFeed feed) throws MalwareScanner.ScannerUnavailable {
        BoundedFilters.begin(MAX_DECODED_BYTES, 10 * MAX_DECODED_BYTES);
        try {
            return inspectBounded(bytes, feed);
        } finally {
            BoundedFilters.end();
        }
    }

    private static Inspection inspectBounded(byte[] bytes, ScanFeed feed) throws MalwareScanner.ScannerUnavailable {
        try (PDDocument document = Loader.loadPDF(new RandomAccessReadBuffer(bytes), "", null, null,
                MemoryUsageSetting.setupMainMemoryOnly(MOST_MEMORY).streamCache)) {
            if (document.isEncrypted()) {
                return new Inspection.Refused(ENCRYPTED, "pdf: encrypted");
            }
            int pages = document.getNumberOfPages();
            if (pages < 1) {
                return new Inspection.Refused(DAMAGED, "pdf: no pages");
            }
            if (pages > MOST_PAGES) {
                return new Inspection.Refused(TOO_MANY_PAGES, "pdf: " + pages + " pages");
            }
            List<COSBase> objects = everyObject(document.getDocument());
            DecodedStreams streams = new DecodedStreams(feed, MAX_DECODED_BYTES);
            for (COSBase object : objects) {
                if (object instanceof COSStream stream) {
                    streams.decode(stream);
                }
                strings(object, feed, 0, new IdentityHashMap<>());
            }
            feed.finish();
            Optional<String> active = ActiveContent.find(document, objects);
            if (active.isPresent()) {
                return new Inspection.Refused(ACTIVE, "pdf: " + active.get());
            }
            byte[] safeCopy = SafeCopy.of(document, streams);
            feed.finish();
            return new Inspection.Accepted("application/pdf", safeCopy);
        } catch (InvalidPasswordException e) {
            return new Inspection.Refused(ENCRYPTED, "pdf: needs a password to open");
        } catch (Refusal refusal) {
            return refusal.refused();
        } catch (ScanFeed.ThreatFound found) {
            return new Inspection.Harmful(found.threat);
        } catch (ScanFeed.Unavailable e) {
            throw e.unavailable();
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // PDFBox's own word for what is wrong, for the audit trail; never the file's content.
            return new Inspection.Refused(DAMAGED, "pdf: cannot be parsed (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Every object the file's cross-reference table names, parsed, including those inside object streams. */
    private static List<COSBase> everyObject(COSDocument document) {
        Map<COSObjectKey, Long> table = document.getXrefTable();
        if (table.size() > MOST_OBJECTS) {
            throw new Refusal(TOO_COMPLEX, "pdf: " + table.size() + " objects");
        }
        List<COSBase> objects = new ArrayList<>(table.size());
        for (COSObjectKey key : new ArrayList<>(table.keySet())) {
            COSObject object = document.getObjectFromPool(key);
            COSBase resolved = object == null ? null : object.getObject();
            if (resolved != null) {
                objects.add(resolved);
            }
        }
        return objects;
    }

    /** Strings, literal or hex, decoded: the scanner sees what a viewer or a script would. */
    private static void strings(COSBase object, ScanFeed feed, int depth, Map<COSBase, Boolean> seen) {
        if (object instanceof COSString string) {
            feed.accept(string.getBytes());
        } else if ((object instanceof COSDictionary || object instanceof COSArray) && depth <= DEEPEST
                && seen.put(object, Boolean.TRUE) == null) {
            Iterable<COSBase> values = object instanceof COSDictionary dictionary ? dictionary.getValues() : (COSArray) object;
            for (COSBase value : values) {
                if (!(value instanceof COSObject)) {
                    strings(value, feed, depth + 1, seen);
                }
            }
        }
    }
}
