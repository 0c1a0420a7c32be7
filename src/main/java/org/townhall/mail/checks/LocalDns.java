package org.townhall.mail.checks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * DNS answered from records held in memory: loaded from a zone-like text file
 * ({@code name TYPE value}, one record a line, # comments) and added to by tests. A name with
 * the value {@code TIMEOUT} answers with a temporary failure, so tests can show temperror.
 */
public final class LocalDns implements Dns {

    private final Map<String, List<String>> records = new ConcurrentHashMap<>();

    public LocalDns put(String name, Type type, String value) {
        records.computeIfAbsent(key(name, type), k -> new CopyOnWriteArrayList<>()).add(value);
        return this;
    }

    public void remove(String name, Type type) {
        records.remove(key(name, type));
    }

    @Override
    public List<String> lookup(String name, Type type) throws TemporaryFailure {
        List<String> found = records.getOrDefault(key(name, type), List.of());
        if (found.contains("TIMEOUT")) {
            throw new TemporaryFailure("no answer for " + name);
        }
        return List.copyOf(found);
    }

    /** Reads records in the form {@code _dmarc.example.com TXT v=DMARC1; p=reject}. */
    public LocalDns load(InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> bad = new ArrayList<>();
            for (String line; (line = reader.readLine()) != null; ) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] parts = trimmed.split("\\s+", 3);
                try {
                    put(parts[0], Type.valueOf(parts[1].toUpperCase(Locale.ROOT)), parts[2]);
                } catch (RuntimeException e) {
                    bad.add(trimmed);
                }
            }
            if (!bad.isEmpty()) {
                throw new IllegalStateException("Unreadable DNS records: " + bad);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key(String name, Type type) {
        String n = name.toLowerCase(Locale.ROOT);
        return (n.endsWith(".") ? n.substring(0, n.length() - 1) : n) + " " + type;
    }
}
