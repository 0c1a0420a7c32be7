package org.townhall.accounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;
import org.townhall.platform.PublicReferences;

/**
 * Password rules and hashing for residents and staff.
 *
 * <p>Argon2id at OWASP's minimum: 19 MiB, 2 iterations, 1 lane (OWASP Password Storage Cheat
 * Sheet). On this project's 2-core machines a hash costs about 30 ms, so sign-in attempts are
 * throttled before hashing (see SignInThrottle).
 */
@Component
class Passwords {

    /** NCSC password guidance: at least 8 characters, no composition rules, block common ones. */
    static final int MIN_LENGTH = 8;
    /** An upper bound keeps a megabyte "password" from becoming a hashing denial of service. */
    static final int MAX_LENGTH = 128;
    private static final int ARGON2_MEMORY_KIB = 19 * 1024;
    private static final int ARGON2_ITERATIONS = 2;
    private static final int ARGON2_LANES = 1;

    private final Argon2PasswordEncoder encoder =
            new Argon2PasswordEncoder(16, 32, ARGON2_LANES, ARGON2_MEMORY_KIB, ARGON2_ITERATIONS);
    private final Set<String> common = loadCommonPasswords();
    /** Checked when an email is unknown, so a miss costs the same time as a wrong password. */
    private final String decoyHash = encoder.encode(PublicReferences.secretToken());

    String hash(String password) {
        return encoder.encode(password);
    }

    boolean matches(String password, String hash) {
        return hash != null && encoder.matches(password, hash);
    }

    /** Spends the time of one check, for accounts that do not exist. */
    void matchDecoy(String password) {
        encoder.matches(password, decoyHash);
    }

    /** Why this password is refused, in words for the person choosing it; empty if it is fine. */
    Optional<String> problemWith(String password, String email) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("Password must be " + MIN_LENGTH + " characters or more");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("Password must be " + MAX_LENGTH + " characters or fewer");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            return Optional.of("This password is too common and easy to guess. Choose a different password");
        }
        if (email != null && !email.isBlank()) {
            String mailbox = email.toLowerCase(Locale.ROOT).split("@")[0];
            if (lower.equals(email.toLowerCase(Locale.ROOT)) || (mailbox.length() >= 4 && lower.contains(mailbox))) {
                return Optional.of("Password must not contain your email address");
            }
        }
        return Optional.empty();
    }

    private static Set<String> loadCommonPasswords() {
        Set<String> list = new HashSet<>(16_000);
        ClassPathResource resource = new ClassPathResource("accounts/common-passwords.txt");
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8))) {
            reader.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                    .forEach(line -> list.add(line.trim().toLowerCase(Locale.ROOT)));
        } catch (IOException e) {
            throw new UncheckedIOException("The common password list is missing", e);
        }
        return list;
    }
}
