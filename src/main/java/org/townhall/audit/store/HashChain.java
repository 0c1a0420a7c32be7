package org.townhall.audit.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over the previous row's hash and this row's canonical content. Each field is
 * length-prefixed so no two different rows share a canonical form; a null field differs from an
 * empty one. The key lives outside the database, so someone who can write to the database cannot
 * forge a consistent chain.
 */
public final class HashChain {

    public static final byte[] GENESIS = new byte[32];
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    /** Looked up and keyed once: finding a provider on every audit row searched the classpath each time. */
    private final Mac prototype;

    public HashChain(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.prototype = initialised();
    }

    /** A new MAC for one thread's run of rows (Mac instances are not thread-safe). */
    public Mac newMac() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return initialised();
        }
    }

    private Mac initialised() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    public static byte[] hash(Mac mac, byte[] previousHash, StoredEvent row) {
        mac.update(previousHash);
        field(mac, Long.toString(row.id()));
        field(mac, Integer.toString(row.chain()));
        field(mac, Long.toString(micros(row.occurredAt())));
        field(mac, row.action());
        field(mac, row.outcome());
        field(mac, row.actorType());
        field(mac, row.actorRef());
        field(mac, row.subjectRef());
        field(mac, row.objectRef());
        addressField(mac, row.clientAddress());
        field(mac, row.requestId());
        field(mac, row.detail());
        return mac.doFinal();
    }

    /** PostgreSQL keeps microseconds; the chain must hash exactly what comes back. */
    public static Instant toStoredPrecision(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private static void field(Mac mac, String value) {
        if (value == null) {
            mac.update(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        mac.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        mac.update(bytes);
    }

    /** Addresses are hashed as their bytes, since PostgreSQL prints IPv6 differently from Java. */
    private static void addressField(Mac mac, String address) {
        if (address == null) {
            field(mac, null);
            return;
        }
        byte[] bytes = addressBytes(address);
        mac.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        mac.update(bytes);
    }

    static byte[] addressBytes(String literal) {
        if (!isAddressLiteral(literal)) {
            throw new IllegalArgumentException("Not an IP address literal");
        }
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Not an IP address literal", e);
        }
    }

    /** Only literals reach InetAddress, so parsing never turns into a DNS look-up. */
    static boolean isAddressLiteral(String value) {
        return value != null && !value.isEmpty() && value.length() <= 45 && value.chars().allMatch(
                c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':');
    }
}
