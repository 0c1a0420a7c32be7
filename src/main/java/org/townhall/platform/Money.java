package org.townhall.platform;

import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Pence as residents read and type pounds. Money is stored and added as long pence only; templates
 * format it with {@code ${@money.pounds(amountPence)}}.
 */
@Component("money")
public final class Money {

    Money() {
    }

    /** 12345 → "£123.45"; 100000 → "£1,000.00". */
    public static String pounds(long pence) {
        String sign = pence < 0 ? "-" : "";
        long abs = Math.abs(pence);
        return sign + "£" + String.format("%,d.%02d", abs / 100, abs % 100);
    }

    /**
     * What a resident typed as an amount in pounds ("12", "12.5", "£1,012.50") in pence; empty if
     * it is not an amount of money (more than two decimal places, letters, negative, absurdly large).
     */
    public static Optional<Long> parsePounds(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String text = typed.trim().replace("£", "").replace(",", "");
        if (!text.matches("[0-9]{1,7}(\\.[0-9]{1,2})?")) {
            return Optional.empty();
        }
        String[] parts = text.split("\\.");
        long pounds = Long.parseLong(parts[0]);
        long pence = parts.length == 1 ? 0 : Long.parseLong(parts[1].length() == 1 ? parts[1] + "0" : parts[1]);
        return Optional.of(pounds * 100 + pence);
    }
}
