package org.townhall.accounts;

import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.OptionalLong;

/**
 * Time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30-second steps, which every
 * authenticator app supports). A code is accepted for the current step or one either side, to
 * allow for clock drift, and never for a step already used.
 */
final class Totp {

    static final int PERIOD_SECONDS = 30;
    private static final int DIGITS = 6;
    private static final int DRIFT_STEPS = 1;

    private final CodeGenerator generator = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);

    String newSecret() {
        return new DefaultSecretGenerator(32).generate();
    }

    String qrCodeDataUri(String issuer, String account, String secret) {
        QrData data = new QrData.Builder().label(account).secret(secret).issuer(issuer)
                .algorithm(HashingAlgorithm.SHA1).digits(DIGITS).period(PERIOD_SECONDS).build();
        try {
            ZxingPngQrGenerator png = new ZxingPngQrGenerator();
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.generate(data));
        } catch (QrGenerationException e) {
            throw new IllegalStateException("Could not draw the QR code", e);
        }
    }

    /** The time step the code matches, if any. */
    OptionalLong matchingStep(String secret, String code, Instant now) {
        if (secret == null || code == null || !code.matches("\\d{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        long current = now.getEpochSecond() / PERIOD_SECONDS;
        for (long step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
            if (constantTimeEquals(codeFor(secret, step), code)) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    String codeFor(String secret, long step) {
        try {
            return generator.generate(secret, step);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException("Could not compute a code", e);
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
