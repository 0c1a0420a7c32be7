package org.townhall.mail.smtp;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.command.MailCommand;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * SubEthaSMTP's MAIL command (7.1.7), with a SIZE declaration too large for a Java int answered
 * as RFC 1870 6.1 says (552, the transaction refused, the connection kept) instead of the
 * library's number parsing failing and the connection being dropped with 421.
 */
final class GuardedMailCommand extends BaseCommand {

    private static final Pattern SIZE = Pattern.compile("(?i)\\sSIZE=\\s*([0-9]+)");
    private final MailCommand library = new MailCommand();

    GuardedMailCommand() {
        super("MAIL", "Specifies the sender.", "FROM:<sender> [ <parameters> ]");
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        Matcher size = SIZE.matcher(commandString);
        if (!session.isMailTransactionInProgress() && size.find() && !fitsInt(size.group(1))) {
            session.sendResponse("552 5.3.4 Message size exceeds fixed limit");
            return;
        }
        library.execute(commandString, session);
    }

    private static boolean fitsInt(String digits) {
        String d = digits.replaceFirst("^0+(?=.)", "");
        return d.length() < 10 || d.length() == 10 && d.compareTo("2147483647") <= 0;
    }
}
