package org.townhall.platform.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** GOV.UK's feed as it is published, the copy Townhall carries, and the feeds it refuses. */
class BankHolidayFeedTest {

    @Test
    void readsEnglandAndWalesFromTheFeedAsGovUkPublishesIt() throws Exception {
        List<BankHolidayFeed.Holiday> holidays = BankHolidayFeed.parse(GovUkFeeds.feed(GovUkFeeds.year2027("")));
        assertThat(holidays).hasSize(8).first()
                .isEqualTo(new BankHolidayFeed.Holiday(LocalDate.of(2027, 1, 1), "New Year’s Day", ""));
        assertThat(holidays).extracting(BankHolidayFeed.Holiday::date).doesNotContain(LocalDate.of(2026, 11, 30));
        assertThat(holidays).filteredOn(h -> h.title().equals("Boxing Day")).singleElement()
                .satisfies(h -> assertThat(h.notes()).isEqualTo("Substitute day"));
    }

    @Test
    void theCopyTownhallCarriesCoversTwentyTwentyFourToTwentyTwentySevenAndFollowsTheRegularPattern() throws Exception {
        List<BankHolidayFeed.Holiday> bundled = bundled();
        assertThat(bundled).extracting(h -> h.date().getYear()).containsOnly(2024, 2025, 2026, 2027);
        for (int year = 2024; year <= 2027; year++) {
            int y = year;
            Set<LocalDate> published = bundled.stream().map(BankHolidayFeed.Holiday::date).filter(d -> d.getYear() == y)
                    .collect(Collectors.toSet());
            assertThat(published).as("%d", year).isEqualTo(RegularBankHolidays.of(year));
        }
        assertThat(bundled).extracting(BankHolidayFeed.Holiday::date).contains(
                LocalDate.of(2026, 12, 28), // Boxing Day 2026 is a Saturday
                LocalDate.of(2027, 3, 26), LocalDate.of(2027, 3, 29), // Easter 2027 is 28 March
                LocalDate.of(2027, 12, 27), LocalDate.of(2027, 12, 28)); // Christmas 2027 is a Saturday
    }

    @Test
    void theRegularPatternKnowsEasterAndTheWeekendSubstitutes() {
        assertThat(RegularBankHolidays.easterSunday(2024)).isEqualTo(LocalDate.of(2024, 3, 31));
        assertThat(RegularBankHolidays.easterSunday(2028)).isEqualTo(LocalDate.of(2028, 4, 16));
        assertThat(RegularBankHolidays.easterSunday(2038)).isEqualTo(LocalDate.of(2038, 4, 25));
        // 2028: New Year's Day is a Saturday; Christmas a Monday.
        assertThat(RegularBankHolidays.of(2028)).containsExactlyInAnyOrder(LocalDate.of(2028, 1, 3), LocalDate.of(2028, 4, 14),
                LocalDate.of(2028, 4, 17), LocalDate.of(2028, 5, 1), LocalDate.of(2028, 5, 29), LocalDate.of(2028, 8, 28),
                LocalDate.of(2028, 12, 25), LocalDate.of(2028, 12, 26));
        // 2022: Christmas Day a Sunday, so its substitute is the Tuesday after Boxing Day.
        assertThat(RegularBankHolidays.of(2022)).contains(LocalDate.of(2022, 12, 26), LocalDate.of(2022, 12, 27));
    }

    @Test
    void aFeedThatIsNotAWholeCalendarIsRefused() {
        assertThatThrownBy(() -> BankHolidayFeed.parse("<html>Service unavailable</html>")).hasMessage("not JSON");
        assertThatThrownBy(() -> BankHolidayFeed.parse("{\"scotland\": {\"division\": \"scotland\", \"events\": []}}"))
                .hasMessageContaining("no england-and-wales division");
        assertThatThrownBy(() -> BankHolidayFeed.parse(GovUkFeeds.feed(""))).hasMessage("no events");
        assertThatThrownBy(() -> BankHolidayFeed.parse(GovUkFeeds.feed(GovUkFeeds.year2027("").replace(
                "{\"title\": \"Good Friday\", \"date\": \"2027-03-26\", \"notes\": \"\", \"bunting\": false},", ""))))
                .as("a holiday missing").hasMessage("2027 has 7 bank holidays");
        assertThatThrownBy(() -> BankHolidayFeed.parse(GovUkFeeds.feed(GovUkFeeds.year2027(
                ", {\"title\": \"Again\", \"date\": \"2027-03-29\", \"notes\": \"\", \"bunting\": true}"))))
                .hasMessage("two events on 2027-03-29");
        assertThatThrownBy(() -> BankHolidayFeed.parse(GovUkFeeds.feed(GovUkFeeds.year2027(
                ", {\"title\": \"Odd\", \"date\": \"29/03/2027\", \"notes\": \"\", \"bunting\": true}"))))
                .hasMessageContaining("yyyy-mm-dd");
        assertThatThrownBy(() -> BankHolidayFeed.parse(GovUkFeeds.feed(GovUkFeeds.year2027(", {\"date\": \"2027-06-01\"}"))))
                .hasMessageContaining("without a title");
    }

    static List<BankHolidayFeed.Holiday> bundled() throws IOException, BankHolidayFeed.Unreadable {
        try (InputStream in = BankHolidayFeedTest.class.getResourceAsStream("/platform/bank-holidays.json")) {
            return BankHolidayFeed.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
