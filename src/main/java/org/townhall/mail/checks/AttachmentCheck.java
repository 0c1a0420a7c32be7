package org.townhall.mail.checks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.townhall.mail.message.Attachment;
import org.townhall.mail.message.Html;

/**
 * Attachments judged by what they are, not what they are called: web pages (a fake sign-in
 * page opened from disk has no address bar to give it away), disk images and archives that
 * carry programs past filters, Office files with macros, archives locked with a password so no
 * scanner can see in, names with two extensions ("invoice.pdf.exe"), and names that lie about
 * the content.
 */
public final class AttachmentCheck implements Check {

    static final String NAME = "attachments";
    static final Set<String> DANGEROUS = Set.of("exe", "scr", "com", "pif", "bat", "cmd", "js", "jse", "vbs", "vbe", "wsf", "wsh",
            "ps1", "hta", "lnk", "jar", "msi", "msp", "cpl", "reg", "iso", "img", "vhd", "vhdx", "one", "chm", "appx", "msix",
            "dll", "sys", "gadget", "application", "url", "scf", "xll", "library-ms", "settingcontent-ms", "docm", "xlsm", "pptm",
            "dotm", "xltm", "xlam", "ppam", "ppsm", "sldm", "svg", "htm", "html", "shtml", "xhtml", "mht", "mhtml");
    private static final Set<String> DOCUMENTS = Set.of("pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt", "jpg", "jpeg",
            "png", "gif", "csv", "rtf", "odt", "ods", "zip");
    private static final Pattern DOUBLE_EXTENSION = Pattern.compile("(?i)\\.([a-z0-9]{2,5})[\\s._-]*\\.([a-z0-9]{2,5})\\s*$");
    private static final Pattern ACTIVE_PDF = Pattern.compile("/(JavaScript|JS|Launch|EmbeddedFile|XFA|RichMedia)\\b");

    @Override
    public List<Finding> check(Incoming incoming) {
        List<Finding> findings = new ArrayList<>();
        for (Attachment attachment : incoming.mail().attachments()) {
            incoming.attachmentHashes().add(attachment.sha256());
            inspect(attachment.fileName(), attachment.content(), 0, findings);
        }
        return findings.size() > 20 ? findings.subList(0, 20) : findings;
    }

    private void inspect(String fileName, byte[] content, int depth, List<Finding> findings) {
        String name = fileName.strip();
        String shown = name.isEmpty() ? "an unnamed attachment" : "\"" + name + "\"";
        String extension = extension(name);
        FileType type = FileType.of(content);
        if (ImpersonationCheck.BIDI.matcher(name).find()) {
            findings.add(Finding.of(NAME, 8, shown + " holds characters that reverse its name on screen, hiding its real extension"));
        }
        var doubled = DOUBLE_EXTENSION.matcher(name);
        if (doubled.find() && DOCUMENTS.contains(doubled.group(1).toLowerCase(Locale.ROOT))
                && !doubled.group(1).equalsIgnoreCase(doubled.group(2))) {
            findings.add(Finding.of(NAME, 6, shown + " has two extensions, hiding what it really is"));
        }
        if (DANGEROUS.contains(extension) && type != FileType.HTML && type != FileType.SVG) {
            findings.add(Finding.of(NAME, 8, shown + " is a kind of file that can run code (." + extension + ")"));
        }
        if (mismatch(extension, type)) {
            findings.add(Finding.of(NAME, 4, shown + " is called ." + extension + " but is really " + describe(type)));
        }
        switch (type) {
            case EXECUTABLE, SCRIPT -> findings.add(Finding.of(NAME, 10, shown + " contains a program (" + describe(type) + ")"));
            case ISO_IMAGE, DISK_IMAGE -> findings.add(Finding.of(NAME, 8, shown + " is a disk image, used to carry programs past filters"));
            case HTML, SVG -> web(shown, content, type, findings);
            case ZIP -> zip(shown, content, depth, findings);
            case OLE2 -> {
                if (ole2Macros(content)) {
                    findings.add(Finding.of(NAME, 8, shown + " is an Office document with macros"));
                }
            }
            case RAR, SEVEN_ZIP, CAB -> findings.add(Finding.of(NAME, 3, shown + " is an archive (" + describe(type)
                    + ") that cannot be looked inside here"));
            case PDF -> {
                String text = new String(content, StandardCharsets.ISO_8859_1);
                if (ACTIVE_PDF.matcher(text).find()) {
                    findings.add(Finding.of(NAME, 5, shown + " is a PDF that carries scripts, launch actions or embedded files"));
                }
                if (text.contains("/Encrypt")) {
                    findings.add(Finding.of(NAME, 3, shown + " is a password-protected PDF"));
                }
            }
            default -> {
            }
        }
    }

