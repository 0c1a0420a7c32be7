package org.townhall.platform;

import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.TemplateSpec;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * Documents residents keep (statements, letters) as tagged PDFs (PDF/UA, ISO 14289-1), drawn by
 * {@link HtmlPdf} from XHTML templates under {@code templates/pdf/}: a document's headings,
 * paragraphs and tables are the structure a screen reader follows, its {@code <html lang>} the
 * language, its {@code <title>} the title shown, and its dates are written as the pages write them.
 * The templates are processed as XML, so what reaches the renderer is well formed by construction.
 */
@Component
public class TaggedPdfs {

    private static final Pounds MONEY = new Pounds();

    private final ITemplateEngine templates;

    TaggedPdfs(ITemplateEngine templates) {
        this.templates = templates;
    }

    /** The template (a name under {@code templates/pdf/}) drawn with these variables, as a tagged PDF. */
    public byte[] render(String template, Map<String, Object> variables) {
        Context context = new Context(Locale.UK, variables);
        context.setVariable("money", MONEY);
        return HtmlPdf.render(templates.process(new TemplateSpec("pdf/" + template, null, TemplateMode.XML, null), context));
    }

    /** What the PDF templates call as {@code money.pounds(pence)}, as the pages call {@code @money}. */
    public static final class Pounds {
        public String pounds(long pence) {
            return Money.pounds(pence);
        }
    }
}
