package org.townhall.parking;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Eastbridge PCN numbers: "EB", eight digits and a check letter, so a mistyped number is caught
 * before any look-up. The check letter is the weighted sum of the digits (weights 9 down to 2)
 * modulo 23, as a letter from an alphabet without I, O and Z.
 */
public final class PcnNumbers {

    private static final String CHECK_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXY";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PcnNumbers() {
    }

    public static String next() {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            digits.append(RANDOM.nextInt(10));
        }
        return "EB" + digits + checkLetter(digits.toString());
    }

    /** Upper-cased and without spaces: "eb 1234 5678 x" is "EB12345678X". */
    public static String normalise(String typed) {
        return typed == null ? "" : typed.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
    }

    public static boolean isWellFormed(String number) {
        return number.matches("EB[0-9]{8}[A-Z]") && number.charAt(10) == checkLetter(number.substring(2, 10));
    }

    static char checkLetter(String eightDigits) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (9 - i) * (eightDigits.charAt(i) - '0');
        }
        return CHECK_LETTERS.charAt(sum % CHECK_LETTERS.length());
    }

    /** Vehicle registrations are compared upper-cased without spaces: "ab12 cde" is "AB12CDE". */
    public static String normaliseRegistration(String typed) {
        return typed == null ? "" : typed.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
    }
}
