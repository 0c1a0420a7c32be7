package org.townhall.bench;

import java.util.Arrays;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The cost of one password check at Townhall's Argon2id settings (19 MiB, 2 iterations, 1 lane,
 * as in accounts.Passwords), against bcrypt cost 10 measured in the same run as the baseline.
 * Run with bench/startup-and-sign-in.sh, which adds the full sign-in round trip.
 */
public final class SignInCostBench {

    private SignInCostBench() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        Argon2PasswordEncoder argon2 = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(10);
        String password = "correct horse battery staple";
        String argonHash = argon2.encode(password);
        String bcryptHash = bcrypt.encode(password);
        for (int i = 0; i < 10; i++) {
            argon2.matches(password, argonHash);
            bcrypt.matches(password, bcryptHash);
        }
        double argonMs = median(rounds, () -> argon2.matches(password, argonHash));
        double bcryptMs = median(rounds, () -> bcrypt.matches(password, bcryptHash));
        System.out.printf("argon2id_check_ms=%.1f%n", argonMs);
        System.out.printf("bcrypt10_check_ms=%.1f%n", bcryptMs);
        System.out.printf("argon2id_checks_per_core_second=%.0f%n", 1000 / argonMs);
        System.out.printf("ratio_argon2id_to_bcrypt10=%.2f%n", argonMs / bcryptMs);
    }

    private static double median(int rounds, Runnable check) {
        double[] ms = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            check.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms[rounds / 2];
    }
}
