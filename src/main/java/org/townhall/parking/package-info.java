/**
 * Penalty Charge Notices and what follows them: the statutory timeline, the PCN viewer,
 * challenges and formal representations with evidence (kept in the evidence vault), the
 * officers' queue, decisions and letters. Civil enforcement under the Traffic Management Act 2004
 * and its regulations for England (SI 2007/3482 and SI 2007/3483); see ADR 0008.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Parking")
package org.townhall.parking;
