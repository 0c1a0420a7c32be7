package org.townhall.evidence;

/**
 * Whether a member of staff may read the documents of a case. The module that owns the case
 * (parking, for challenges) implements it: only it knows who the case is assigned to. With no
 * policy that says yes, staff read nothing. The owner of a document may always read it.
 */
public interface EvidenceAccessPolicy {

    boolean staffMayRead(Reader reader, String caseRef);
}
