package org.townhall.platform;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Renders a well-formed XHTML page (a Thymeleaf template, so every free-text value is escaped)
 * to a tagged PDF meant for PDF/UA: headings, tables and alternative texts become structure a
 * screen reader can follow, and the one font is embedded. The font is Liberation Sans, which
 * PDFBox ships inside its own jar, so nothing depends on fonts installed on the machine. Pages
 * name it as the CSS font family {@value #FONT}.
 */
public final class HtmlPdf {

    public static final String FONT = "Townhall Sans";
    private static final String FONT_FILE = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

    private HtmlPdf() {
    }

    public static byte[] render(String xhtml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.usePdfUaAccessibility(true);
        // The same embedded face for bold, so no heading falls back to an unembedded built-in font.
        for (int weight : new int[] {400, 700}) {
            builder.useFont(() -> HtmlPdf.class.getResourceAsStream(FONT_FILE), FONT, weight,
                    BaseRendererBuilder.FontStyle.NORMAL, true);
        }
        builder.withHtmlContent(xhtml, null);
        builder.toStream(out);
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
