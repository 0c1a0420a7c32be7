package org.townhall.evidence.inspect;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.filter.DecodeOptions;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;

/**
 * Decodes every stream of a PDF through its whole chain of filters (Flate, LZW, ASCIIHex,
 * ASCII85, RunLength, CCITT fax, in any order and any number), within one byte budget for the
 * whole document, and hands what comes out to the malware scanner: a check that knew only one
 * encoding could be walked round by using another. Before anything is decoded it checks what a
 * decoder would allocate (an image's declared size, a JPEG's frame), so a small file cannot
 * claim gigabytes. What it cannot decode it refuses rather than waves through.
 */
final class DecodedStreams {

    /** 16 MB: a predictor keeps two rows of this length; a claimed width of billions would exhaust memory. */
    private static final long MOST_ROW_BYTES = 16L * 1024 * 1024;
    /**
     * JBIG2 and JPEG 2000: no decoder is installed, so such a page could not be shown to an officer
     * (it would look blank), and both codecs have a record of exploitable decoder flaws.
     */
    private static final Set<COSName> UNREADABLE = Set.of(COSName.JBIG2_DECODE, COSName.JPX_DECODE);
    /** The short names inline images may use (ISO 32000-1, table 94). */
    private static final Map<String, COSName> ABBREVIATIONS = Map.of(
            "AHx", COSName.ASCII_HEX_DECODE, "A85", COSName.ASCII85_DECODE, "LZW", COSName.LZW_DECODE,
            "Fl", COSName.FLATE_DECODE, "RL", COSName.RUN_LENGTH_DECODE, "CCF", COSName.CCITTFAX_DECODE, "DCT", COSName.DCT_DECODE);

    private final ScanFeed feed;
    private long remaining;

    DecodedStreams(ScanFeed feed, long budget) {
        this.feed = feed;
        this.remaining = budget;
    }

