package org.townhall.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApproximateAddressesTest {

    @Test
    void showsAnIpv4AddressToItsNetworkOnly() {
        assertThat(ApproximateAddresses.of("198.51.100.4")).isEqualTo("198.51.100.x");
    }

    @Test
    void showsAnIpv6AddressToTheNetworkAHomeOrOfficeIsGiven() {
        assertThat(ApproximateAddresses.of("2001:db8:abcd:12:1:2:3:4")).isEqualTo("2001:db8:abcd:…");
        assertThat(ApproximateAddresses.of("2001:db8::1")).isEqualTo("2001:db8:0:…");
        assertThat(ApproximateAddresses.of("::ffff:203.0.113.9")).isEqualTo("203.0.113.x");
    }

    @Test
    void neverShowsTheWholeAddress() {
        assertThat(ApproximateAddresses.of("203.0.113.77")).doesNotContain("77");
        assertThat(ApproximateAddresses.of("2001:db8:abcd:12:1:2:3:4")).doesNotContain(":1:2:3:4");
        assertThat(ApproximateAddresses.of(null)).isNull();
    }
}
