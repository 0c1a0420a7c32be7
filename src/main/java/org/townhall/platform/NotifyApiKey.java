package org.townhall.platform;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GOV.UK Notify API key as Notify hands it out: the key's name, then the service id and the
 * secret key (each a UUID), joined by hyphens, e.g. {@code townhall_live-<service id>-<secret key>}.
 * The service id signs tokens as their issuer and the secret key signs them; the name is only for
 * people. Checked at start-up so that a key pasted wrongly (a missing part, a space, the service id
 * alone) stops Townhall with a clear message instead of failing every email later.
 */
public record NotifyApiKey(String keyName, String serviceId, String secretKey) {

    public static final String FORMAT = "the key name, the service id and the secret key joined by hyphens, "
            + "as GOV.UK Notify shows it when the key is created: my_key_name-<service id>-<secret key>, each id a UUID";
    private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final Pattern KEY = Pattern.compile("(\\S+)-(" + UUID + ")-(" + UUID + ")");

    /** Empty when the value is not in Notify's format; the value itself is never repeated anywhere. */
    public static Optional<NotifyApiKey> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher key = KEY.matcher(value.trim());
        return key.matches() ? Optional.of(new NotifyApiKey(key.group(1), key.group(2), key.group(3))) : Optional.empty();
    }

    @Override
    public String toString() {
        return "NotifyApiKey[" + keyName + ", service " + serviceId + ", secret hidden]";
    }
}
