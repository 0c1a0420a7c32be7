package org.townhall.audit;

/** RFC 4180 lines, with formula-looking cells prefixed so a spreadsheet shows rather than runs them. */
public final class Csv {

    private static final java.util.regex.Pattern PLAIN_NUMBER = java.util.regex.Pattern.compile("-[0-9]{1,15}(\\.[0-9]{1,4})?");

    private Csv() {
    }

    public static String line(String... cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(cells[i]));
        }
        return line.append("\r\n").toString();
    }

    static String cell(String value) {
        if (value == null) {
            return "";
        }
        // A cell a spreadsheet would run as a formula (= + - @, a tab or a carriage return first) is
        // prefixed with ' so it is shown instead (OWASP, CSV injection); a plain negative amount such
        // as -12.50 cannot be a formula and stays a number.
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 && !PLAIN_NUMBER.matcher(value).matches()
                ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
