package org.townhall.incidents;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.townhall.shield.Cidr;

/**
 * What an incident involves that can be searched for. Each value is checked and stored in one
 * normal form, so the same address typed two ways on two incidents is found as one.
 */
public enum ObservableKind {
    ADDRESS("Address or range", "For example, 203.0.113.7 or 203.0.113.0/24"),
    ACCOUNT("Account", "A resident's or staff member's reference or email address"),
    EMAIL_DOMAIN("Email domain", "For example, eastbridge-council-tax.example"),
    FILE_HASH("File hash", "MD5, SHA-1, SHA-256 or SHA-512, in hexadecimal"),
    URL("Web address", "Starting https:// or http://");

    private static final Pattern ACCOUNT_TEXT = Pattern.compile("[\\p{Alnum}@._+\\-]{1,254}");
    private static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,62}");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{128}");

    private final String title;
    private final String hint;

    ObservableKind(String title, String hint) {
        this.title = title;
        this.hint = hint;
    }

    public String title() {
        return title;
    }

    public String hint() {
        return hint;
    }

    /** The value in its stored form, or empty when it is not one of these. */
    public Optional<String> normalise(String typed) {
        if (typed == null || typed.isBlank() || typed.length() > 2000) {
            return Optional.empty();
        }
        String value = typed.trim();
        return switch (this) {
            case ADDRESS -> Cidr.parse(value).map(Cidr::toString);
            case ACCOUNT -> ACCOUNT_TEXT.matcher(value).matches()
                    ? Optional.of(value.contains("@") ? value.toLowerCase(Locale.ROOT) : value) : Optional.empty();
            case EMAIL_DOMAIN -> {
                String domain = value.toLowerCase(Locale.ROOT);
                domain = domain.startsWith("@") ? domain.substring(1) : domain;
                yield DOMAIN.matcher(domain).matches() ? Optional.of(domain) : Optional.empty();
            }
            case FILE_HASH -> {
                String hash = value.toLowerCase(Locale.ROOT);
                yield HASH.matcher(hash).matches() ? Optional.of(hash) : Optional.empty();
            }
            case URL -> url(value);
        };
    }

    public String problem() {
        return "Enter a valid " + title.toLowerCase(Locale.ROOT) + ": " + hint.substring(0, 1).toLowerCase(Locale.ROOT)
                + hint.substring(1);
    }

    private static Optional<String> url(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                    || value.chars().anyMatch(c -> c <= ' ')) {
                return Optional.empty();
            }
            String rest = (uri.getRawPath() == null ? "" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                    + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
            // The user and password part (https://user:secret@host/) is dropped: a password is
            // never kept on the register, and "https://eastbridge.gov.uk@phish.example/" is a
            // link to phish.example, so it is stored, shown and matched as that.
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
                    + rest);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
