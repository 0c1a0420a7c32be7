package org.townhall.mail.smtp;

import java.net.InetAddress;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;
import org.townhall.shield.ClientKeys;

/**
 * A connection flood is limited per client (an IPv4 address, an IPv6 /64): so many connections
 * at once and so many a minute. Past either the client hears "421" before the greeting and the
 * connection closes, costing the relay no thread for the conversation.
 */
final class ConnectionLimits implements SessionHandler {

    private final int concurrent;
    private final int perMinute;
    private final Clock clock;
    private final ConcurrentMap<String, Integer> open = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, long[]> minutes = new ConcurrentHashMap<>();

    ConnectionLimits(int concurrent, int perMinute, Clock clock) {
        this.concurrent = concurrent;
        this.perMinute = perMinute;
        this.clock = clock;
    }

    @Override
    public SessionAcceptance accept(Session session) {
        String client = client(session);
        long minute = clock.millis() / 60_000;
        long[] window = minutes.compute(client, (k, w) -> w == null || w[0] != minute ? new long[] {minute, 1} : new long[] {minute, w[1] + 1});
        if (window[1] > perMinute) {
            return SessionAcceptance.failure(421, "4.7.0 Too many connections from your address this minute, try again later");
        }
        boolean[] refused = {false};
        open.compute(client, (k, v) -> {
            int now = v == null ? 0 : v;
            if (now >= concurrent) {
                refused[0] = true;
                return v;
            }
            return now + 1;
        });
        if (refused[0]) {
            return SessionAcceptance.failure(421, "4.7.0 Too many connections from your address, try again later");
        }
        if (minutes.size() > 100_000) {
            minutes.entrySet().removeIf(e -> e.getValue()[0] != minute);
        }
        return SessionAcceptance.success();
    }

    @Override
    public void onSessionEnd(Session session) {
        open.computeIfPresent(client(session), (k, v) -> v <= 1 ? null : v - 1);
    }

    private static String client(Session session) {
        InetAddress address = session.getSocket().getInetAddress();
        return ClientKeys.of(address == null ? "" : address.getHostAddress());
    }
}
