package org.townhall.evidence.inspect;

import java.util.Arrays;
import java.util.Optional;

/**
 * Everything hidden inside a file once decoded (a PDF's streams through their filters, its
 * strings, a PNG's compressed text), handed to the malware scanner in batches, so a document
 * that decodes to 100 MB never needs 100 MB of memory at once. Each batch starts with the last
 * kilobyte of the one before, so a signature that straddles two batches is still seen whole.
 */
final class ScanFeed {

    static final int BATCH = 4 * 1024 * 1024;
    static final int OVERLAP = 1024;

    private final MalwareScanner scanner;
    private final byte[] buffer = new byte[BATCH];
    private int size;
    private int carried;

    ScanFeed(MalwareScanner scanner) {
        this.scanner = scanner;
    }

    void accept(byte[] bytes, int offset, int length) {
        while (length > 0) {
            int n = Math.min(length, buffer.length - size);
            System.arraycopy(bytes, offset, buffer, size, n);
            size += n;
            offset += n;
            length -= n;
            if (size == buffer.length) {
                scan();
                System.arraycopy(buffer, size - OVERLAP, buffer, 0, OVERLAP);
                size = OVERLAP;
                carried = OVERLAP;
            }
        }
    }

    void accept(int b) {
        buffer[size++] = (byte) b;
        if (size == buffer.length) {
            scan();
            System.arraycopy(buffer, size - OVERLAP, buffer, 0, OVERLAP);
            size = OVERLAP;
            carried = OVERLAP;
        }
    }

    void accept(byte[] bytes) {
        accept(bytes, 0, bytes.length);
    }

    /** Scans what is left; after this the feed has seen everything it was given. */
    void finish() {
        if (size > carried) {
            scan();
        }
        size = 0;
        carried = 0;
    }

    private void scan() {
        Optional<String> threat;
        try {
            threat = scanner.findThreat(Arrays.copyOf(buffer, size));
        } catch (MalwareScanner.ScannerUnavailable e) {
            throw new Unavailable(e);
        }
        if (threat.isPresent()) {
            throw new ThreatFound(threat.get());
        }
    }

    /** Stops all work on the file: the scanner found something in what was decoded. */
    static final class ThreatFound extends RuntimeException {
        final String threat;

        ThreatFound(String threat) {
            super(threat, null, false, false);
            this.threat = threat;
        }
    }

    /** Stops all work on the file: the scanner could not answer, so the file cannot be accepted. */
    static final class Unavailable extends RuntimeException {
        Unavailable(MalwareScanner.ScannerUnavailable cause) {
            super(cause.getMessage(), cause, false, false);
        }

        MalwareScanner.ScannerUnavailable unavailable() {
            return (MalwareScanner.ScannerUnavailable) getCause();
        }
    }
}
