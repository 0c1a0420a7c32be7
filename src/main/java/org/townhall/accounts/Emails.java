package org.townhall.accounts;

import java.util.Locale;

/** How email addresses are compared: trimmed and case-folded, so Alice@ and alice@ are one account. */
final class Emails {

    private Emails() {
    }

    static String normalise(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }
}