    private void web(String shown, byte[] content, FileType type, List<Finding> findings) {
        String html = new String(content, StandardCharsets.UTF_8);
        if (Html.hasForm(html) || Html.hasScript(html)) {
            findings.add(Finding.of(NAME, 9, shown + " is a web page with " + (Html.hasForm(html) ? "a form" : "scripts")
                    + ": opened from an attachment, a fake sign-in page shows no address"));
        } else {
            findings.add(Finding.of(NAME, type == FileType.SVG ? 2 : 4, shown + " is a web page"));
        }
    }

    private void zip(String shown, byte[] content, int depth, List<Finding> findings) {
        Archive archive = Archive.read(content);
        if (archive.bomb()) {
            findings.add(Finding.of(NAME, 10, shown + " expands to far more than its size (a zip bomb)"));
            return;
        }
        if (archive.encrypted()) {
            findings.add(Finding.of(NAME, 8, shown + " is a password-protected archive, which no scanner can look inside"));
        }
        boolean office = archive.entries().stream().anyMatch(e -> e.name().startsWith("word/") || e.name().startsWith("xl/")
                || e.name().startsWith("ppt/") || e.name().equals("[Content_Types].xml"));
        for (Archive.Entry entry : archive.entries()) {
            String lower = entry.name().toLowerCase(Locale.ROOT);
            if (lower.endsWith("vbaproject.bin") || lower.endsWith("vbaprojectsignature.bin")) {
                findings.add(Finding.of(NAME, 8, shown + " is an Office document with macros"));
                return;
            }
            if (office) {
                if (lower.endsWith(".rels") && new String(entry.head(), StandardCharsets.UTF_8).contains("TargetMode=\"External\"")
                        && new String(entry.head(), StandardCharsets.UTF_8).matches("(?s).*(attachedTemplate|oleObject|frame).*")) {
                    findings.add(Finding.of(NAME, 6, shown + " loads a template or object from the internet when opened"));
                }
                continue;
            }
            if (depth < 2 && !entry.name().endsWith("/")) {
                inspect(shown.replace("\"", "") + " > " + entry.name(), entry.head(), depth + 1, findings);
            }
        }
    }

    /** A macro project in a legacy Office file is a storage named _VBA_PROJECT (UTF-16 in the directory). */
    static boolean ole2Macros(byte[] content) {
        String utf16 = new String(content, StandardCharsets.UTF_16LE);
        return utf16.contains("_VBA_PROJECT") || utf16.contains("VBA") && utf16.contains("Macros");
    }

    private static boolean mismatch(String extension, FileType type) {
        return switch (extension) {
            case "pdf" -> type != FileType.PDF && type != FileType.OTHER;
            case "jpg", "jpeg", "png", "gif" -> !type.isImage() && type != FileType.OTHER;
            case "docx", "xlsx", "pptx" -> type != FileType.ZIP && type != FileType.OTHER;
            case "txt", "csv" -> type != FileType.TEXT && type != FileType.OTHER && type != FileType.HTML;
            default -> false;
        };
    }

    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).strip().toLowerCase(Locale.ROOT);
    }

    private static String describe(FileType type) {
        return switch (type) {
            case EXECUTABLE -> "a program";
            case SCRIPT -> "a script";
            case HTML -> "a web page";
            case SEVEN_ZIP -> "7-Zip";
            case ISO_IMAGE, DISK_IMAGE -> "a disk image";
            default -> type.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }
}
