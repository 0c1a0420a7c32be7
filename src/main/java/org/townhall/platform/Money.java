package org.townhall.platform;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Pence as residents read and type pounds. Money is stored and added as long pence only; templates
 * format it with {@code ${@money.pounds(amountPence)}}.
 */
@Component("money")
public final class Money {

    /**
     * Pounds as GOV.UK asks for them: whole pounds as plain digits ("1250") or in threes after a
     * comma ("1,250"), then no pence, or pence as two digits ("10.50") or one ("10.5" is ten pounds
     * fifty, never ten pounds five); an optional "£" in front. Anything else, such as "£1,0", "10,00"
     * (a decimal comma) or "1,2345", is not read at all: a comma in the wrong place can mean a
     * hundred times the amount, so it is refused rather than guessed.
     */
    private static final Pattern POUNDS = Pattern.compile(
            "£?\\s*([0-9]{1,7}|[1-9][0-9]{0,2}(?:,[0-9]{3}){1,2})(?:\\.([0-9]{1,2}))?");
    private static final long MOST_POUNDS = 9_999_999;

    Money() {
    }

    /** 12345 → "£123.45"; 100000 → "£1,000.00". */
    public static String pounds(long pence) {
        String sign = pence < 0 ? "-" : "";
        long abs = Math.abs(pence);
        return sign + "£" + String.format("%,d.%02d", abs / 100, abs % 100);
    }

    /**
     * What a resident typed as an amount in pounds ("12", "12.50", "£1,012.50") in pence; empty if
     * it is not a well-formed amount of money, up to £9,999,999.99: callers say so and charge nothing.
     */
    public static Optional<Long> parsePounds(String typed) {
        if (typed == null || typed.length() > 32) {
            return Optional.empty();
        }
        Matcher amount = POUNDS.matcher(typed.strip());
        if (!amount.matches()) {
            return Optional.empty();
        }
        long pounds = Long.parseLong(amount.group(1).replace(",", ""));
        if (pounds > MOST_POUNDS) {
            return Optional.empty();
        }
        String fraction = amount.group(2);
        long pence = fraction == null ? 0 : Long.parseLong(fraction.length() == 1 ? fraction + "0" : fraction);
        return Optional.of(pounds * 100 + pence);
    }
}
