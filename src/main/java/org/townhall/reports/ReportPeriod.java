package org.townhall.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.townhall.platform.ClockConfiguration;

/**
 * A month (2026-07), a quarter (2026-Q3) or a year (2026), from midnight London time on its first
 * day to midnight on the day after its last, so figures match the council's own calendar even
 * across a clock change.
 */
public record ReportPeriod(String code, String label, LocalDate firstDay, LocalDate dayAfter) {

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");

    public static Optional<ReportPeriod> parse(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String text = code.strip().toUpperCase(java.util.Locale.ROOT);
        try {
            Matcher m;
            if ((m = MONTH.matcher(text)).matches()) {
                YearMonth month = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                return Optional.of(new ReportPeriod(text, month.getMonth().getDisplayName(java.time.format.TextStyle.FULL,
                        java.util.Locale.UK) + " " + month.getYear(), month.atDay(1), month.plusMonths(1).atDay(1)));
            }
            if ((m = QUARTER.matcher(text)).matches()) {
                int quarter = Integer.parseInt(m.group(2));
                LocalDate first = LocalDate.of(Integer.parseInt(m.group(1)), quarter * 3 - 2, 1);
                return Optional.of(new ReportPeriod(text, "Quarter " + quarter + " of " + m.group(1) + " ("
                        + first.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.UK) + " to "
                        + first.plusMonths(2).getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.UK) + ")",
                        first, first.plusMonths(3)));
            }
            if ((m = YEAR.matcher(text)).matches()) {
                LocalDate first = LocalDate.of(Integer.parseInt(m.group(1)), 1, 1);
                return Optional.of(new ReportPeriod(text, "The year " + m.group(1), first, first.plusYears(1)));
            }
        } catch (java.time.DateTimeException outOfRange) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    public Instant from() {
        return firstDay.atStartOfDay(ClockConfiguration.LONDON).toInstant();
    }

    public Instant to() {
        return dayAfter.atStartOfDay(ClockConfiguration.LONDON).toInstant();
    }
}
