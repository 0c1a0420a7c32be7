package org.townhall.mail.checks;

import java.util.List;

/**
 * The DNS answers sender authentication needs. An edge with two real sides: the machine's
 * resolvers in production ({@link SystemDns}), and records held in memory ({@link LocalDns}) for
 * tests and the default profile, which must work on a machine with no network.
 */
public interface Dns {

    enum Type { A, AAAA, MX, TXT, PTR }

    /** The records of that type, empty when the name has none (NXDOMAIN included). */
    List<String> lookup(String name, Type type) throws TemporaryFailure;

    /** No answer in time, or a server failure: the result is "temperror", never "none". */
    final class TemporaryFailure extends Exception {
        public TemporaryFailure(String message) {
            super(message, null, false, false);
        }
    }
}
