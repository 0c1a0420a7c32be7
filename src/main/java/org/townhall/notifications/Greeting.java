package org.townhall.notifications;

import java.util.LinkedHashMap;
import java.util.Map;
import org.townhall.platform.PersonNames;

/**
 * How a message greets its reader. Callers give the reader's name as the personalisation field
 * {@code name}, or leave it out when the address has not been confirmed (whoever typed the name
 * may not own the mailbox). The name itself never goes into a message: it becomes
 * {@code greeting}, "Dear" and the name when the name passes the name rule (PersonNames), and a
 * plain "Hello" otherwise. So a name stored before the rule existed, or one that reached the
 * database some other way, cannot put a web address or a second sentence into a genuine council
 * email (ADR 0014).
 */
final class Greeting {

    static final String NAME = "name";
    static final String FIELD = "greeting";
    static final String NEUTRAL = "Hello";

    private Greeting() {
    }

    /** The personalisation as it is stored and sent: {@code name} replaced by {@code greeting}. */
    static Map<String, String> inPlaceOfName(Map<String, String> personalisation) {
        Map<String, String> fields = new LinkedHashMap<>(personalisation);
        String name = fields.remove(NAME);
        fields.put(FIELD, of(name));
        return fields;
    }

    static String of(String name) {
        return PersonNames.isValid(name) ? "Dear " + PersonNames.tidy(name) : NEUTRAL;
    }
}
