package org.townhall.platform;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * What a person's name may contain, wherever one is typed (registration, a new staff member) and
 * wherever one is put into a message (the greeting). A name is for greeting someone only, so it
 * holds what names hold and nothing a message could be made of (ADR 0014):
 * <ul>
 * <li>letters of any script, with their accents (Zoë, Siân, Nguyễn, 李小龍), whether typed
 *     composed or decomposed;</li>
 * <li>a hyphen or an apostrophe (' or ’) between letters: Mary-Jane, O’Brien, D'Arcy;</li>
 * <li>a full stop only straight after a single-letter initial, followed by a space or the end:
 *     J. R. Hartley, J.R. Hartley. "Mr", "Dr" and "St" are written without one, as GOV.UK does;</li>
 * <li>single spaces between the parts;</li>
 * <li>at most 70 characters (the UK Government Data Standards' person name: 35 given and 35
 *     family).</li>
 * </ul>
 * So no digits, no @, no colon or slash, no word ending in a full stop, no line break: never a
 * web or email address, a phone number or a second sentence.
 */
public final class PersonNames {

    /** UK Government Data Standards Catalogue, person full name: 70 characters. */
    public static final int LONGEST = 70;
    private static final String LETTERS = "\\p{L}[\\p{L}\\p{M}]*";
    private static final String WORD = LETTERS + "(?:[-'’]" + LETTERS + ")*";
    private static final String INITIALS = "(?:\\p{L}\\p{M}*\\.)+";
    private static final String PART = "(?:" + INITIALS + "|" + WORD + ")";
    /** For Bean Validation's {@code @Pattern} on a field already tidied by {@link #tidy}. */
    public static final String PATTERN = PART + "(?: " + PART + ")*";
    public static final String TOO_LONG = "Full name must be " + LONGEST + " characters or fewer";
    public static final String NOT_A_NAME = "Full name must only include letters, spaces, hyphens, apostrophes "
            + "and full stops after initials";
    private static final Pattern NAME = Pattern.compile(PATTERN);
    private static final Pattern SPACES = Pattern.compile("\\h+");

    private PersonNames() {
    }

    /**
     * The name as it is kept: accents composed (NFC), spaces at the ends dropped and any run of
     * spaces or tabs made one space, so what a resident typed carelessly is not refused for it. A
     * line break is left in, to be refused: a one-line field never sends one. Null stays null.
     */
    public static String tidy(String name) {
        if (name == null) {
            return null;
        }
        return SPACES.matcher(Normalizer.normalize(name, Normalizer.Form.NFC)).replaceAll(" ").trim();
    }

    /** Whether this, once tidied, is a name Townhall will keep and greet someone by. */
    public static boolean isValid(String name) {
        String tidied = tidy(name);
        return tidied != null && !tidied.isEmpty() && tidied.length() <= LONGEST && NAME.matcher(tidied).matches();
    }
}
