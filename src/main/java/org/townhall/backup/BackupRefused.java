package org.townhall.backup;

/** A backup that must not be restored, and why, in words a council officer can act on. */
public class BackupRefused extends Exception {

    public BackupRefused(String reason) {
        super(reason);
    }

    public BackupRefused(String reason, Throwable cause) {
        super(reason, cause);
    }
}
