package org.townhall.platform;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.platform.calendar.GovUkFeeds;
import org.townhall.support.TownhallTest;

/**
 * The bank holidays refresh reads GOV.UK's feed (played here by WireMock in its shape) into the
 * database, where every instance finds it; a feed that cannot be reached or read changes nothing.
 */
@TownhallTest
class BankHolidaysTest {

    /** A one-off holiday, as a coronation or a jubilee adds: only the feed can know it. */
    private static final LocalDate ONE_OFF = LocalDate.of(2027, 6, 4);

    @Autowired BankHolidays bankHolidays;
    @Autowired JdbcClient jdbc;
    @Value("${townhall.bank-holidays.refresh-cron}") String cron;
    WireMockServer govUk;

    @BeforeEach
    void start() {
        govUk = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        govUk.start();
    }

    @AfterEach
    void stopAndForget() {
        govUk.stop();
        jdbc.sql("delete from bank_holiday").update();
        bankHolidays.forget();
    }

    private URI feed() {
        return URI.create(govUk.baseUrl() + "/bank-holidays.json");
    }

    private void serve(int status, String body) {
        govUk.stubFor(get("/bank-holidays.json").willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    private static String feedWithOneOff() {
        return GovUkFeeds.feed(GovUkFeeds.year2027(
                ", {\"title\": \"Extra bank holiday\", \"date\": \"" + ONE_OFF + "\", \"notes\": \"\", \"bunting\": true}"));
    }

    @Test
    void aRefreshStoresTheFeedAndWorkingDaysFollowIt() {
        assertThat(bankHolidays.workingDays().isWorkingDay(ONE_OFF)).as("before: an ordinary Friday").isTrue();
        serve(200, feedWithOneOff());

        BankHolidays.Refreshed refreshed = bankHolidays.refreshFrom(feed());

        assertThat(refreshed.ok()).isTrue();
        assertThat(refreshed.stored()).isEqualTo(9);
        assertThat(jdbc.sql("select count(*) from bank_holiday").query(Long.class).single()).isEqualTo(9);
        assertThat(bankHolidays.workingDays().isWorkingDay(ONE_OFF)).isFalse();
        // Years the feed does not cover still come from the copy Townhall carries.
        assertThat(bankHolidays.workingDays().isWorkingDay(LocalDate.of(2026, 12, 28))).isFalse();
    }

    @Test
    void aFeedThatCannotBeReachedOrReadLeavesTheLastOneInPlace() {
        URI address = feed();
        serve(200, feedWithOneOff());
        assertThat(bankHolidays.refreshFrom(address).ok()).isTrue();

        serve(503, "<html>Service unavailable</html>");
        assertThat(bankHolidays.refreshFrom(feed()).problem()).contains("503");
        serve(200, "<html>Welcome to GOV.UK</html>");
        assertThat(bankHolidays.refreshFrom(feed()).problem()).contains("not JSON");
        serve(200, GovUkFeeds.feed(""));
        assertThat(bankHolidays.refreshFrom(feed()).problem()).contains("no events");
        govUk.stop();
        assertThat(bankHolidays.refreshFrom(address).problem()).contains("could not be reached");

        assertThat(jdbc.sql("select count(*) from bank_holiday").query(Long.class).single()).isEqualTo(9);
        assertThat(bankHolidays.workingDays().isWorkingDay(ONE_OFF)).isFalse();
    }

    @Test
    void withNothingStoredTheCopyTownhallCarriesIsUsed() {
        assertThat(jdbc.sql("select count(*) from bank_holiday").query(Long.class).single()).isZero();
        WorkingDays days = bankHolidays.workingDays();
        assertThat(days.after(LocalDate.of(2026, 12, 24), 2)).isEqualTo(LocalDate.of(2026, 12, 30));
        assertThat(days.after(LocalDate.of(2027, 3, 25), 2)).isEqualTo(LocalDate.of(2027, 3, 31));
    }

    @Test
    void theDailyRefreshIsOffInTests() {
        assertThat(cron).isEqualTo("-");
    }
}
