package org.townhall.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.townhall.platform.calendar.BankHolidayFeed;
import org.townhall.platform.calendar.BankHolidayStore;
import org.townhall.platform.calendar.RegularBankHolidays;

/**
 * England and Wales's bank holidays, and so its working days. Read from GOV.UK's feed by a daily
 * job into the database; for a year the database does not hold, from the copy Townhall carries
 * (GOV.UK's, as published); for a year neither holds, from the regular pattern, with a warning.
 * A feed that cannot be fetched or read changes nothing. See ADR 0013.
 */
@Service
public class BankHolidays {

    private static final Logger log = LoggerFactory.getLogger(BankHolidays.class);
    private static final String BUNDLED = "/platform/bank-holidays.json";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Every instance rereads the database this often, so one instance's refresh reaches all. */
    private static final Duration REREAD_AFTER = Duration.ofHours(1);

    private final BankHolidayStore store;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final URI feed;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final List<BankHolidayFeed.Holiday> bundled;
    private volatile Loaded loaded;

    private record Loaded(WorkingDays days, Instant at) {
    }

    /** What became of a refresh: how many holidays were stored, or why none were. */
    public record Refreshed(int stored, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    BankHolidays(BankHolidayStore store, TransactionTemplate transactions, Clock clock,
                 @Value("${townhall.bank-holidays.feed-url:https://www.gov.uk/bank-holidays.json}") URI feed) {
        this.store = store;
        this.transactions = transactions;
        this.clock = clock;
        this.feed = feed;
        this.bundled = readBundled();
    }

    /** Working days as Townhall knows them now. */
    public WorkingDays workingDays() {
        Loaded current = loaded;
        if (current == null || current.at().plus(REREAD_AFTER).isBefore(clock.instant())) {
            current = new Loaded(build(store.all()), clock.instant());
            loaded = current;
        }
        return current.days();
    }

    /** Rereads the database at the next question, as after a refresh. */
    void forget() {
        loaded = null;
    }

    /** Every day at 04:40 London time; off where townhall.bank-holidays.refresh-cron is "-" (the tests). */
    @Scheduled(cron = "${townhall.bank-holidays.refresh-cron:0 40 4 * * *}", zone = "Europe/London")
    void refreshDaily() {
        refreshFrom(feed);
    }

    /** Reads the feed at this address and, if it is a whole calendar, stores it in place of the last one. */
    public Refreshed refreshFrom(URI address) {
        String body;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(address).timeout(TIMEOUT)
                            .header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                return kept(address, "it answered " + response.statusCode());
            }
            body = response.body();
        } catch (IOException e) {
            return kept(address, "it could not be reached (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return kept(address, "the refresh was interrupted");
        }
        List<BankHolidayFeed.Holiday> holidays;
        try {
            holidays = BankHolidayFeed.parse(body);
        } catch (BankHolidayFeed.Unreadable e) {
            return kept(address, "it was not a calendar Townhall could use: " + e.getMessage());
        }
        Instant now = clock.instant();
        if (!Boolean.TRUE.equals(transactions.execute(status -> store.replace(holidays, now)))) {
            return new Refreshed(0, "another instance is refreshing");
        }
        forget();
        log.info("Bank holidays refreshed from {}: {} from {} to {}", address, holidays.size(),
                holidays.stream().map(BankHolidayFeed.Holiday::date).min(LocalDate::compareTo).orElseThrow(),
                holidays.stream().map(BankHolidayFeed.Holiday::date).max(LocalDate::compareTo).orElseThrow());
        return new Refreshed(holidays.size(), null);
    }

    private static Refreshed kept(URI address, String why) {
        log.warn("Bank holidays not refreshed from {}: {}. Townhall keeps the ones it had.", address, why);
        return new Refreshed(0, why);
    }

    /** Stored years first, then the bundled copy's, then the regular pattern. */
    private WorkingDays build(Collection<BankHolidayFeed.Holiday> stored) {
        Map<Integer, Set<LocalDate>> byYear = new HashMap<>();
        stored.forEach(h -> byYear.computeIfAbsent(h.date().getYear(), y -> new HashSet<>()).add(h.date()));
        Map<Integer, Set<LocalDate>> fromCopy = new HashMap<>();
        bundled.forEach(h -> fromCopy.computeIfAbsent(h.date().getYear(), y -> new HashSet<>()).add(h.date()));
        fromCopy.forEach(byYear::putIfAbsent);
        return new WorkingDays(byYear, year -> {
            log.warn("No published bank holidays for {}: working days that year follow the regular pattern. "
                    + "Check that the bank holidays refresh can reach GOV.UK.", year);
            return RegularBankHolidays.of(year);
        });
    }

    private static List<BankHolidayFeed.Holiday> readBundled() {
        try (InputStream in = BankHolidays.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED + " is missing from the application");
            }
            return BankHolidayFeed.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (BankHolidayFeed.Unreadable e) {
            throw new IllegalStateException(BUNDLED + " is not a calendar: " + e.getMessage(), e);
        }
    }
}
