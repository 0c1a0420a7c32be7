package org.townhall.backup;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Gets AES-GCM and SHA-256 compiled before a backup or a restore leans on them. The JVM compiles
 * a method, and with it the processor's AES and SHA instructions, only after it has been called
 * thousands of times; a backup calls the cipher once per 1 MB segment, so without this the first
 * gigabyte or so of a backup is encrypted by the interpreter: about 25 MB/s against well over
 * 1 GB/s once compiled (measured by bench/backup.sh, where encryption was 9 of a 15-second backup).
 * Small messages, through the same calls Tink's streaming AEAD makes, under a throwaway key,
 * until a batch runs at compiled speed; once compiled, the first batch says so and it stops.
 */
final class CryptoWarmUp {

    private static final int MESSAGES_PER_BATCH = 1024;
    private static final int MESSAGE_BYTES = 256;
    /** A batch of small messages: compiled it takes a millisecond or two, interpreted some 100. */
    private static final long COMPILED_BATCH_NANOS = 10_000_000;
    /** Past this it gives up: the backup is correct either way, only slower. */
    private static final long MOST_NANOS = 5_000_000_000L;

    private CryptoWarmUp() {
    }

    /** Runs batches until one is fast enough or time is up; returns the batches run. */
    static int run() {
        try {
            byte[] keyBytes = new byte[32];
            new SecureRandom().nextBytes(keyBytes);
            SecretKey key = new SecretKeySpec(keyBytes, "AES");
            Cipher encrypt = Cipher.getInstance("AES/GCM/NoPadding");
            Cipher decrypt = Cipher.getInstance("AES/GCM/NoPadding");
            MessageDigest sha = LogicalDump.sha256();
            ByteBuffer plain = ByteBuffer.allocate(MESSAGE_BYTES);
            ByteBuffer sealed = ByteBuffer.allocate(MESSAGE_BYTES + 16);
            ByteBuffer opened = ByteBuffer.allocate(MESSAGE_BYTES);
            byte[] nonce = new byte[12];
            long counter = 0;
            long started = System.nanoTime();
            int batches = 0;
            while (true) {
                long batchStarted = System.nanoTime();
                for (int i = 0; i < MESSAGES_PER_BATCH; i++) {
                    counter++;
                    for (int b = 0; b < 8; b++) {
                        nonce[b] = (byte) (counter >>> (8 * b));
                    }
                    GCMParameterSpec spec = new GCMParameterSpec(128, nonce);
                    encrypt.init(Cipher.ENCRYPT_MODE, key, spec);
                    plain.clear();
                    sealed.clear();
                    // As Tink seals a segment: the part it held, then the part just written.
                    encrypt.update(plain.slice(0, MESSAGE_BYTES / 2), sealed);
                    plain.position(MESSAGE_BYTES / 2);
                    encrypt.doFinal(plain, sealed);
                    sha.update(sealed.array(), 0, sealed.position());
                    decrypt.init(Cipher.DECRYPT_MODE, key, spec);
                    sealed.flip();
                    opened.clear();
                    decrypt.doFinal(sealed, opened);
                }
                sha.reset();
                batches++;
                long now = System.nanoTime();
                if (now - batchStarted < COMPILED_BATCH_NANOS || now - started > MOST_NANOS) {
                    return batches;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }
}
