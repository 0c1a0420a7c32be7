package org.townhall.incidents.detect;

import java.util.List;
import org.townhall.audit.AuditQuery;
import org.townhall.incidents.ObservableKind;

/**
 * One thing detection noticed: its facts (no personal data beyond references and addresses),
 * the blast-radius question to ask about it, if any, and the observables it names.
 */
record Signal(SignalKind kind, String facts, AuditQuery blastRadius, List<Observed> observables) {

    record Observed(ObservableKind kind, String value) {
    }

    static Signal of(SignalKind kind, String facts) {
        return new Signal(kind, facts, null, List.of());
    }
}
