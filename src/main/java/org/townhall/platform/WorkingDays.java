package org.townhall.platform;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * Working days in England and Wales: every day except Saturday, Sunday and the bank holidays
 * (Banking and Financial Dealings Act 1971, with New Year's Day, Good Friday and Christmas Day),
 * the definition the civil parking enforcement regulations count service by post in.
 * Bank holidays are known year by year; a year nobody has published is worked out from the
 * regular pattern, so a deadline is never counted as if it had none.
 */
public final class WorkingDays {

    private final Map<Integer, Set<LocalDate>> known;
    private final IntFunction<Set<LocalDate>> unpublished;
    private final Map<Integer, Set<LocalDate>> worked = new ConcurrentHashMap<>();

    public WorkingDays(Map<Integer, Set<LocalDate>> bankHolidaysByYear, IntFunction<Set<LocalDate>> unpublishedYear) {
        this.known = Map.copyOf(bankHolidaysByYear);
        this.unpublished = unpublishedYear;
    }

    public boolean isBankHoliday(LocalDate day) {
        Set<LocalDate> holidays = known.get(day.getYear());
        if (holidays == null) {
            holidays = worked.computeIfAbsent(day.getYear(), unpublished::apply);
        }
        return holidays.contains(day);
    }

    public boolean isWorkingDay(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY && !isBankHoliday(day);
    }

    /** The {@code count}-th working day after {@code day}, not counting {@code day} itself. */
    public LocalDate after(LocalDate day, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("Count working days from 1: " + count);
        }
        LocalDate next = day;
        for (int found = 0; found < count; ) {
            next = next.plusDays(1);
            if (isWorkingDay(next)) {
                found++;
            }
        }
        return next;
    }

    /** Whether this year's bank holidays are published (by GOV.UK, or in the copy Townhall carries). */
    public boolean publishedFor(int year) {
        return known.containsKey(year);
    }
}
