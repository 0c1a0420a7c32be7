package org.townhall.platform.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Set;

/**
 * The bank holidays England and Wales have every year, worked out from their rules: New Year's
 * Day, Good Friday, Easter Monday, the first and last Mondays of May, the last Monday of August,
 * Christmas Day and Boxing Day, with a weekday substituted for one that falls at a weekend.
 * Only a stand-in for a year nobody has published: a year's one-off holidays, and any moved by
 * proclamation, are known only from GOV.UK.
 */
public final class RegularBankHolidays {

    private RegularBankHolidays() {
    }

    public static Set<LocalDate> of(int year) {
        LocalDate easter = easterSunday(year);
        LocalDate christmas = LocalDate.of(year, Month.DECEMBER, 25);
        LocalDate christmasObserved = christmas;
        LocalDate boxingObserved = christmas.plusDays(1);
        switch (christmas.getDayOfWeek()) {
            case FRIDAY -> boxingObserved = christmas.plusDays(3);
            case SATURDAY -> {
                christmasObserved = christmas.plusDays(2);
                boxingObserved = christmas.plusDays(3);
            }
            case SUNDAY -> christmasObserved = christmas.plusDays(2);
            default -> { }
        }
        return Set.of(weekdayOnOrAfter(LocalDate.of(year, Month.JANUARY, 1)), easter.minusDays(2), easter.plusDays(1),
                LocalDate.of(year, Month.MAY, 1).with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY)),
                LocalDate.of(year, Month.MAY, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)),
                LocalDate.of(year, Month.AUGUST, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)),
                christmasObserved, boxingObserved);
    }

    private static LocalDate weekdayOnOrAfter(LocalDate day) {
        return switch (day.getDayOfWeek()) {
            case SATURDAY -> day.plusDays(2);
            case SUNDAY -> day.plusDays(1);
            default -> day;
        };
    }

    /** Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, Meeus). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }
}
