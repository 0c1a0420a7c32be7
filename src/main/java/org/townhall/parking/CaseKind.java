package org.townhall.parking;

/**
 * What a resident made: an informal challenge (before a Notice to Owner; a rejection offers the
 * discount again) or formal representations (after it; undecided for 56 days they are accepted,
 * SI 2007/3482 reg 5(5)). A case never changes its kind; the database refuses it.
 */
public enum CaseKind {
    INFORMAL_CHALLENGE, REPRESENTATIONS
}
