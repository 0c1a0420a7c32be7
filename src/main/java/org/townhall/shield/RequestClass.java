package org.townhall.shield;

/**
 * How much a request matters when the site is under pressure. Essential: finishing something a
 * resident has already started (submitting a written challenge, staff signing in to run the
 * response). Bulk: what floods are made of (anonymous look-ups, sign-in and registration
 * attempts, exports). Normal: everything else.
 */
public enum RequestClass {
    ESSENTIAL, NORMAL, BULK
}
