package org.townhall.mail;

/** What the relay does with a message once every check has scored it. */
public enum Verdict {
    /** Passed on as it came (with the result header). */
    DELIVER,
    /** Passed on with a warning banner prepended to its text. */
    WARN,
    /** Kept back for a security analyst to release or delete. */
    QUARANTINE,
    /** Refused during the SMTP conversation (5xx): the sender's server keeps it. */
    REFUSE
}
