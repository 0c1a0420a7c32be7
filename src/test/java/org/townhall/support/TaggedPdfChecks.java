package org.townhall.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureNode;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;

/** What PDF/UA (ISO 14289-1) asks of a document Townhall makes, checked as PDFBox reads it. */
public final class TaggedPdfChecks {

    private TaggedPdfChecks() {
    }

    /** What PDF/UA asks of every document, as PDFBox reads it. */
    public static void assertTagged(PDDocument pdf, String title) throws IOException {
        var catalog = pdf.getDocumentCatalog();
        assertThat(catalog.getMarkInfo()).as("MarkInfo").isNotNull();
        assertThat(catalog.getMarkInfo().isMarked()).as("marked as tagged").isTrue();
        PDStructureTreeRoot root = catalog.getStructureTreeRoot();
        assertThat(root).as("a structure tree").isNotNull();
        assertThat(root.getKids()).as("the structure tree has content").isNotEmpty();
        assertThat(structureTypes(root)).as("headings, paragraphs or tables in the structure").containsAnyOf("H1", "P", "Table", "Figure");
        assertThat(catalog.getLanguage()).as("the document's language").startsWithIgnoringCase("en");
        assertThat(pdf.getDocumentInformation().getTitle()).as("its title").startsWith(title);
        assertThat(catalog.getViewerPreferences()).as("viewer preferences").isNotNull();
        assertThat(catalog.getViewerPreferences().displayDocTitle()).as("the title shown, not the file name").isTrue();
        assertThat(catalog.getMetadata()).as("XMP metadata").isNotNull();
        for (PDPage page : pdf.getPages()) {
            PDResources resources = page.getResources();
            for (COSName name : resources.getFontNames()) {
                assertThat(resources.getFont(name).isEmbedded()).as("font " + resources.getFont(name).getName() + " embedded").isTrue();
            }
        }
    }

    private static java.util.Set<String> structureTypes(PDStructureNode node) {
        java.util.Set<String> types = new java.util.HashSet<>();
        for (Object kid : node.getKids()) {
            if (kid instanceof PDStructureElement element) {
                types.add(element.getStructureType());
                types.addAll(structureTypes(element));
            }
        }
        return types;
    }
}
