package org.townhall.evidence.inspect;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Decides what a file is from its bytes, never its name, and refuses what a challenge has no use
 * for: anything but PDF, JPEG and PNG; empty, oversized or truncated files; images whose
 * dimensions would explode when decoded. The malware scanner reads every file, and also what is
 * hidden inside it once decoded: a PDF's streams and strings ({@link PdfInspector}, which also
 * makes the copy officers open) and a PNG's compressed text ({@link PngChunks}).
 */
@Component
public class FileInspector {

    /** At most 10 MB a file (the challenge form says so). */
    public static final int MAX_BYTES = 10 * 1024 * 1024;
    /** 50 megapixels is more than any phone camera; beyond it a small file is a decompression bomb. */
    static final long MAX_PIXELS = 50_000_000L;
    static final String HARMFUL = "contains a virus or other harmful content";

    private static final byte[] PDF = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final MalwareScanner scanner;

    FileInspector(MalwareScanner scanner) {
        this.scanner = scanner;
        BoundedFilters.install();
    }

    /** What the bytes are and whether they are accepted; a scanner that cannot answer refuses by exception. */
    public Inspection inspect(byte[] bytes) throws MalwareScanner.ScannerUnavailable {
        Optional<Inspection.Refused> refused = structure(bytes);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<String> threat = scanner.findThreat(bytes);
        if (threat.isPresent()) {
            return new Inspection.Harmful(threat.get());
        }
        ScanFeed inside = new ScanFeed(scanner);
        try {
            if (startsWith(bytes, PDF)) {
                return PdfInspector.inspect(bytes, inside);
            }
            if (startsWith(bytes, PNG)) {
                PngChunks.scanCompressedText(bytes, inside);
                inside.finish();
                return new Inspection.Accepted("image/png", null);
            }
            return new Inspection.Accepted("image/jpeg", null);
        } catch (ScanFeed.ThreatFound found) {
            return new Inspection.Harmful(found.threat);
        } catch (ScanFeed.Unavailable e) {
            throw e.unavailable();
        } catch (Refusal refusal) {
            return refusal.refused();
        }
    }

    /** The checks on the bytes as they are, before anything is parsed or decoded. */
    private static Optional<Inspection.Refused> structure(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return refused("is empty", "empty");
        }
        if (bytes.length > MAX_BYTES) {
            return refused("is larger than 10 MB", "larger than 10 MB");
        }
        if (startsWith(bytes, PDF)) {
            String text = new String(bytes, Math.max(0, bytes.length - 2048), Math.min(bytes.length, 2048), StandardCharsets.ISO_8859_1);
            return text.contains("%%EOF") ? Optional.empty() : refused("is an incomplete PDF: upload it again", "pdf: no %%EOF at the end");
        }
        if (startsWith(bytes, PNG)) {
            return png(bytes);
        }
        if (bytes.length > 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return jpeg(bytes);
        }
        return refused("must be a PDF, JPG or PNG", "not a PDF, JPEG or PNG");
    }

    private static Optional<Inspection.Refused> png(byte[] bytes) {
        if (bytes.length < 33 || !"IHDR".equals(new String(bytes, 12, 4, StandardCharsets.US_ASCII))) {
            return refused("is a damaged image: upload it again", "png: no header");
        }
        long width = readInt(bytes, 16);
        long height = readInt(bytes, 20);
        if (width <= 0 || height <= 0 || width * height > MAX_PIXELS) {
            return refused("is an image too large to open (over 50 megapixels)", "png: " + width + " x " + height + " pixels");
        }
        byte[] iend = {'I', 'E', 'N', 'D'};
        if (!regionEquals(bytes, bytes.length - 8, iend)) {
            return refused("is an incomplete image: upload it again", "png: no IEND at the end");
        }
        return Optional.empty();
    }

    private static Optional<Inspection.Refused> jpeg(byte[] bytes) {
        if ((bytes[bytes.length - 2] & 0xFF) != 0xFF || (bytes[bytes.length - 1] & 0xFF) != 0xD9) {
            return refused("is an incomplete image: upload it again", "jpeg: no end-of-image marker");
        }
        Optional<long[]> size = JpegFrame.size(bytes, 0, bytes.length);
        if (size.isEmpty()) {
            return refused("is a damaged image: upload it again", "jpeg: no frame header");
        }
        long width = size.get()[0];
        long height = size.get()[1];
        if (width <= 0 || height <= 0 || width * height > MAX_PIXELS) {
            return refused("is an image too large to open (over 50 megapixels)", "jpeg: " + width + " x " + height + " pixels");
        }
        return Optional.empty();
    }

    private static Optional<Inspection.Refused> refused(String problem, String detail) {
        return Optional.of(new Inspection.Refused(problem, detail));
    }

    static long readInt(byte[] bytes, int at) {
        return ((long) (bytes[at] & 0xFF) << 24) | ((bytes[at + 1] & 0xFF) << 16) | ((bytes[at + 2] & 0xFF) << 8) | (bytes[at + 3] & 0xFF);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && regionEquals(bytes, 0, prefix);
    }

    private static boolean regionEquals(byte[] bytes, int at, byte[] expected) {
        if (at < 0 || at + expected.length > bytes.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (bytes[at + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
