package org.townhall.evidence.inspect;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.springframework.stereotype.Component;

/**
 * Decides what a file is from its bytes, never its name, and refuses what a challenge has no use
 * for: anything but PDF, JPEG and PNG; empty, oversized or truncated files; images whose
 * dimensions would explode when decoded; PDFs that carry script or launch actions (including in
 * compressed streams and behind #xx name escapes) or that inflate past a sane size.
 */
@Component
public class FileInspector {

    /** At most 10 MB a file (the challenge form says so). */
    public static final int MAX_BYTES = 10 * 1024 * 1024;
    /** 50 megapixels is more than any phone camera; beyond it a small file is a decompression bomb. */
    static final long MAX_PIXELS = 50_000_000L;
    /** All the streams of a PDF together may inflate to 100 MB and no more. */
    static final long MAX_INFLATED_BYTES = 100L * 1024 * 1024;

    private static final byte[] PDF = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final Pattern ACTIVE_PDF = Pattern.compile("/(JavaScript|JS|Launch|RichMedia|XFA)\\b");
    private static final Pattern NAME_ESCAPE = Pattern.compile("#([0-9A-Fa-f]{2})");
    private static final Pattern STREAM = Pattern.compile("(?<!end)stream\r?\n");

    /** What the bytes are, or why they are refused. */
    public record Inspection(String contentType, String problem) {
        static Inspection refused(String problem) {
            return new Inspection(null, problem);
        }

        public boolean accepted() {
            return problem == null;
        }
    }

    public Inspection inspect(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return Inspection.refused("is empty");
        }
        if (bytes.length > MAX_BYTES) {
            return Inspection.refused("is larger than 10 MB");
        }
        if (startsWith(bytes, PDF)) {
            return inspectPdf(bytes);
        }
        if (startsWith(bytes, PNG)) {
            return inspectPng(bytes);
        }
        if (bytes.length > 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return inspectJpeg(bytes);
        }
        return Inspection.refused("must be a PDF, JPG or PNG");
    }

    private Inspection inspectPdf(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int tail = Math.max(0, text.length() - 2048);
        if (!text.substring(tail).contains("%%EOF")) {
            return Inspection.refused("is an incomplete PDF: upload it again");
        }
        if (hasActiveContent(text)) {
            return Inspection.refused("is a PDF that contains scripts or actions, which we cannot accept. Print it to a new PDF and upload that");
        }
        long budget = MAX_INFLATED_BYTES;
        Matcher stream = STREAM.matcher(text);
        int from = 0;
        while (stream.find(from)) {
            int start = stream.end();
            int end = text.indexOf("endstream", start);
            if (end < 0) {
                return Inspection.refused("is a damaged PDF: upload it again");
            }
            byte[] inflated = inflate(bytes, start, end - start, budget);
            if (inflated == null) {
                return Inspection.refused("is a PDF that expands to an unreasonable size, which we cannot accept");
            }
            if (inflated.length > 0) {
                budget -= inflated.length;
                if (hasActiveContent(new String(inflated, StandardCharsets.ISO_8859_1))) {
                    return Inspection.refused("is a PDF that contains scripts or actions, which we cannot accept. Print it to a new PDF and upload that");
                }
            }
            from = end + "endstream".length();
        }
        return new Inspection("application/pdf", null);
    }

    private static boolean hasActiveContent(String text) {
        String decoded = NAME_ESCAPE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        return ACTIVE_PDF.matcher(decoded).find();
    }

    /**
     * Inflates one stream if it is zlib data; an empty array if it is not (images and other
     * encodings), null if it would go past the budget.
     */
    private static byte[] inflate(byte[] bytes, int offset, int length, long budget) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(bytes, offset, length);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            while (!inflater.finished() && !inflater.needsInput()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsDictionary() || inflater.needsInput())) {
                    break;
                }
                out.write(buffer, 0, n);
                if (out.size() > budget) {
                    return null;
                }
            }
            return out.toByteArray();
        } catch (DataFormatException notZlib) {
            return new byte[0];
        } finally {
            inflater.end();
        }
    }

    private Inspection inspectPng(byte[] bytes) {
        if (bytes.length < 33 || !"IHDR".equals(new String(bytes, 12, 4, StandardCharsets.US_ASCII))) {
            return Inspection.refused("is a damaged image: upload it again");
        }
        long width = readInt(bytes, 16);
        long height = readInt(bytes, 20);
        if (width <= 0 || height <= 0 || width * height > MAX_PIXELS) {
            return Inspection.refused("is an image too large to open (over 50 megapixels)");
        }
        byte[] iend = {'I', 'E', 'N', 'D'};
        if (bytes.length < 12 || !regionEquals(bytes, bytes.length - 8, iend)) {
            return Inspection.refused("is an incomplete image: upload it again");
        }
        return new Inspection("image/png", null);
    }

    private Inspection inspectJpeg(byte[] bytes) {
        if ((bytes[bytes.length - 2] & 0xFF) != 0xFF || (bytes[bytes.length - 1] & 0xFF) != 0xD9) {
            return Inspection.refused("is an incomplete image: upload it again");
        }
        ByteArrayInputStream in = new ByteArrayInputStream(bytes, 2, bytes.length - 2);
        while (in.available() > 4) {
            if (in.read() != 0xFF) {
                return Inspection.refused("is a damaged image: upload it again");
            }
            int marker = in.read();
            while (marker == 0xFF) {
                marker = in.read();
            }
            int length = (in.read() << 8) | in.read();
            if (length < 2) {
                return Inspection.refused("is a damaged image: upload it again");
            }
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (startOfFrame) {
                in.read();
                long height = (in.read() << 8) | in.read();
                long width = (in.read() << 8) | in.read();
                if (width <= 0 || height <= 0 || width * height > MAX_PIXELS) {
                    return Inspection.refused("is an image too large to open (over 50 megapixels)");
                }
                return new Inspection("image/jpeg", null);
            }
            if (in.skip(length - 2) < length - 2) {
                break;
            }
        }
        return Inspection.refused("is a damaged image: upload it again");
    }

    private static long readInt(byte[] bytes, int at) {
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
