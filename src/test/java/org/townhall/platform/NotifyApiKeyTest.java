package org.townhall.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NotifyApiKeyTest {

    private static final String SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506";
    private static final String SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0";

    @Test
    void aKeyIsItsNameTheServiceIdAndTheSecretJoinedByHyphens() {
        NotifyApiKey key = NotifyApiKey.parse("townhall_live-" + SERVICE_ID + "-" + SECRET).orElseThrow();
        assertThat(key.keyName()).isEqualTo("townhall_live");
        assertThat(key.serviceId()).isEqualTo(SERVICE_ID);
        assertThat(key.secretKey()).isEqualTo(SECRET);
    }

    @Test
    void aNameWithHyphensAndSpacesAroundTheKeyAreAccepted() {
        assertThat(NotifyApiKey.parse("  eastbridge-test-key-" + SERVICE_ID + "-" + SECRET + "\n").orElseThrow().keyName())
                .isEqualTo("eastbridge-test-key");
    }

    @Test
    void aKeyWithAPartMissingOrMisshapenIsNotAKey() {
        assertThat(NotifyApiKey.parse(null)).isEmpty();
        assertThat(NotifyApiKey.parse("")).isEmpty();
        assertThat(NotifyApiKey.parse(SERVICE_ID + "-" + SECRET)).as("no name").isEmpty();
        assertThat(NotifyApiKey.parse("name-" + SECRET)).as("no service id").isEmpty();
        assertThat(NotifyApiKey.parse("name-" + SERVICE_ID + "-" + SECRET.replace('3', 'g'))).as("not a UUID").isEmpty();
        assertThat(NotifyApiKey.parse("name " + SERVICE_ID + " " + SECRET)).as("spaces, not hyphens").isEmpty();
    }

    @Test
    void theSecretNeverAppearsWhenTheKeyIsPrinted() {
        assertThat(NotifyApiKey.parse("townhall_live-" + SERVICE_ID + "-" + SECRET).orElseThrow().toString())
                .doesNotContain(SECRET).contains(SERVICE_ID);
    }
}
