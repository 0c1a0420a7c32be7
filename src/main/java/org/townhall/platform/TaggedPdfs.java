package org.townhall.platform;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.TemplateSpec;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * Documents residents keep (statements, letters) as tagged PDFs (PDF/UA, ISO 14289-1): a structure
 * tree in reading order, the language, the title shown instead of the file name, every font
 * embedded. They are drawn from XHTML templates under {@code templates/pdf/}, so a document's
 * headings, tables and words are the ones a screen reader finds, and its dates are written as the
 * pages write them. The templates are processed as XML: what goes in is well formed by construction.
 */
@Component
public class TaggedPdfs {

    /** The family every template's CSS names. PDF/UA forbids fonts that are not embedded (ISO 14289-1, 7.21.4.1). */
    public static final String FONT = "Liberation Sans";
    /** Liberation Sans ships inside PDFBox (its form-field fallback), so nothing depends on the machine's fonts. */
    private static final String FONT_FILE = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

    private final ITemplateEngine templates;
    private final byte[] font;

    TaggedPdfs(ITemplateEngine templates) {
        this.templates = templates;
        try (InputStream in = TaggedPdfs.class.getResourceAsStream(FONT_FILE)) {
            if (in == null) {
                throw new IllegalStateException("PDFBox no longer ships " + FONT_FILE + ": give the PDFs another embedded font");
            }
            this.font = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The template (a name under {@code templates/pdf/}) drawn with these variables, as a tagged PDF. */
    public byte[] render(String template, Map<String, Object> variables) {
        Context context = new Context(Locale.UK, variables);
        context.setVariable("money", MONEY);
        String xhtml = templates.process(new TemplateSpec("pdf/" + template, null, TemplateMode.XML, null), context);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.usePdfUaAccessibility(true);
        // One face only: bold text is drawn in the same face rather than in a font that is not embedded.
        builder.useFont(() -> new ByteArrayInputStream(font), FONT, 400, FontStyle.NORMAL, true);
        builder.useFont(() -> new ByteArrayInputStream(font), FONT, 700, FontStyle.NORMAL, true);
        builder.withProducer("Townhall");
        builder.withHtmlContent(xhtml, null);
        builder.toStream(out);
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not draw the PDF " + template, e);
        }
        return out.toByteArray();
    }

    /** What the PDF templates call as {@code money.pounds(pence)}, as the pages call {@code @money}. */
    public static final class Pounds {
        public String pounds(long pence) {
            return Money.pounds(pence);
        }
    }

    private static final Pounds MONEY = new Pounds();
}
