package org.townhall.notifications;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where a letter goes, in the shape GOV.UK Notify's letter API takes it: personalisation fields
 * address_line_1 to address_line_7, at least three of them, the last a real UK postcode. Here that
 * is two to six lines (the addressee first) and then the postcode.
 */
public record PostalAddress(List<String> lines, String postcode) {

    private static final int MOST_LINES = 6;
    private static final int LONGEST_LINE = 100;
    /** The outbox keeps whom a message went to in at most 320 characters (an email address's limit). */
    private static final int LONGEST_ADDRESS = 300;
    /** The shape of a UK postcode (outward code, then inward code: a digit and two letters). */
    private static final Pattern POSTCODE = Pattern.compile("[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}");

    public PostalAddress {
        lines = lines.stream().map(String::strip).toList();
        if (lines.size() < 2 || lines.size() > MOST_LINES
                || lines.stream().anyMatch(line -> line.isEmpty() || line.length() > LONGEST_LINE)
                || String.join(", ", lines).length() > LONGEST_ADDRESS) {
            throw new IllegalArgumentException("A letter needs two to six address lines, 300 characters in all, before the postcode");
        }
        String compact = postcode == null ? "" : postcode.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
        int inward = compact.length() - 3;
        postcode = inward < 2 ? compact : compact.substring(0, inward) + " " + compact.substring(inward);
        if (!POSTCODE.matcher(postcode).matches()) {
            throw new IllegalArgumentException("GOV.UK Notify posts only to an address whose last line is a UK postcode");
        }
    }

    /**
     * The addressee and a comma-separated address as councils' systems hold one ("14 Elm Grove,
     * Eastbridge"), parts beyond what a letter has room for joined onto its last line.
     */
    public static PostalAddress of(String addressee, String commaSeparated, String postcode) {
        List<String> lines = new ArrayList<>();
        lines.add(addressee);
        List<String> parts = Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList();
        for (int i = 0; i < parts.size(); i++) {
            if (lines.size() == MOST_LINES) {
                lines.set(MOST_LINES - 1, lines.get(MOST_LINES - 1) + ", " + parts.get(i));
            } else {
                lines.add(parts.get(i));
            }
        }
        return new PostalAddress(lines, postcode);
    }

    /** address_line_1 onwards, the postcode on the last line, as Notify's letter API names them. */
    public Map<String, String> personalisation() {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            fields.put("address_line_" + (i + 1), lines.get(i));
        }
        fields.put("address_line_" + (lines.size() + 1), postcode);
        return fields;
    }

    /** The address on one line, as the outbox shows whom a letter went to. */
    public String oneLine() {
        return String.join(", ", lines) + ", " + postcode;
    }
}
