package org.townhall.evidence.inspect;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNull;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;

/**
 * Finds what in a PDF can act by itself or reach outside the document: scripts, launch actions,
 * links to other files, form submission, attached files, multimedia, XFA forms. Two passes, on
 * the objects as PDFBox parsed them (so however they were encoded: object streams under any
 * filter, names behind #xx escapes, strings in hex):
 * <ul>
 * <li>the places a viewer acts from: the open action and every additional-actions (AA)
 * dictionary (of the document, each page, each annotation, each form field), each annotation's
 * action, the names tree (JavaScript, EmbeddedFiles) and the AcroForm; and</li>
 * <li>every object in the file, reachable or not, for the kinds of thing refused anywhere.</li>
 * </ul>
 * Actions are allowed by name, not refused by name, so a kind this list has never heard of is
 * refused. A web link a reader must click (URI on a link) is allowed: it is not active until
 * clicked, and the copy officers open is pictures of the pages, with no links at all. A web
 * address opened by itself (URI as an open or additional action) is refused.
 */
final class ActiveContent {

    /** What may happen when the document opens or an event fires: moving around the document itself. */
    private static final Set<String> AUTOMATIC_ACTIONS = Set.of("GoTo", "Named", "Thread", "Hide", "SetOCGState", "Trans");
    /** What a reader may do by clicking, besides those: follow a web link, clear a form. */
    private static final Set<String> CLICKED_ACTIONS = Set.of("GoTo", "Named", "Thread", "Hide", "SetOCGState", "Trans",
            "URI", "ResetForm");
    /** Refused wherever they appear in the file, even in an object nothing points to. */
    private static final Set<String> REFUSED_ACTIONS = Set.of("JavaScript", "Launch", "GoToR", "GoToE", "ImportData",
            "SubmitForm", "Rendition", "Movie", "Sound", "RichMediaExecute", "GoTo3DView");
    private static final Set<String> REFUSED_ANNOTATIONS = Set.of("FileAttachment", "Sound", "Movie", "Screen", "3D", "RichMedia");
    private static final Set<COSName> REFUSED_KEYS = Set.of(COSName.JS, COSName.JAVA_SCRIPT, COSName.EMBEDDED_FILES,
            COSName.EF, COSName.XFA, COSName.getPDFName("RichMediaContent"));
    private static final int DEEPEST = 64;

    private ActiveContent() {
    }

