package org.townhall.evidence;

import java.util.regex.Pattern;

/**
 * The two names a document has. The name the resident gave it is shown on pages, and only after
 * anything that could disguise it is removed: a right-to-left override makes
 * "statement[RLO]fdp.exe" read as "statementexe.pdf", and zero-width and other invisible format
 * characters hide what is there. The name a download is saved under is never theirs: Townhall makes
 * it from the type the checks detected ("evidence-Ab3dE9xQ.pdf"), so no extension the resident
 * typed ever reaches an officer's computer.
 */
public final class DocumentNames {

    /** What the evidence_document.file_name column allows. */
    static final int LONGEST = 120;
    /**
     * Control characters (Cc), format characters (Cf: the bidirectional overrides, embeddings and
     * isolates, zero-width spaces and joiners, soft hyphens), line and paragraph separators,
     * unpaired surrogates and private-use characters.
     */
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\p{Cs}\\p{Co}]");

    private DocumentNames() {
    }

    /** The resident's name for a file as pages show it (Thymeleaf escapes it too): no path, nothing invisible, not too long. */
    public static String shown(String given) {
        String name = given == null ? "" : given;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = INVISIBLE.matcher(name).replaceAll("").strip();
        if (name.length() > LONGEST) {
            name = name.substring(0, Character.isHighSurrogate(name.charAt(LONGEST - 1)) ? LONGEST - 1 : LONGEST);
        }
        return name.isEmpty() ? "document" : name;
    }

    /**
     * The name a document is downloaded under: ASCII only, from its reference and detected type.
     * {@code forTheRecord} marks the original when an officer asks for it instead of the safe copy.
     */
    public static String served(String documentRef, String contentType, boolean forTheRecord) {
        String shortRef = documentRef.replaceAll("[^A-Za-z0-9]", "");
        shortRef = shortRef.substring(0, Math.min(8, shortRef.length()));
        return "evidence-" + shortRef + (forTheRecord ? "-original" : "") + extension(contentType);
    }

    private static String extension(String contentType) {
        return switch (contentType) {
            case "application/pdf" -> ".pdf";
            case "image/png" -> ".png";
            case "image/jpeg" -> ".jpg";
            default -> throw new IllegalArgumentException("The vault holds no documents of type " + contentType);
        };
    }
}
