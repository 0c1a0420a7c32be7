package org.townhall.accounts;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.townhall.accounts.store.ResidentStore;
import org.townhall.accounts.store.StaffStore;
import org.townhall.platform.PublicReferences;
import org.townhall.platform.SecretBox;

/**
 * Builders for residents and staff in tests: {@code fixtures.aResident().build()},
 * {@code fixtures.aStaffMember().withRole(AUDITOR).enrolled().build()}.
 */
@Component
public class AccountFixtures {

    public static final String PASSWORD = "correct horse battery staple";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final ResidentStore residents;
    private final StaffStore staff;
    private final Passwords passwords;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecretBox box;
    private String passwordHash;

    AccountFixtures(ResidentStore residents, StaffStore staff, Passwords passwords, JdbcClient jdbc, Clock clock, SecretBox box) {
        this.box = box;
        this.residents = residents;
        this.staff = staff;
        this.passwords = passwords;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public static String uniqueEmail(String who) {
        return who + "." + SEQUENCE.incrementAndGet() + "." + System.nanoTime() % 100000 + "@example.com";
    }

    public record Resident(String ref, String email, String password) {
    }

    public record Staff(String ref, String email, String password, String totpSecret) {
        /** The code the staff member's authenticator app shows for this time step. */
        public String codeAt(long epochSecond) {
            try {
                return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(totpSecret, epochSecond / 30);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public ResidentBuilder aResident() {
        return new ResidentBuilder();
    }

    public StaffBuilder aStaffMember() {
        return new StaffBuilder();
    }

    /** Forgets failed sign-ins, so one test's deliberate failures do not throttle the next. */
    public void clearSignInThrottles() {
        jdbc.sql("delete from sign_in_throttle").update();
    }

    private String hash() {
        if (passwordHash == null) {
            passwordHash = passwords.hash(PASSWORD);
        }
        return passwordHash;
    }

    public class ResidentBuilder {
        private String email = uniqueEmail("resident");
        private String name = "Test Resident";
        private boolean verified = true;

        public ResidentBuilder withEmail(String value) {
            email = value;
            return this;
        }

        public ResidentBuilder named(String value) {
            name = value;
            return this;
        }

        public ResidentBuilder unverified() {
            verified = false;
            return this;
        }

        public Resident build() {
            String ref = PublicReferences.next();
            residents.insert(ref, email, Emails.normalise(email), name, hash(), clock.instant(), verified, false).orElseThrow();
            return new Resident(ref, email, PASSWORD);
        }
    }

    public class StaffBuilder {
        private String email = uniqueEmail("staff");
        private final Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
        private boolean enrolled;
        private String fullName = "Test Staff";

        public StaffBuilder named(String value) {
            fullName = value;
            return this;
        }

        public StaffBuilder withRole(StaffRole role) {
            roles.add(role);
            return this;
        }

        public StaffBuilder enrolled() {
            enrolled = true;
            return this;
        }

        public Staff build() {
            String ref = PublicReferences.next();
            long id = staff.insert(ref, email, Emails.normalise(email), fullName, hash(), clock.instant(), false).orElseThrow();
            roles.forEach(role -> staff.grant(id, role, clock.instant()));
            String secret = null;
            if (enrolled) {
                secret = new Totp().newSecret();
                staff.setPendingTotpSecret(id, box.seal(secret, ref));
                staff.confirmTotp(id, -1, clock.instant());
            }
            return new Staff(ref, email, PASSWORD, secret);
        }
    }
}
