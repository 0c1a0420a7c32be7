package org.townhall.incidents.web;

import java.util.HashMap;
import java.util.Map;

/** Reading radio buttons and selects: a value that is not one of the choices is no choice. */
final class Choices {

    private Choices() {
    }

    static <E extends Enum<E>> E of(Class<E> type, String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, name.trim());
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /** What the user typed, to show again with the error (nulls as empty). */
    static Map<String, String> typed(String... keyValues) {
        Map<String, String> typed = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            typed.put(keyValues[i], keyValues[i + 1] == null ? "" : keyValues[i + 1]);
        }
        return typed;
    }
}
