package org.townhall.incidents;

/**
 * Free text that goes into an email: no control characters, and no ((placeholder)) that the
 * template's own filling-in, or GOV.UK Notify's, would take for one of its fields.
 */
final class EmailText {

    private EmailText() {
    }

    static String plain(String text) {
        if (text == null) {
            return "";
        }
        return text.replaceAll("[\\p{Cntrl}&&[^\\n]]", "").replace("((", "( (").replace("))", ") )");
    }
}
