/**
 * Inbound mail screening: an SMTP relay in front of the council's mail server that refuses,
 * quarantines, warns about or delivers each message on the scores of small named checks (sender
 * authentication, impersonation, links, attachments, malware, wording), with the analysts'
 * quarantine, "this is phishing" and daily figures. Built against the targeted phishing that
 * gets past ordinary filters: lookalike council domains, supplier bank-detail changes, QR codes
 * in PDFs leading to fake staff sign-ins.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Mail screening")
package org.townhall.mail;
