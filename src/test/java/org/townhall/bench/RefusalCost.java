package org.townhall.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Phase 3 of {@link ShieldBench}: the server CPU a refused request costs against a served page,
 * each over one kept-alive connection, so a flood the shield refuses cannot cost what it would
 * cost to serve.
 */
final class RefusalCost {

    private RefusalCost() {
    }

    static void run(int port) throws IOException {
        System.out.println("\nCost of refusal: warming up ...");
        serverCpuPerRequest(port, 3_000, true);
        serverCpuPerRequest(port, 3_000, false);
        // Background work (garbage collection, scheduled jobs) lands in whichever round it falls in:
        // the median of five alternating rounds of each.
        List<Double> servedRounds = new ArrayList<>();
        List<Double> refusedRounds = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            servedRounds.add(serverCpuPerRequest(port, 2_000, true));
            refusedRounds.add(serverCpuPerRequest(port, 2_000, false));
        }
        Collections.sort(servedRounds);
        Collections.sort(refusedRounds);
        double served = servedRounds.get(2);
        double refused = refusedRounds.get(2);
        System.out.printf("%nCOST OF REFUSAL (server CPU per request; the client's own CPU subtracted)%n");
        System.out.printf("  served page (GET /parking, a new session and CSRF token): %.1f us%n", served / 1000);
        System.out.printf("  refused (429 before any session or database work):        %.1f us%n", refused / 1000);
        System.out.printf("  ratio %.3f (aim <= 0.05)%n", refused / served);
    }

    /** Nanoseconds of CPU the application spent per request (process CPU less this client thread's). */
    private static double serverCpuPerRequest(int port, int count, boolean served) throws IOException {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String flooder = "203.0.113.99";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            if (!served) {
                for (int i = 0; i < 400; i++) {
                    RawHttp.get(out, in, flooder);
                }
            }
            long processBefore = os.getProcessCpuTime();
            long clientBefore = threads.getCurrentThreadCpuTime();
            int expected = served ? 200 : 429;
            int wrong = 0;
            for (int i = 0; i < count; i++) {
                if (RawHttp.get(out, in, served ? ShieldBench.freshAddress(11) : flooder) != expected) {
                    wrong++;
                }
            }
            long server = (os.getProcessCpuTime() - processBefore) - (threads.getCurrentThreadCpuTime() - clientBefore);
            if (wrong > 0) {
                System.out.printf("  (%d of %d answers were not %d)%n", wrong, count, expected);
            }
            return (double) server / count;
        }
    }
}
