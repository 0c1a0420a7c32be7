package org.townhall.parking;

import org.springframework.stereotype.Component;
import org.townhall.evidence.EvidenceAccessPolicy;
import org.townhall.evidence.Reader;
import org.townhall.parking.store.CaseStore;

/** Evidence of a parking case is open to the officer the case is assigned to, and to no other staff. */
@Component
class ParkingEvidencePolicy implements EvidenceAccessPolicy {

    private final CaseStore cases;

    ParkingEvidencePolicy(CaseStore cases) {
        this.cases = cases;
    }

    @Override
    public boolean staffMayRead(Reader reader, String caseRef) {
        return reader.kind() == Reader.Kind.STAFF
                && cases.findByRef(caseRef).map(c -> reader.ref().equals(c.assignedOfficer())).orElse(false);
    }
}
