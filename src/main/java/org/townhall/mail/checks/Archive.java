package org.townhall.mail.checks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What a zip file holds (Office documents are zips too), read within limits: entry names, whether
 * any entry is encrypted (a password-protected archive hides its content from every scanner),
 * entries' bytes up to a budget, and whether it inflates past any sane size (a zip bomb).
 */
public record Archive(List<Entry> entries, boolean encrypted, boolean bomb, boolean unreadable) {

    /** 100 MB inflated in all, or 100 times the archive's own size plus 10 MB: past either it is a bomb. */
    static final long MAX_INFLATED = 100L * 1024 * 1024;
    static final int MAX_ENTRIES = 2000;
    /** Only this much of each entry is kept for looking inside; the rest is counted, not stored. */
    static final int KEEP_PER_ENTRY = 8 * 1024 * 1024;

    public record Entry(String name, byte[] head, long size) {
    }

    public static Archive read(byte[] zip) {
        List<Entry> entries = new ArrayList<>();
        boolean encrypted = hasEncryptedEntry(zip);
        long budget = Math.min(MAX_INFLATED, zip.length * 100L + 10L * 1024 * 1024);
        long inflated = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            byte[] buffer = new byte[64 * 1024];
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (entries.size() >= MAX_ENTRIES) {
                    return new Archive(entries, encrypted, true, false);
                }
                ByteArrayOutputStream kept = new ByteArrayOutputStream();
                long size = 0;
                try {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        size += n;
                        inflated += n;
                        if (inflated > budget) {
                            entries.add(new Entry(entry.getName(), kept.toByteArray(), size));
                            return new Archive(entries, encrypted, true, false);
                        }
                        if (kept.size() < KEEP_PER_ENTRY) {
                            kept.write(buffer, 0, (int) Math.min(n, KEEP_PER_ENTRY - kept.size()));
                        }
                    }
                } catch (java.util.zip.ZipException encryptedOrBroken) {
                    encrypted = encrypted || encryptedOrBroken.getMessage() != null
                            && encryptedOrBroken.getMessage().contains("encrypted");
                }
                entries.add(new Entry(entry.getName(), kept.toByteArray(), size));
            }
        } catch (IOException | RuntimeException broken) {
            return new Archive(entries, encrypted, false, entries.isEmpty());
        }
        return new Archive(entries, encrypted, false, false);
    }

    /** Bit 0 of the general purpose flags in any local or central header: the entry is encrypted. */
    private static boolean hasEncryptedEntry(byte[] zip) {
        for (int i = 0; i + 8 < zip.length; i++) {
            if (zip[i] == 'P' && zip[i + 1] == 'K') {
                if (zip[i + 2] == 3 && zip[i + 3] == 4 && (zip[i + 6] & 1) == 1) {
                    return true;
                }
                if (zip[i + 2] == 1 && zip[i + 3] == 2 && i + 9 < zip.length && (zip[i + 8] & 1) == 1) {
                    return true;
                }
            }
        }
        return false;
    }
}
