package org.townhall.evidence;

/** A file as a resident uploaded it: the name they gave it (which decides nothing) and its bytes. */
public record IncomingFile(String fileName, byte[] content) {
}
