package org.townhall.mail.checks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local threat-intelligence feeds: every file in a directory, in the common open formats — one
 * domain or URL a line (OpenPhish, URLhaus text exports, PhishTank URL lists), hosts files
 * ("0.0.0.0 bad.example"), Adblock-style "||bad.example^", with # or ! comments. Reloaded on a
 * schedule; a feed that cannot be read keeps its last good copy.
 */
public final class ThreatFeeds {

    private static final Logger log = LoggerFactory.getLogger(ThreatFeeds.class);

    private final Path directory;
    private volatile Map<String, String> domains = Map.of();
    private volatile Map<String, String> urls = Map.of();

    public ThreatFeeds(Path directory) {
        this.directory = directory;
    }

    /** Reads every feed file again; returns how many entries are now known. */
    public int reload() {
        if (directory == null || !Files.isDirectory(directory)) {
            return 0;
        }
        Map<String, String> newDomains = new HashMap<>();
        Map<String, String> newUrls = new HashMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String feed = file.getFileName().toString();
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (String line : lines) {
                    parse(line).ifPresent(entry -> {
                        if (entry.contains("/")) {
                            newUrls.putIfAbsent(normaliseUrl(entry), feed);
                        } else {
                            newDomains.putIfAbsent(entry, feed);
                        }
                    });
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Threat feeds in {} could not all be read; keeping the last good copy", directory);
            return domains.size() + urls.size();
        }
        domains = Map.copyOf(newDomains);
        urls = Map.copyOf(newUrls);
        return domains.size() + urls.size();
    }

    /** The feed that lists this link (its exact URL, its host or a parent domain of it), if any. */
    public Optional<String> listing(Link link) {
        String feed = urls.get(normaliseUrl(link.url()));
        if (feed != null) {
            return Optional.of(feed);
        }
        return domain(link.asciiHost());
    }

    public Optional<String> domain(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        while (!h.isEmpty()) {
            String feed = domains.get(h);
            if (feed != null) {
                return Optional.of(feed);
            }
            int dot = h.indexOf('.');
            if (dot < 0) {
                break;
            }
            h = h.substring(dot + 1);
        }
        return Optional.empty();
    }

    static Optional<String> parse(String line) {
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#") || s.startsWith("!") || s.startsWith("[")) {
            return Optional.empty();
        }
        if (s.startsWith("||")) {
            s = s.substring(2).replaceAll("\\^.*$", "");
        }
        String[] parts = s.split("\\s+");
        if (parts.length >= 2 && parts[0].matches("0\\.0\\.0\\.0|127\\.0\\.0\\.1|::1?")) {
            s = parts[1];
        } else {
            s = parts[0];
        }
        s = s.toLowerCase(Locale.ROOT);
        if (s.startsWith("http://") || s.startsWith("https://")) {
            return Optional.of(s);
        }
        return s.matches("[a-z0-9*_.-]+\\.[a-z0-9-]{2,}") ? Optional.of(s.replaceFirst("^\\*\\.", "")) : Optional.empty();
    }

    /** Scheme and trailing slash ignored, host lower case, so http://x/a/ and https://X/a match. */
    static String normaliseUrl(String url) {
        String u = url.strip().replaceFirst("(?i)^https?://", "");
        int slash = u.indexOf('/');
        String host = (slash < 0 ? u : u.substring(0, slash)).toLowerCase(Locale.ROOT);
        String rest = slash < 0 ? "" : u.substring(slash);
        return (host + rest).replaceAll("/+$", "");
    }
}
