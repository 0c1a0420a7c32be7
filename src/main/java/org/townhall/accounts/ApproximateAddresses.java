package org.townhall.accounts;

/**
 * Where a request came from, as the account page shows it: the network, not the address. Enough
 * for a resident to tell "that was my home broadband" from "that was not me", without the page
 * becoming a list of exact addresses for whoever is looking over their shoulder or has their
 * session (UK GDPR art. 5(1)(c), data minimisation). An IPv4 address is shown to its /24
 * ("198.51.100.x"), an IPv6 address to its /48, the part a home or office network is given.
 */
public final class ApproximateAddresses {

    private ApproximateAddresses() {
    }

    public static String of(String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        String bare = address.strip();
        int slash = bare.indexOf('/');
        if (slash >= 0) {
            bare = bare.substring(0, slash);
        }
        if (bare.indexOf(':') < 0) {
            int last = bare.lastIndexOf('.');
            return last < 0 ? "Unknown network" : bare.substring(0, last) + ".x";
        }
        if (bare.startsWith("::ffff:") && bare.indexOf('.') > 0) {
            return of(bare.substring("::ffff:".length()));
        }
        String[] groups = expand(bare);
        return groups == null ? "Unknown network" : strip(groups[0]) + ":" + strip(groups[1]) + ":" + strip(groups[2]) + ":…";
    }

    /** The eight groups of an IPv6 address written with "::", or null if it is not one. */
    private static String[] expand(String address) {
        String[] halves = address.split("::", -1);
        if (halves.length > 2) {
            return null;
        }
        String[] head = halves[0].isEmpty() ? new String[0] : halves[0].split(":");
        String[] tail = halves.length < 2 || halves[1].isEmpty() ? new String[0] : halves[1].split(":");
        if (halves.length == 1 && head.length != 8 || head.length + tail.length > 8) {
            return null;
        }
        String[] groups = new String[8];
        java.util.Arrays.fill(groups, "0");
        System.arraycopy(head, 0, groups, 0, head.length);
        System.arraycopy(tail, 0, groups, 8 - tail.length, tail.length);
        return groups;
    }

    private static String strip(String group) {
        String s = group.replaceFirst("^0+(?=.)", "");
        return s.toLowerCase(java.util.Locale.ROOT);
    }
}