    /** What was found and where, for the audit trail; empty if nothing. */
    static Optional<String> find(PDDocument document, Iterable<COSBase> everyObject) {
        Optional<String> placed = inTheDocumentsStructure(document);
        if (placed.isPresent()) {
            return placed;
        }
        for (COSBase object : everyObject) {
            Optional<String> found = anywhereIn(object, 0, new IdentityHashMap<>());
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> inTheDocumentsStructure(PDDocument document) {
        COSDictionary catalog = document.getDocumentCatalog().getCOSObject();
        Optional<String> found = action(catalog.getDictionaryObject(COSName.OPEN_ACTION), false, "the open action");
        found = found.or(() -> additionalActions(catalog, "the document"));
        if (catalog.getDictionaryObject(COSName.NAMES) instanceof COSDictionary names) {
            if (names.containsKey(COSName.JAVA_SCRIPT)) {
                return Optional.of("JavaScript in the names tree");
            }
            if (names.containsKey(COSName.EMBEDDED_FILES)) {
                return Optional.of("embedded files in the names tree");
            }
        }
        if (found.isPresent()) {
            return found;
        }
        if (catalog.getDictionaryObject(COSName.ACRO_FORM) instanceof COSDictionary form) {
            if (form.containsKey(COSName.XFA)) {
                return Optional.of("XFA form");
            }
            found = fields(form.getDictionaryObject(COSName.FIELDS), 0, new IdentityHashMap<>());
            if (found.isPresent()) {
                return found;
            }
        }
        int number = 0;
        for (PDPage page : document.getPages()) {
            number++;
            String where = "page " + number;
            found = additionalActions(page.getCOSObject(), where).or(() -> annotations(page.getCOSObject(), where));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> annotations(COSDictionary page, String where) {
        if (!(page.getDictionaryObject(COSName.ANNOTS) instanceof COSArray annotations)) {
            return Optional.empty();
        }
        for (COSBase item : annotations) {
            if (item instanceof COSObject reference) {
                item = reference.getObject();
            }
            if (item instanceof COSDictionary annotation) {
                String subtype = annotation.getNameAsString(COSName.SUBTYPE);
                if (subtype != null && REFUSED_ANNOTATIONS.contains(subtype)) {
                    return Optional.of(subtype + " annotation on " + where);
                }
                String on = (subtype == null ? "an annotation" : "a " + subtype + " annotation") + " on " + where;
                Optional<String> found = action(annotation.getDictionaryObject(COSName.A), true, on)
                        .or(() -> additionalActions(annotation, on));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** Form fields and their kids: each may carry keystroke, format, validate and calculate actions. */
    private static Optional<String> fields(COSBase list, int depth, Map<COSBase, Boolean> seen) {
        if (!(list instanceof COSArray fields) || depth > DEEPEST) {
            return Optional.empty();
        }
        for (COSBase item : fields) {
            COSBase field = item instanceof COSObject reference ? reference.getObject() : item;
            if (field instanceof COSDictionary dictionary && seen.put(dictionary, Boolean.TRUE) == null) {
                Optional<String> found = action(dictionary.getDictionaryObject(COSName.A), true, "a form field")
                        .or(() -> additionalActions(dictionary, "a form field"))
                        .or(() -> fields(dictionary.getDictionaryObject(COSName.KIDS), depth + 1, seen));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** Additional actions run on events (opening a page, moving the mouse, typing in a field): never clicked. */
    private static Optional<String> additionalActions(COSDictionary owner, String where) {
        if (!(owner.getDictionaryObject(COSName.AA) instanceof COSDictionary triggers)) {
            return Optional.empty();
        }
        for (COSName trigger : triggers.keySet()) {
            Optional<String> found = action(triggers.getDictionaryObject(trigger), false,
                    "the " + trigger.getName() + " trigger of " + where);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * One action and every action chained after it with /Next (one action or a list of them). A
     * list in the place of the first action is a destination (a page to open at), not an action.
     */
    private static Optional<String> action(COSBase given, boolean clicked, String where) {
        Map<COSBase, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<COSBase> waiting = new ArrayDeque<>();
        if (!(given instanceof COSArray)) {
            waiting.add(given == null ? COSNull.NULL : given);
        }
        while (!waiting.isEmpty() && seen.size() < 1000) {
            COSBase item = waiting.pop();
            if (item instanceof COSObject reference) {
                item = reference.getObject();
            }
            if (!(item instanceof COSDictionary action) || seen.put(action, Boolean.TRUE) != null) {
                continue;
            }
            String kind = action.getNameAsString(COSName.S);
            if (kind == null) {
                return Optional.of("an action of no stated kind in " + where);
            }
            if (!(clicked ? CLICKED_ACTIONS : AUTOMATIC_ACTIONS).contains(kind)) {
                return Optional.of(kind + " action in " + where);
            }
            COSBase next = action.getDictionaryObject(COSName.NEXT);
            if (next instanceof COSArray chain) {
                chain.forEach(waiting::add);
            } else if (next != null) {
                waiting.add(next);
            }
        }
        return Optional.empty();
    }

    /** Any object, through its directly held dictionaries and arrays (each indirect object is visited on its own). */
    private static Optional<String> anywhereIn(COSBase object, int depth, Map<COSBase, Boolean> seen) {
        if (!(object instanceof COSDictionary || object instanceof COSArray) || depth > DEEPEST
                || seen.put(object, Boolean.TRUE) != null) {
            return Optional.empty();
        }
        if (object instanceof COSDictionary dictionary) {
            for (COSName key : REFUSED_KEYS) {
                if (dictionary.containsKey(key)) {
                    return Optional.of("/" + key.getName() + " entry in an object of the file");
                }
            }
            String kind = dictionary.getNameAsString(COSName.S);
            if (kind != null && REFUSED_ACTIONS.contains(kind)) {
                return Optional.of(kind + " action in an object of the file");
            }
            String subtype = dictionary.getNameAsString(COSName.SUBTYPE);
            if (subtype != null && (REFUSED_ANNOTATIONS.contains(subtype) || (object instanceof COSStream && subtype.equals("PS")))) {
                return Optional.of(subtype + " object in the file");
            }
            if (COSName.EMBEDDED_FILE.equals(dictionary.getCOSName(COSName.TYPE))) {
                return Optional.of("embedded file in the file");
            }
            for (COSBase value : dictionary.getValues()) {
                if (!(value instanceof COSObject)) {
                    Optional<String> found = anywhereIn(value, depth + 1, seen);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
        } else if (object instanceof COSArray array) {
            for (COSBase value : array) {
                if (!(value instanceof COSObject)) {
                    Optional<String> found = anywhereIn(value, depth + 1, seen);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
        }
        return Optional.empty();
    }
}
