package org.townhall.mail.checks;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * QR codes in images and in PDF pages, decoded to the text they carry: a QR code is a link the
 * mail's filters never see and the reader opens on a phone outside the council's protection.
 * PDFs are rendered with PDFBox (the first pages only, at a resolution a printed code survives);
 * images larger than any phone photo are not decoded.
 */
public final class QrCodes {

    static final long MAX_PIXELS = 40_000_000L;
    static final int MAX_PDF_PAGES = 3;
    static final float PDF_DPI = 110f;
    private static final Map<DecodeHintType, Object> HINTS = Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE);

    private QrCodes() {
    }

    public static List<String> in(byte[] content, FileType type) {
        try {
            if (type == FileType.PDF) {
                return inPdf(content);
            }
            if (type.isImage()) {
                BufferedImage image = image(content);
                return image == null ? List.of() : decode(image);
            }
        } catch (IOException | RuntimeException | OutOfMemoryError unreadable) {
            return List.of();
        }
        return List.of();
    }

    private static List<String> inPdf(byte[] content) throws IOException {
        List<String> found = new ArrayList<>();
        try (PDDocument pdf = Loader.loadPDF(content)) {
            PDFRenderer renderer = new PDFRenderer(pdf);
            for (int page = 0; page < Math.min(MAX_PDF_PAGES, pdf.getNumberOfPages()); page++) {
                var box = pdf.getPage(page).getMediaBox();
                if ((long) box.getWidth() * box.getHeight() * PDF_DPI * PDF_DPI / (72 * 72) > MAX_PIXELS) {
                    continue;
                }
                found.addAll(decode(renderer.renderImageWithDPI(page, PDF_DPI, ImageType.RGB)));
            }
        }
        return found;
    }

    /** Reads the dimensions first: a 1 KB PNG can claim to be 100,000 pixels square. */
    private static BufferedImage image(byte[] content) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                if ((long) reader.getWidth(0) * reader.getHeight(0) > MAX_PIXELS) {
                    return null;
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        }
    }

    static List<String> decode(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] pixels = image.getRGB(0, 0, width, height, null, 0, width);
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, pixels)));
        List<String> texts = new ArrayList<>();
        try {
            for (Result result : new QRCodeMultiReader().decodeMultiple(bitmap, HINTS)) {
                texts.add(result.getText());
            }
        } catch (NotFoundException none) {
            return texts;
        }
        return texts;
    }
}
