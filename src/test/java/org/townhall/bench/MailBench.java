package org.townhall.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.townhall.TownhallApplication;
import org.townhall.mail.checks.StepTimes;
import org.townhall.mail.language.LanguageTraining;
import org.townhall.mail.smtp.RelayServer;

/**
 * The whole mail screener (SMTP in, every check, the verdict, delivery into the embedded
 * mailbox) on the held-out part of the public SpamAssassin corpus, never trained on: messages
 * per CPU-second of Townhall's JVM (the sending thread's own CPU taken off), legitimate mail
 * flagged and spam caught. Then rspamd (bench/mail.sh starts it with network modules off) on the
 * same files in the same run, its CPU read from /proc. Run with bench/mail.sh.
 */
public final class MailBench {

    private MailBench() {
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]);
        int rspamdPort = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        List<Path> ham = new ArrayList<>();
        List<Path> spam = new ArrayList<>();
        List<Path> warmUp = new ArrayList<>();
        for (String folder : List.of("easy-ham-1", "easy-ham-2", "hard-ham-1", "spam-1", "spam-2")) {
            (folder.startsWith("spam") ? spam : ham).addAll(LanguageTraining.files(corpus.resolve(folder), true));
            // Every training message, twice over: the relay runs for months, so what is measured is its
            // steady state, not the JIT compiling it (C2's CPU counts as the relay's otherwise).
            warmUp.addAll(LanguageTraining.files(corpus.resolve(folder), false));
        }
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TownhallApplication.class).run(
                "--server.port=0", "--townhall.demo-data=false", "--logging.level.root=warn", "--townhall.mail.relay.port=0",
                "--townhall.mail.relay.connections-per-address-per-minute=100000",
                "--townhall.embedded-database.clean=true",
                "--townhall.embedded-database.data-dir=" + Files.createTempDirectory("townhall-bench-db"),
                "--townhall.keys.local-dir=" + Files.createTempDirectory("townhall-bench-keys"))) {
            int port = app.getBean(RelayServer.class).port();
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            System.out.printf("warming up on %d training messages%n", warmUp.size());
            send(port, warmUp);
            drain(jdbc);
            send(port, warmUp);
            drain(jdbc);
            List<Path> all = new ArrayList<>(ham);
            all.addAll(spam);
            StepTimes times = app.getBean(StepTimes.class);
            times.reset();
            Map<String, Long> threadsBefore = threadCpu();
            long cpuBefore = processCpuNanos();
            long senderBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            Map<Path, String> replies = send(port, all);
            long senderCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - senderBefore;
            drain(jdbc);
            double townhallCpu = (processCpuNanos() - cpuBefore - senderCpu) / 1e9;
            Map<String, Long> threadsAfter = threadCpu();
            System.out.println("CPU of the measured run by thread (milliseconds per 100 messages):");
            long javaThreads = 0;
            for (Map.Entry<String, Long> t : threadsAfter.entrySet()) {
                long used = t.getValue() - threadsBefore.getOrDefault(t.getKey(), 0L);
                if (!t.getKey().startsWith("main")) {
                    javaThreads += used;
                }
                if (used > 1_000_000 && !t.getKey().startsWith("main")) {
                    System.out.printf(Locale.ROOT, "  %-42s %8.1f%n", t.getKey(), used / 1e4 / all.size());
                }
            }
            System.out.printf(Locale.ROOT, "  %-42s %8.1f%n", "JIT compiler, garbage collector, JVM", (townhallCpu * 1e9 - javaThreads) / 1e4 / all.size());
            System.out.println("time per message by step (wall clock on the relay's threads, microseconds):");
            times.totals().forEach((step, t) -> System.out.printf(Locale.ROOT, "  %-42s %8.1f%n", step, t[0] / 1e3 / all.size()));
            Map<Path, String> verdicts = new HashMap<>();
            replies.forEach((file, reply) -> verdicts.put(file, verdict(jdbc, reply)));
            System.out.printf(Locale.ROOT, "held-out messages: %d legitimate, %d spam%n", ham.size(), spam.size());
            report("Townhall", all.size(), townhallCpu, count(ham, verdicts, "WARN|QUARANTINE|REFUSE"),
                    count(spam, verdicts, "WARN|QUARANTINE|REFUSE"), ham.size(), spam.size());
            System.out.printf(Locale.ROOT, "  quarantined or refused only: legitimate %.2f%%, spam %.1f%%%n",
                    100.0 * count(ham, verdicts, "QUARANTINE|REFUSE") / ham.size(), 100.0 * count(spam, verdicts, "QUARANTINE|REFUSE") / spam.size());
            reasons(jdbc, ham, replies, "legitimate mail warned about", "'WARN'");
            reasons(jdbc, ham, replies, "legitimate mail held", "'QUARANTINE', 'REFUSE'");
            if (rspamdPort > 0) {
                long before = Rspamd.cpuNanos();
                Map<Path, String> actions = Rspamd.scan(rspamdPort, all);
                double rspamdCpu = (Rspamd.cpuNanos() - before) / 1e9;
                report("rspamd", all.size(), rspamdCpu, count(ham, actions, "(?!no action).+"), count(spam, actions, "(?!no action).+"),
                        ham.size(), spam.size());
                System.out.printf(Locale.ROOT, "ratio (Townhall messages per CPU-second / rspamd's): %.2f%n",
                        (all.size() / townhallCpu) / (all.size() / rspamdCpu));
            }
        }
    }

    /** Which checks scored on the flagged legitimate messages, so a false positive can be traced to its rule. */
    private static void reasons(JdbcTemplate jdbc, List<Path> files, Map<Path, String> replies, String what, String verdicts) {
        List<String> refs = files.stream().map(replies::get).filter(r -> r != null && r.startsWith("250"))
                .map(r -> r.substring(r.lastIndexOf(' ') + 1)).toList();
        Map<String, Integer> byCheck = new java.util.TreeMap<>();
        for (String ref : refs) {
            jdbc.queryForList("select f.check_name || ': ' || regexp_replace(f.reason, '[0-9a-z.-]+\\.[a-z]{2,}', 'DOMAIN', 'g') "
                    + "from mail_finding f join mail_message m on m.id = f.message_id where m.public_ref = ? and m.verdict in (" + verdicts + ") "
                    + "and f.score > 0", String.class, ref).forEach(r -> byCheck.merge(r.length() > 110 ? r.substring(0, 110) : r, 1, Integer::sum));
        }
        System.out.println("  what scored on " + what + " (messages):");
        byCheck.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(15)
                .forEach(e -> System.out.printf("    %4d  %s%n", e.getValue(), e.getKey()));
    }

    private static void report(String who, int messages, double cpuSeconds, long hamFlagged, long spamCaught, int ham, int spam) {
        System.out.printf(Locale.ROOT, "%-9s %6.1f messages per CPU-second (%d in %.1f CPU-s); legitimate flagged %.2f%% (%d); "
                        + "spam caught %.1f%% (%d)%n", who, messages / cpuSeconds, messages, cpuSeconds, 100.0 * hamFlagged / ham,
                hamFlagged, 100.0 * spamCaught / spam, spamCaught);
    }

    private static long count(List<Path> files, Map<Path, String> outcomes, String regex) {
        return files.stream().filter(f -> outcomes.getOrDefault(f, "").matches(regex)).count();
    }

    private static String verdict(JdbcTemplate jdbc, String reply) {
        if (reply.startsWith("5")) {
            return "REFUSE";
        }
        String ref = reply.substring(reply.lastIndexOf(' ') + 1);
        return jdbc.queryForList("select verdict from mail_message where public_ref = ?", String.class, ref).stream().findFirst()
                .orElse("UNKNOWN");
    }

    private static void drain(JdbcTemplate jdbc) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            Integer waiting = jdbc.queryForObject("select count(*) from mail_delivery where state in ('WAITING', 'SENDING')", Integer.class);
            if (waiting != null && waiting == 0) {
                return;
            }
            Thread.sleep(100);
        }
    }

    /** One connection, one transaction per message, as a busy sending server does. */
    private static Map<Path, String> send(int port, List<Path> files) throws IOException {
        Map<Path, String> replies = new HashMap<>();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            reply(in);
            command(out, in, "EHLO bench.example");
            for (Path file : files) {
                byte[] raw = Files.readAllBytes(file);
                command(out, in, "MAIL FROM:<sender@bench.example>");
                command(out, in, "RCPT TO:<staff@eastbridge.example>");
                command(out, in, "DATA");
                out.write(stuffed(raw));
                out.flush();
                replies.put(file, reply(in));
            }
            command(out, in, "QUIT");
        }
        return replies;
    }

    /** Lines ending CRLF, leading dots doubled, the mbox "From " line of the corpus dropped, then CRLF.CRLF. */
    static byte[] stuffed(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        if (text.startsWith("From ")) {
            text = text.substring(text.indexOf('\n') + 1);
        }
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n").replaceAll("(?m)^\\.", "..");
        return (text + (text.endsWith("\r\n") ? "" : "\r\n") + ".\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String command(OutputStream out, InputStream in, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return reply(in);
    }

    private static String reply(InputStream in) throws IOException {
        String line;
        do {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int c; (c = in.read()) != '\n'; ) {
                if (c < 0) {
                    throw new IOException("relay closed the connection");
                }
                b.write(c);
            }
            line = b.toString(StandardCharsets.US_ASCII).strip();
        } while (line.length() > 3 && line.charAt(3) == '-');
        return line;
    }

    /** CPU time of every live Java thread, by name (threads of one pool summed). */
    private static Map<String, Long> threadCpu() {
        var mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> byName = new java.util.TreeMap<>();
        for (var info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null) {
                long cpu = mx.getThreadCpuTime(info.getThreadId());
                if (cpu > 0) {
                    byName.merge(info.getThreadName().replaceAll("[-#]?\\d+$", ""), cpu, Long::sum);
                }
            }
        }
        return byName;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
