package org.townhall.notifications;

import java.util.LinkedHashMap;
import java.util.Map;
import org.townhall.platform.PersonNames;

/**
 * How an email greets its reader. The reader's name, given only when their address is confirmed
 * (whoever typed the name may not own the mailbox), never goes into a message itself: it becomes
 * {@code greeting}, "Dear" and the name when the name passes the name rule (PersonNames), and a
 * plain "Hello" otherwise. So a name stored before the rule existed, or one that reached the
 * database some other way, cannot put a web address or a second sentence into a genuine council
 * email (ADR 0014). No message has a name field for it to hide in: a record's fields are its
 * template's placeholders, and no template has ((name)) (GreetingTest).
 */
final class Greeting {

    static final String FIELD = "greeting";
    static final String NEUTRAL = "Hello";

    private Greeting() {
    }

    /** The message's placeholders as they are stored and sent: with the greeting for this name, or "Hello" for none. */
    static Map<String, String> opening(Notification message, String name) {
        Map<String, String> fields = new LinkedHashMap<>(message.placeholders());
        fields.put(FIELD, of(name));
        return fields;
    }

    static String of(String name) {
        return PersonNames.isValid(name) ? "Dear " + PersonNames.tidy(name) : NEUTRAL;
    }
}
