package org.townhall.backup;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar townhall.jar backup | drill | restore | backups}: the same work as the jobs,
 * from a shell, with progress on the terminal, then exit (0 when it worked). Started this way
 * Townhall serves no pages, so it runs beside a live instance.
 */
@Component
public class BackupCommand implements ApplicationRunner {

    static final List<String> COMMANDS = List.of("backup", "drill", "restore", "backups");

    private final Backups backups;
    private final RestoreDrills drills;
    private final RestoredDatabaseDrills restoredCopies;
    private final ConfigurableApplicationContext context;

    BackupCommand(Backups backups, RestoreDrills drills, RestoredDatabaseDrills restoredCopies, ConfigurableApplicationContext context) {
        this.restoredCopies = restoredCopies;
        this.backups = backups;
        this.drills = drills;
        this.context = context;
    }

    /** Whether the command line asks for one of these commands rather than the web application. */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    /** A command serves no pages and, for a restore, adds no demo data to what it is about to replace. */
    public static String[] withDefaults(String[] args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--spring.main.web-application-type=none";
        all[args.length + 1] = "--townhall.demo-data=false";
        return all;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> words = args.getNonOptionArgs();
        if (words.isEmpty() || !COMMANDS.contains(words.get(0))) {
            return;
        }
        int code = run(words.get(0), args);
        System.exit(SpringApplication.exit(context, () -> code));
    }

    int run(String command, ApplicationArguments args) {
        try {
            switch (command) {
                case "backup" -> {
                    BackupSummary backup = backups.backup(p -> System.out.println(p.line()));
                    System.out.printf("Backup %s written: %d bytes, kept %s until %s%n", backup.name(), backup.bytes(),
                            backup.retention(), backup.lockedUntil());
                    return 0;
                }
                case "backups" -> {
                    backups.list().forEach(b -> System.out.printf("%s  %s  %d bytes  schema %s  %s until %s%n", b.name(),
                            b.takenAt(), b.bytes(), b.schemaVersion(), b.retention(), b.lockedUntil()));
                    return 0;
                }
                case "drill" -> {
                    if (option(args, "restored-url") != null) {
                        return drillRestoredCopy(args);
                    }
                    DrillResult result = option(args, "backup") == null ? drills.drillLatest(key(args), this::print)
                            : drills.drill(option(args, "backup"), key(args), this::print);
                    System.out.println(result.passed() ? "Drill passed: recovered " + result.rowsRestored() + " rows in "
                            + result.recoveryMillis() + " ms; data as of " + result.recoveryPoint()
                            : "DRILL FAILED: " + result.problem());
                    return result.passed() ? 0 : 1;
                }
                default -> {
                    String name = option(args, "backup") != null ? option(args, "backup")
                            : backups.latest().map(BackupSummary::name).orElseThrow(() -> new BackupRefused("there is no backup"));
                    DrillResult result = drills.restore(name, key(args), args.containsOption("replace"), this::print);
                    System.out.println("Restored " + name + ": " + result.rowsRestored() + " rows in " + result.recoveryMillis()
                            + " ms. Data is as of " + result.recoveryPoint() + "; nothing after that was restored.");
                    return 0;
                }
            }
        } catch (BackupRefused e) {
            System.err.println("REFUSED: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            System.err.println("FAILED: " + e.getMessage());
            return 1;
        }
    }

    /**
     * {@code drill --restored-url=jdbc:postgresql://scratch:5432/townhall --restored-user=NAME
     * [--restored-to=2026-12-01T09:14:00Z] [--restore-began=…]}, the password in
     * TOWNHALL_RESTORED_PASSWORD: checks a copy restored by pgBackRest (docs/pgbackrest.md).
     */
    private int drillRestoredCopy(ApplicationArguments args) throws BackupRefused {
        String url = option(args, "restored-url");
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new BackupRefused("--restored-url must be a jdbc:postgresql:// address of the restored copy");
        }
        String label = label(url);
        org.springframework.jdbc.datasource.SimpleDriverDataSource copy = new org.springframework.jdbc.datasource.SimpleDriverDataSource(
                new org.postgresql.Driver(), url, option(args, "restored-user"), System.getenv("TOWNHALL_RESTORED_PASSWORD"));
        DrillResult result = restoredCopies.drill(copy, label, instant(args, "restored-to"), instant(args, "restore-began"));
        System.out.println(result.passed() ? "Drill passed: " + result.rowsRestored() + " audit rows verified, "
                + result.evidenceOpened() + " documents opened, ledger balanced; data as of " + result.recoveryPoint()
                + "; recovery time " + result.recoveryMillis() + " ms"
                : "DRILL FAILED: " + result.problem());
        return result.passed() ? 0 : 1;
    }

    /**
     * How the copy is named in the drill history, the log, the audit trail and any incident a failed
     * drill opens: its host, port and database only. Parameters (after '?', ';' or '#', where a
     * password could be) and a "user:password@" before the host are dropped, as PgJDBC never reads
     * the latter but an operator may still type it.
     */
    static String label(String url) {
        String address = url.replaceFirst("^jdbc:postgresql://", "").split("[?;#]", 2)[0];
        int slash = address.indexOf('/');
        String authority = slash < 0 ? address : address.substring(0, slash);
        return "restored copy at " + authority.substring(authority.lastIndexOf('@') + 1) + (slash < 0 ? "" : address.substring(slash));
    }

    private static java.util.Optional<java.time.Instant> instant(ApplicationArguments args, String name) throws BackupRefused {
        String given = option(args, name);
        try {
            return given == null ? java.util.Optional.empty() : java.util.Optional.of(java.time.Instant.parse(given));
        } catch (java.time.format.DateTimeParseException e) {
            throw new BackupRefused("--" + name + " must be a moment such as 2026-12-01T09:14:00Z");
        }
    }

    private void print(Progress progress) {
        System.out.println(progress.line());
    }

    private Path key(ApplicationArguments args) throws BackupRefused {
        String given = option(args, "decryption-key");
        if (given != null) {
            return Path.of(given);
        }
        return drills.configuredOfflineKey().orElseThrow(() -> new BackupRefused(
                "give the offline backup decryption key: --decryption-key=/path/to/backup-decryption.json"));
    }

    private static String option(ApplicationArguments args, String name) {
        List<String> values = args.getOptionValues(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
