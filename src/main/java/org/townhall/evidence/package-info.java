/**
 * The evidence vault: documents residents upload to support a challenge (scanned cheques,
 * medical letters, anything), checked before anything is stored, encrypted each with its own
 * key, served only to the owner and to staff the owning module's policy admits, and every read
 * recorded where the owner can see it. Built against the attack in which a council's appeals
 * viewer served anyone's evidence to anyone who edited a URL.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Evidence vault")
package org.townhall.evidence;
