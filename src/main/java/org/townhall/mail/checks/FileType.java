package org.townhall.mail.checks;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** What a file is by its bytes, never by its name: the types screening treats differently. */
public enum FileType {
    PDF, PNG, JPEG, GIF, BMP, WEBP, ZIP, OLE2, RAR, SEVEN_ZIP, GZIP, CAB, ISO_IMAGE, DISK_IMAGE, EXECUTABLE, SCRIPT, HTML, SVG,
    RTF, TEXT, OTHER;

    public static FileType of(byte[] b) {
        if (b.length == 0) {
            return OTHER;
        }
        if (starts(b, "%PDF-") || indexOf(b, "%PDF-", 1024) >= 0) {
            return PDF;
        }
        if (starts(b, (byte) 0x89, 'P', 'N', 'G')) {
            return PNG;
        }
        if (starts(b, (byte) 0xFF, (byte) 0xD8, (byte) 0xFF)) {
            return JPEG;
        }
        if (starts(b, "GIF8")) {
            return GIF;
        }
        if (starts(b, "BM") && b.length > 26) {
            return BMP;
        }
        if (starts(b, "RIFF") && b.length > 12 && new String(b, 8, 4, StandardCharsets.ISO_8859_1).equals("WEBP")) {
            return WEBP;
        }
        if (starts(b, 'P', 'K', 3, 4) || starts(b, 'P', 'K', 5, 6)) {
            return ZIP;
        }
        if (starts(b, (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0)) {
            return OLE2;
        }
        if (starts(b, "Rar!")) {
            return RAR;
        }
        if (starts(b, '7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C)) {
            return SEVEN_ZIP;
        }
        if (starts(b, 0x1F, (byte) 0x8B)) {
            return GZIP;
        }
        if (starts(b, "MSCF")) {
            return CAB;
        }
        // ISO 9660 volume descriptors start at sector 16 (byte 32769); UDF images too.
        if (at(b, 0x8001, "CD001") || at(b, 0x8801, "CD001") || at(b, 0x9001, "CD001") || at(b, 0x8001, "BEA01")) {
            return ISO_IMAGE;
        }
        if (starts(b, "conectix") || starts(b, "vhdxfile") || at(b, Math.max(0, b.length - 512), "conectix")
                || starts(b, "KDMV") || starts(b, "QFI") || (b.length >= 512 && (b[510] & 0xFF) == 0x55 && (b[511] & 0xFF) == 0xAA
                && (at(b, 54, "FAT") || at(b, 82, "FAT32") || at(b, 3, "NTFS") || at(b, 3, "EXFAT")))) {
            return DISK_IMAGE;
        }
        if (starts(b, "MZ") || starts(b, 0x7F, 'E', 'L', 'F') || starts(b, (byte) 0xCF, (byte) 0xFA, (byte) 0xED, (byte) 0xFE)
                || starts(b, (byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE)) {
            return EXECUTABLE;
        }
        if (starts(b, "{\\rtf")) {
            return RTF;
        }
        String head = new String(b, 0, Math.min(b.length, 2048), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT).stripLeading();
        if (head.startsWith("\ufeff")) {
            head = head.substring(1);
        }
        if (head.startsWith("#!") || head.startsWith("@echo") || head.contains("wscript.") || head.contains("createobject(")
                || head.startsWith("<job") || head.contains("powershell")) {
            return SCRIPT;
        }
        if (head.contains("<svg")) {
            return SVG;
        }
        if (head.startsWith("<!doctype html") || head.startsWith("<html") || head.contains("<html") || head.contains("<head")
                || head.contains("<body") || head.contains("<script") || head.contains("<form") || head.contains("<meta http-equiv")) {
            return HTML;
        }
        return mostlyText(b) ? TEXT : OTHER;
    }

    public boolean isImage() {
        return this == PNG || this == JPEG || this == GIF || this == BMP;
    }

    private static boolean mostlyText(byte[] b) {
        int n = Math.min(b.length, 4096);
        int control = 0;
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xFF;
            if (c < 9 || (c > 13 && c < 32)) {
                control++;
            }
        }
        return control * 100 < n;
    }

    static boolean starts(byte[] b, String s) {
        return at(b, 0, s);
    }

    static boolean at(byte[] b, int offset, String s) {
        byte[] p = s.getBytes(StandardCharsets.ISO_8859_1);
        if (offset < 0 || offset + p.length > b.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (b[offset + i] != p[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean starts(byte[] b, int... p) {
        if (b.length < p.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if ((b[i] & 0xFF) != (p[i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] b, String s, int limit) {
        byte[] p = s.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i + p.length <= Math.min(b.length, limit + p.length); i++) {
            if (at(b, i, s)) {
                return i;
            }
        }
        return -1;
    }
}
