package org.townhall.evidence.inspect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.COSObjectable;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDNumberTreeNode;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkInfo;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDPropertyList;
import org.apache.pdfbox.pdmodel.documentinterchange.taggedpdf.StandardStructureTypes;
import org.apache.pdfbox.pdmodel.interactive.viewerpreferences.PDViewerPreferences;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.DublinCoreSchema;
import org.apache.xmpbox.xml.XmpSerializer;
import javax.xml.transform.TransformerException;

/**
 * The tags of a safe copy: it is pictures of pages, so it is tagged as what it is, one figure a
 * page in page order, each saying in words that it is a picture of that page, with the language
 * and a title shown instead of the file name (PDF/UA, ISO 14289-1: 7.1, 7.3 for figures). A screen
 * reader then says what the document is, rather than nothing; its text is in the original.
 */
final class TaggedPictures {

    static final String TITLE = "Safe copy of a document sent by a resident";

    private final PDStructureElement document;
    private final int pages;
    private final Map<Integer, COSObjectable> parents = new HashMap<>();
    private final PDStructureTreeRoot root = new PDStructureTreeRoot();
    private final PDDocument copy;

    TaggedPictures(PDDocument copy, int pages) {
        this.copy = copy;
        this.pages = pages;
        this.document = new PDStructureElement(StandardStructureTypes.DOCUMENT, root);
        root.appendKid(document);
    }

    /** Opens page {@code index}'s marked content as a figure with its words; the caller draws the picture and closes it. */
    void beginFigure(PDPageContentStream drawing, PDPage page, int index) throws IOException {
        PDStructureElement figure = new PDStructureElement(StandardStructureTypes.Figure, document);
        figure.setPage(page);
        figure.setAlternateDescription("Picture of page " + (index + 1) + " of " + pages + " of the document the resident sent");
        document.appendKid(figure);
        COSDictionary properties = new COSDictionary();
        properties.setInt(COSName.MCID, 0);
        figure.appendKid(new org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDMarkedContent(COSName.getPDFName("Figure"),
                properties));
        page.setStructParents(index);
        COSArray marked = new COSArray();
        marked.add(figure);
        parents.put(index, marked);
        drawing.beginMarkedContent(COSName.getPDFName("Figure"), PDPropertyList.create(properties));
    }

    void finish() throws IOException {
        PDNumberTreeNode parentTree = new PDNumberTreeNode(COSObjectable.class);
        parentTree.setNumbers(parents);
        root.setParentTree(parentTree);
        root.setParentTreeNextKey(pages);
        PDDocumentCatalog catalog = copy.getDocumentCatalog();
        catalog.setStructureTreeRoot(root);
        PDMarkInfo mark = new PDMarkInfo();
        mark.setMarked(true);
        catalog.setMarkInfo(mark);
        catalog.setLanguage("en-GB");
        PDViewerPreferences preferences = new PDViewerPreferences(new COSDictionary());
        preferences.setDisplayDocTitle(true);
        catalog.setViewerPreferences(preferences);
        PDDocumentInformation information = new PDDocumentInformation();
        information.setTitle(TITLE);
        copy.setDocumentInformation(information);
        catalog.setMetadata(metadata());
    }

    /** The title and language again as XMP, where PDF/UA readers look for them (ISO 14289-1, 7.1). */
    private PDMetadata metadata() throws IOException {
        XMPMetadata xmp = XMPMetadata.createXMPMetadata();
        DublinCoreSchema dc = xmp.createAndAddDublinCoreSchema();
        dc.setTitle(TITLE);
        dc.addLanguage("en-GB");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new XmpSerializer().serialize(xmp, out, true);
        } catch (TransformerException e) {
            throw new IOException("Could not write the safe copy's metadata", e);
        }
        PDMetadata metadata = new PDMetadata(copy);
        metadata.importXMPMetadata(out.toByteArray());
        return metadata;
    }
}
