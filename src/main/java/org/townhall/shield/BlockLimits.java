package org.townhall.shield;

import java.util.Optional;

/**
 * What an analyst may block in the shield, from its own page or from an incident. The shield refuses a blocked address before
 * anything else, staff pages included, so one slip (0.0.0.0/0, ::/0, the council's own
 * loopback, the analyst's own address) would shut every resident and the analyst out with no
 * page left to undo it. An attack's range wider than a /16 (IPv4) or /32 (IPv6, one provider's
 * allocation) is a matter for the network team, not a rule typed on a form.
 */
public final class BlockLimits {

    public static final int WIDEST_IPV4 = 16;
    public static final int WIDEST_IPV6 = 32;

    private static final Cidr LOOPBACK_V4 = Cidr.parse("127.0.0.0/8").orElseThrow();
    private static final Cidr LOOPBACK_V6 = Cidr.parse("::1/128").orElseThrow();

    private BlockLimits() {
    }

    /** Why this range may not be blocked from an incident, or empty when it may. */
    public static Optional<String> problemWith(String range, String clientAddress) {
        Cidr cidr = Cidr.parse(range).orElse(null);
        if (cidr == null) {
            return Optional.of("Only an address or range can be blocked");
        }
        boolean v4 = cidr.network().length == 4;
        if (cidr.prefix() < (v4 ? WIDEST_IPV4 : WIDEST_IPV6)) {
            return Optional.of("A block can cover at most a /" + (v4 ? WIDEST_IPV4 : WIDEST_IPV6)
                    + " range: " + range + " would shut out far more people than the attack");
        }
        // With the widest prefix at /16 (/32), a range touching loopback lies inside or holds it.
        if (v4 ? LOOPBACK_V4.contains(cidr.network()) : cidr.contains(LOOPBACK_V6.network())) {
            return Optional.of("The council's own loopback address cannot be blocked");
        }
        if (clientAddress != null && cidr.contains(clientAddress)) {
            return Optional.of("That range holds the address you are using now: blocking it would lock you out");
        }
        return Optional.empty();
    }
}
