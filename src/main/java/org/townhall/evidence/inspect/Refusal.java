package org.townhall.evidence.inspect;

/**
 * Thrown from deep inside a check (a stream past the byte budget, a page past the drawing budget)
 * to stop all work on the file at once. Unchecked, so no PDFBox filter or operator that catches
 * IOException to carry on regardless can swallow it.
 */
final class Refusal extends RuntimeException {

    private final transient Inspection.Refused refused;

    Refusal(String problem, String detail) {
        super(detail, null, false, false);
        this.refused = new Inspection.Refused(problem, detail);
    }

    Inspection.Refused refused() {
        return refused;
    }
}
