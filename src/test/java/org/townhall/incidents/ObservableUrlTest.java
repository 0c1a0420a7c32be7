package org.townhall.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ObservableUrlTest {

    @Test
    void aWebAddressIsKeptWithoutItsUserAndPassword() {
        assertThat(ObservableKind.URL.normalise("https://Bob:S3cret@Evil.example/Login?x=1")).contains("https://evil.example/Login?x=1");
    }

    @Test
    void aWebAddressDisguisedAsTheCouncilsIsKeptAsTheSiteItLeadsTo() {
        assertThat(ObservableKind.URL.normalise("https://eastbridge.gov.uk@phish.example:8443/pay"))
                .contains("https://phish.example:8443/pay");
    }
}