    /** Decodes one stream of the document into the scanner, or refuses the document. */
    void decode(COSStream stream) throws IOException {
        if (COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE))) {
            checkPictureSize(stream);
        }
        if (stream.containsKey(COSName.F)) {
            throw new Refusal(PdfInspector.ACTIVE, "stream data kept in an external file");
        }
        try (InputStream raw = stream.createRawInputStream()) {
            decode(raw, filtersOf(stream.getDictionaryObject(COSName.FILTER)), stream);
        }
    }

    /** An image written inside a page's drawing instructions: the same checks, before PDFBox decodes it. */
    void decodeInline(COSDictionary parameters, byte[] data) throws IOException {
        checkPictureSize(parameters);
        decode(new ByteArrayInputStream(data), filtersOf(parameters.getDictionaryObject(COSName.FILTER, COSName.F)), parameters);
    }

    private void decode(InputStream raw, List<COSName> filters, COSDictionary parameters) throws IOException {
        InputStream current = raw;
        for (int i = 0; i < filters.size(); i++) {
            COSName name = filters.get(i);
            if (UNREADABLE.contains(name)) {
                throw new Refusal(PdfInspector.UNREADABLE, "image encoded with " + name.getName());
            }
            if (name.equals(COSName.CRYPT)) {
                throw new Refusal(PdfInspector.ENCRYPTED, "stream with its own encryption (Crypt filter)");
            }
            if (name.equals(COSName.DCT_DECODE)) {
                // PDFBox decodes JPEG through ImageIO into pixels when drawing: checked by its declared size, not
                // decoded here. Its bytes go to the scanner as they are (a comment segment can carry anything).
                byte[] jpeg = current.readAllBytes();
                checkJpeg(jpeg);
                new Budgeted(true).write(jpeg, 0, jpeg.length);
                return;
            }
            COSDictionary decodeParameters = decodeParameters(parameters, i);
            if (name.equals(COSName.CCITTFAX_DECODE)) {
                checkFax(parameters, decodeParameters);
            }
            checkRowLength(decodeParameters);
            Filter filter;
            try {
                filter = FilterFactory.INSTANCE.getFilter(name);
            } catch (IOException unknown) {
                throw new Refusal(PdfInspector.UNREADABLE, "stream encoded with unknown filter " + name.getName());
            }
            boolean last = i == filters.size() - 1;
            Budgeted out = new Budgeted(last);
            filter.decode(current, out, parameters, i, DecodeOptions.DEFAULT);
            if (last) {
                return;
            }
            current = new ByteArrayInputStream(out.kept.toByteArray());
        }
        // Not encoded at all: the raw file's own scan saw these bytes, but count them and scan them as decoded too.
        current.transferTo(new Budgeted(true));
    }

    private static List<COSName> filtersOf(COSBase filters) {
        List<COSName> names = new ArrayList<>();
        if (filters instanceof COSName name) {
            names.add(ABBREVIATIONS.getOrDefault(name.getName(), name));
        } else if (filters instanceof COSArray array) {
            for (COSBase item : array) {
                if (!(item instanceof COSName name)) {
                    throw new Refusal(PdfInspector.DAMAGED, "filter list holds something that is not a filter name");
                }
                names.add(ABBREVIATIONS.getOrDefault(name.getName(), name));
            }
        } else if (filters != null) {
            throw new Refusal(PdfInspector.DAMAGED, "filter entry is neither a name nor a list");
        }
        return names;
    }

    private static void checkPictureSize(COSDictionary dictionary) {
        long width = dictionary.getInt(COSName.WIDTH, COSName.W, 0);
        long height = dictionary.getInt(COSName.HEIGHT, COSName.H, 0);
        if (width < 0 || height < 0 || width * height > FileInspector.MAX_PIXELS) {
            throw new Refusal(PdfInspector.TOO_LARGE, "image of " + width + " x " + height + " pixels");
        }
    }

    private static void checkJpeg(byte[] jpeg) {
        long[] size = JpegFrame.size(jpeg, 0, jpeg.length).orElse(new long[] {0, 0});
        if (size[0] * size[1] > FileInspector.MAX_PIXELS) {
            throw new Refusal(PdfInspector.TOO_LARGE, "JPEG image of " + size[0] + " x " + size[1] + " pixels");
        }
    }

    private static COSDictionary decodeParameters(COSDictionary parameters, int index) {
        COSBase all = parameters.getDictionaryObject(COSName.DECODE_PARMS, COSName.DP);
        COSBase mine = all instanceof COSArray array ? (index < array.size() ? array.getObject(index) : null) : all;
        return mine instanceof COSDictionary d ? d : new COSDictionary();
    }

    /** The fax decoder allocates columns × rows bits before it reads anything. */
    private static void checkFax(COSDictionary parameters, COSDictionary fax) {
        long columns = fax.getInt(COSName.COLUMNS, 1728);
        long rows = fax.getInt(COSName.ROWS, 0);
        if (rows <= 0) {
            rows = parameters.getInt(COSName.HEIGHT, COSName.H, 0);
        }
        if (columns <= 0 || rows < 0 || columns * rows > FileInspector.MAX_PIXELS) {
            throw new Refusal(PdfInspector.TOO_LARGE, "fax image of " + columns + " x " + rows + " pixels");
        }
    }

    /** Flate and LZW with a predictor keep whole rows of the width the parameters claim. */
    private static void checkRowLength(COSDictionary decodeParameters) {
        if (decodeParameters.getInt(COSName.PREDICTOR, 1) <= 1) {
            return;
        }
        long rowBits = (long) decodeParameters.getInt(COSName.COLUMNS, 1)
                * Math.min(Math.max(decodeParameters.getInt(COSName.COLORS, 1), 1), 32)
                * Math.max(decodeParameters.getInt(COSName.BITS_PER_COMPONENT, 8), 1);
        if (rowBits <= 0 || rowBits / 8 > MOST_ROW_BYTES) {
            throw new Refusal(PdfInspector.TOO_LARGE, "predictor rows of " + rowBits / 8 + " bytes");
        }
    }

    /**
     * Where a filter writes: counts every byte against the document's budget and stops the
     * decoder the moment it is spent. The last filter's output goes straight to the scanner;
     * between filters it is kept for the next one.
     */
    private final class Budgeted extends OutputStream {
        private final boolean last;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        Budgeted(boolean last) {
            this.last = last;
        }

        @Override
        public void write(int b) {
            spend(1);
            if (last) {
                feed.accept(b);
            } else {
                kept.write(b);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            spend(length);
            if (last) {
                feed.accept(bytes, offset, length);
            } else {
                kept.write(bytes, offset, length);
            }
        }

        private void spend(int length) {
            remaining -= length;
            if (remaining < 0) {
                throw new Refusal(PdfInspector.BOMB, "streams decode to more than " + PdfInspector.MAX_DECODED_BYTES + " bytes");
            }
        }
    }
}
