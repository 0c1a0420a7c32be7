package org.townhall.evidence.inspect;

import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A PNG's compressed text and colour-profile chunks (zTXt, iTXt, iCCP), inflated for the malware
 * scanner: text a tool would show or extract, hidden from a scan of the raw bytes by zlib. Pixel
 * data is not text and is not inflated here; the size check bounds what decoding it allocates.
 */
final class PngChunks {

    /** All of a PNG's compressed text together may inflate to 16 MB; more is a decompression bomb. */
    static final long MOST_TEXT_BYTES = 16L * 1024 * 1024;

    private PngChunks() {
    }

    static void scanCompressedText(byte[] png, ScanFeed feed) {
        long budget = MOST_TEXT_BYTES;
        int at = 8;
        while (at + 12 <= png.length) {
            long length = FileInspector.readInt(png, at);
            String type = new String(png, at + 4, 4, StandardCharsets.ISO_8859_1);
            int data = at + 8;
            if (length < 0 || data + length + 4 > png.length) {
                throw new Refusal("is a damaged image: upload it again", "png: chunk " + type + " runs past the end");
            }
            int compressed = compressedTextStart(png, type, data, (int) length);
            if (compressed >= 0) {
                budget -= inflate(png, compressed, data + (int) length - compressed, budget, feed);
            }
            at = data + (int) length + 4;
        }
    }

    /** Where the zlib data of a compressed text chunk starts; -1 if the chunk holds none. */
    private static int compressedTextStart(byte[] png, String type, int data, int length) {
        int end = data + length;
        int keywordEnd = indexOfZero(png, data, end);
        if (keywordEnd < 0) {
            return -1;
        }
        switch (type) {
            case "zTXt", "iCCP":
                return keywordEnd + 2 <= end ? keywordEnd + 2 : -1;
            case "iTXt":
                if (keywordEnd + 3 > end || png[keywordEnd + 1] != 1) {
                    return -1;
                }
                int languageEnd = indexOfZero(png, keywordEnd + 3, end);
                int translatedEnd = languageEnd < 0 ? -1 : indexOfZero(png, languageEnd + 1, end);
                return translatedEnd < 0 ? -1 : translatedEnd + 1;
            default:
                return -1;
        }
    }

    private static int indexOfZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static long inflate(byte[] png, int offset, int length, long budget, ScanFeed feed) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(png, offset, length);
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                total += n;
                if (total > budget) {
                    throw new Refusal("is an image that expands to an unreasonable size, which we cannot accept",
                            "png: compressed text inflates past " + MOST_TEXT_BYTES + " bytes");
                }
                feed.accept(buffer, 0, n);
            }
            return total;
        } catch (DataFormatException e) {
            throw new Refusal("is a damaged image: upload it again", "png: compressed text that is not zlib");
        } finally {
            inflater.end();
        }
    }
}
