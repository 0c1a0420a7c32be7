package org.townhall.platform;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.townhall.platform.calendar.BankHolidayFeed;
import org.townhall.platform.calendar.RegularBankHolidays;

/** Working days from the bank holidays Townhall carries, as the application counts them when the database has none. */
public final class BankHolidayCopies {

    private BankHolidayCopies() {
    }

    public static WorkingDays englandAndWales() {
        try (InputStream in = BankHolidayCopies.class.getResourceAsStream("/platform/bank-holidays.json")) {
            Map<Integer, Set<LocalDate>> byYear = new HashMap<>();
            BankHolidayFeed.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .forEach(h -> byYear.computeIfAbsent(h.date().getYear(), y -> new HashSet<>()).add(h.date()));
            return new WorkingDays(byYear, RegularBankHolidays::of);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
