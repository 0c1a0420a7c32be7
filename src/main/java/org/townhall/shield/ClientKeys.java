package org.townhall.shield;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/**
 * Who a client is, for counting: an IPv4 address as it is, an IPv6 address by its /64, the block
 * one household or phone is usually given (so rotating through one's own /64 gains nothing).
 */
public final class ClientKeys {

    private ClientKeys() {
    }

    public static String of(String address) {
        if (address == null || address.isEmpty()) {
            return "unknown";
        }
        if (address.indexOf(':') < 0) {
            return address;
        }
        if (!address.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return "unknown";
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length == 16) {
                return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
            }
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
