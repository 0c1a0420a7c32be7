package org.townhall.evidence.inspect;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.rendering.PageDrawer;
import org.apache.pdfbox.rendering.PageDrawerParameters;
import org.apache.pdfbox.util.Matrix;
import org.apache.pdfbox.util.Vector;

/**
 * The copy of a PDF officers open: each page drawn to a picture and the pictures put in a new PDF
 * of the same page sizes. Nothing of the original survives but how its pages look: no script,
 * action, link, form, font, attachment or metadata, so nothing in it can run on a council machine
 * or reach out from one (ADR 0015). Drawing is bounded: pages at most A3 at 120 dots per inch in
 * pixels, a budget of drawing operations and a time limit for the whole document, so a page built
 * to be drawn forever is refused instead.
 */
final class SafeCopy {

    /** Dots per inch: text at 10 points stays legible on screen and in print. */
    static final float DPI = 120;
    /** A3 at 120 dpi, about 4.2 million pixels (17 MB as RGB): the most one page may take to draw. */
    static final long MOST_PIXELS_A_PAGE = 1404L * 1985;
    /** Drawing operations and glyphs for the whole document; a busy real page uses tens of thousands. */
    static final long MOST_OPERATIONS = 5_000_000;
    static final long MOST_NANOS = 60_000_000_000L;
    private static final float JPEG_QUALITY = 0.85f;

    private SafeCopy() {
    }

    static byte[] of(PDDocument original, DecodedStreams streams) throws IOException {
        Guard guard = new Guard(System.nanoTime() + MOST_NANOS);
        GuardedRenderer renderer = new GuardedRenderer(original, guard, streams);
        renderer.setSubsamplingAllowed(true);
        try (PDDocument copy = new PDDocument(MemoryUsageSetting.setupMainMemoryOnly(PdfInspector.MOST_MEMORY).streamCache)) {
            TaggedPictures tags = new TaggedPictures(copy, original.getNumberOfPages());
            for (int i = 0; i < original.getNumberOfPages(); i++) {
                PDRectangle box = original.getPage(i).getCropBox();
                float scale = scaleFor(box);
                BufferedImage picture = renderer.renderImage(i, scale, ImageType.RGB);
                PDRectangle size = new PDRectangle(picture.getWidth() / scale, picture.getHeight() / scale);
                PDPage page = new PDPage(size);
                copy.addPage(page);
                PDImageXObject image = JPEGFactory.createFromImage(copy, picture, JPEG_QUALITY);
                try (PDPageContentStream drawing = new PDPageContentStream(copy, page)) {
                    tags.beginFigure(drawing, page, i);
                    drawing.drawImage(image, 0, 0, size.getWidth(), size.getHeight());
                    drawing.endMarkedContent();
                }
            }
            tags.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            copy.save(out);
            return out.toByteArray();
        }
    }

    /** 120 dpi, or less for a page so large that 120 dpi would pass the pixel limit. */
    static float scaleFor(PDRectangle box) {
        double points = Math.max(1.0, (double) Math.abs(box.getWidth()) * Math.abs(box.getHeight()));
        double scale = DPI / 72.0;
        double limit = Math.sqrt(MOST_PIXELS_A_PAGE / points);
        return (float) Math.min(scale, limit);
    }

    /** Counts every drawing operation and glyph; stops the document when either budget is spent. */
    static final class Guard {
        private final long deadline;
        private long operations;

        Guard(long deadline) {
            this.deadline = deadline;
        }

        void spend() {
            operations++;
            if (operations > MOST_OPERATIONS || ((operations & 0xFF) == 0 && System.nanoTime() > deadline)) {
                throw new Refusal(PdfInspector.TOO_COMPLEX, "drawing the pages took more than " + MOST_OPERATIONS
                        + " operations or " + MOST_NANOS / 1_000_000_000L + " seconds");
            }
        }
    }

    private static final class GuardedRenderer extends PDFRenderer {
        private final Guard guard;
        private final DecodedStreams streams;

        GuardedRenderer(PDDocument document, Guard guard, DecodedStreams streams) {
            super(document);
            this.guard = guard;
            this.streams = streams;
        }

        @Override
        protected PageDrawer createPageDrawer(PageDrawerParameters parameters) throws IOException {
            return new GuardedPageDrawer(parameters, guard, streams);
        }
    }

    private static final class GuardedPageDrawer extends PageDrawer {
        private final Guard guard;
        private final DecodedStreams streams;

        GuardedPageDrawer(PageDrawerParameters parameters, Guard guard, DecodedStreams streams) throws IOException {
            super(parameters);
            this.guard = guard;
            this.streams = streams;
        }

        @Override
        protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
            guard.spend();
            if ("BI".equals(operator.getName()) && operator.getImageParameters() != null) {
                // PDFBox decodes an inline image as this operator runs: check it first, within the same budget.
                streams.decodeInline(operator.getImageParameters(), operator.getImageData() == null ? new byte[0] : operator.getImageData());
            }
            super.processOperator(operator, operands);
        }

        @Override
        protected void showFontGlyph(Matrix matrix, PDFont font, int code, Vector displacement) throws IOException {
            guard.spend();
            super.showFontGlyph(matrix, font, code, displacement);
        }
    }
}
