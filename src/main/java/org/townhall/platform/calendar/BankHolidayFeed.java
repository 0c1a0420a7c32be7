package org.townhall.platform.calendar;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GOV.UK's bank holidays feed (https://www.gov.uk/bank-holidays.json), read for England and
 * Wales: {"england-and-wales": {"division": ..., "events": [{"title", "date", "notes", "bunting"}]}}.
 * A feed that does not look like a full calendar is refused whole: believing one with holidays
 * missing would count them as working days and cut residents' time.
 */
public final class BankHolidayFeed {

    static final String DIVISION = "england-and-wales";
    /** England and Wales have eight bank holidays a year; one-offs (a coronation, a funeral) add one or two. */
    static final int FEWEST_IN_A_YEAR = 8;
    static final int MOST_IN_A_YEAR = 12;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BankHolidayFeed() {
    }

    /** One bank holiday as GOV.UK lists it. */
    public record Holiday(LocalDate date, String title, String notes) {
    }

    /** The feed could not be read as England and Wales's calendar; the message says why, without the feed's content. */
    public static final class Unreadable extends Exception {
        Unreadable(String why) {
            super(why);
        }
    }

    public static List<Holiday> parse(String json) throws Unreadable {
        JsonNode division;
        try {
            division = JSON.readTree(json).path(DIVISION);
        } catch (JacksonException e) {
            throw new Unreadable("not JSON");
        }
        if (!DIVISION.equals(division.path("division").asString(null)) || !division.path("events").isArray()) {
            throw new Unreadable("no " + DIVISION + " division with events");
        }
        List<Holiday> holidays = new ArrayList<>();
        Set<LocalDate> seen = new HashSet<>();
        for (JsonNode event : division.path("events")) {
            String title = event.path("title").asString(null);
            String date = event.path("date").asString(null);
            if (title == null || title.isBlank() || title.length() > 100 || date == null) {
                throw new Unreadable("an event without a title or a date");
            }
            LocalDate day;
            try {
                day = LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                throw new Unreadable("an event with a date that is not yyyy-mm-dd");
            }
            if (!seen.add(day)) {
                throw new Unreadable("two events on " + day);
            }
            String notes = event.path("notes").asString("");
            holidays.add(new Holiday(day, title.strip(), notes.length() > 200 ? notes.substring(0, 200) : notes.strip()));
        }
        Map<Integer, Integer> perYear = new TreeMap<>();
        holidays.forEach(h -> perYear.merge(h.date().getYear(), 1, Integer::sum));
        if (perYear.isEmpty()) {
            throw new Unreadable("no events");
        }
        for (Map.Entry<Integer, Integer> year : perYear.entrySet()) {
            if (year.getValue() < FEWEST_IN_A_YEAR || year.getValue() > MOST_IN_A_YEAR) {
                throw new Unreadable(year.getKey() + " has " + year.getValue() + " bank holidays");
            }
        }
        return holidays;
    }
}
