package org.townhall.incidents;

import java.security.SecureRandom;

/** The reference people quote for an incident (INC-7KQ2M9XD): random, so it says nothing about how many there are. */
public final class IncidentReferences {

    private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private IncidentReferences() {
    }

    public static String next() {
        StringBuilder reference = new StringBuilder("INC-");
        for (int i = 0; i < 8; i++) {
            reference.append(LETTERS.charAt(RANDOM.nextInt(LETTERS.length())));
        }
        return reference.toString();
    }
}
