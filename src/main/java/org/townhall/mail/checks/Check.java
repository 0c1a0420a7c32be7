package org.townhall.mail.checks;

import java.util.List;

/** One named screening check. Each is small, reads the message and says what it found; none decides alone. */
public interface Check {

    List<Finding> check(Incoming mail);
}
