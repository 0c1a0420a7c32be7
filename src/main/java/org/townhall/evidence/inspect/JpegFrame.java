package org.townhall.evidence.inspect;

import java.util.Optional;

/**
 * The picture size a JPEG declares in its start-of-frame marker, found by walking its segments
 * rather than decoding it: what a decoder will allocate before it reads a single pixel.
 */
final class JpegFrame {

    private JpegFrame() {
    }

    /** Width and height; empty if the bytes are not a JPEG whose segments lead to a frame header. */
    static Optional<long[]> size(byte[] bytes, int from, int to) {
        if (to - from < 4 || (bytes[from] & 0xFF) != 0xFF || (bytes[from + 1] & 0xFF) != 0xD8) {
            return Optional.empty();
        }
        int at = from + 2;
        while (at + 4 <= to) {
            if ((bytes[at] & 0xFF) != 0xFF) {
                return Optional.empty();
            }
            int marker = bytes[at + 1] & 0xFF;
            if (marker == 0xFF) {
                at++;
                continue;
            }
            int length = ((bytes[at + 2] & 0xFF) << 8) | (bytes[at + 3] & 0xFF);
            if (length < 2) {
                return Optional.empty();
            }
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (startOfFrame) {
                if (at + 9 > to) {
                    return Optional.empty();
                }
                long height = ((bytes[at + 5] & 0xFF) << 8) | (bytes[at + 6] & 0xFF);
                long width = ((bytes[at + 7] & 0xFF) << 8) | (bytes[at + 8] & 0xFF);
                return Optional.of(new long[] {width, height});
            }
            at += 2 + length;
        }
        return Optional.empty();
    }
}
