package org.townhall.evidence;

import java.util.List;

/**
 * Files that passed every check, or the problems that stop the whole submission. Only
 * {@link EvidenceVault#check} makes one, so nothing unchecked can reach {@link EvidenceVault#store}.
 */
public final class CheckedFiles {

    private final List<Accepted> accepted;
    private final List<String> problems;

    /** A file as the checks left it: its detected type, and the copy officers open (null when they open the file itself). */
    record Accepted(String fileName, String contentType, byte[] content, byte[] safeCopy) {
    }

    CheckedFiles(List<Accepted> accepted, List<String> problems) {
        this.accepted = List.copyOf(accepted);
        this.problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** What to tell the resident, one line per refused file, naming it. */
    public List<String> problems() {
        return problems;
    }

    public int count() {
        return accepted.size();
    }

    List<Accepted> accepted() {
        return accepted;
    }
}
