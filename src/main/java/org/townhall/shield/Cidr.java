package org.townhall.shield;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * An address range such as 203.0.113.0/24 or 2001:db8::/32 (a single address is a /32 or /128).
 * Parsed from literals only: nothing here ever asks DNS.
 */
public record Cidr(byte[] network, int prefix) {

    public static Optional<Cidr> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        String[] parts = trimmed.split("/", -1);
        if (parts.length > 2 || !parts[0].matches("[0-9a-fA-F:.]{2,45}") || !(parts[0].contains(".") || parts[0].contains(":"))) {
            return Optional.empty();
        }
        try {
            byte[] address = InetAddress.getByName(parts[0]).getAddress();
            int max = address.length * 8;
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : max;
            if (prefix < 0 || prefix > max) {
                return Optional.empty();
            }
            return Optional.of(new Cidr(mask(address, prefix), prefix));
        } catch (UnknownHostException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public boolean contains(String address) {
        return parse(address).map(a -> contains(a.network)).orElse(false);
    }

    /** Whether an address (4 or 16 bytes) is in this range. */
    public boolean contains(byte[] address) {
        return address.length == network.length && java.util.Arrays.equals(mask(address, prefix), network);
    }

    /** How PostgreSQL's cidr type writes it. */
    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr c && c.prefix == prefix && java.util.Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(network) * 31 + prefix;
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int bit = prefix; bit < masked.length * 8; bit++) {
            masked[bit / 8] &= (byte) ~(1 << (7 - bit % 8));
        }
        return masked;
    }
}
