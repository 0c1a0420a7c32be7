package org.townhall.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** rspamd for the mail benchmark: its actions on files through rspamc, and the CPU its processes used. */
final class Rspamd {

    private Rspamd() {
    }

    /** Each file's action ("no action", "add header", "reject", …), scanned 200 files per rspamc call. */
    static Map<Path, String> scan(int port, List<Path> files) throws IOException, InterruptedException {
        Map<Path, String> actions = new HashMap<>();
        for (int from = 0; from < files.size(); from += 200) {
            List<String> command = new ArrayList<>(List.of("rspamc", "-h", "127.0.0.1:" + port, "-t", "60"));
            files.subList(from, Math.min(files.size(), from + 200)).forEach(f -> command.add(f.toString()));
            Process rspamc = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(rspamc.getInputStream(), StandardCharsets.UTF_8))) {
                Path current = null;
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("Results for file: ")) {
                        String name = line.substring("Results for file: ".length()).replaceAll(" \\(.*$", "").strip();
                        current = Path.of(name);
                    } else if (line.startsWith("Action: ") && current != null) {
                        actions.put(current, line.substring("Action: ".length()).strip());
                    }
                }
            }
            rspamc.waitFor();
        }
        return actions;
    }

    /** User and system CPU of every running rspamd process, from /proc (clock ticks of 10 ms). */
    static long cpuNanos() throws IOException {
        long ticks = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    if (Files.readString(process.resolve("comm")).strip().startsWith("rspamd")) {
                        String[] stat = Files.readString(process.resolve("stat")).replaceFirst("^.*\\) ", "").split(" ");
                        ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
                    }
                } catch (IOException gone) {
                    // the process ended meanwhile
                }
            }
        }
        return ticks * 10_000_000L;
    }
}
