package org.townhall.mail.smtp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.internal.io.DotTerminatedInputStream;
import org.subethamail.smtp.internal.io.DotUnstuffingInputStream;
import org.subethamail.smtp.internal.io.ReceivedHeaderStream;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * SubEthaSMTP's DATA command, with the client's bytes watched before dot-unstuffing. Its own
 * unstuffing drops the dot of "CRLF . LF" (a smuggling sequence) as if it were stuffing, so the
 * sequence is invisible afterwards; watched here, the message is refused instead. Replaces the
 * library's command of the same name (SubEthaSMTP 7.1.7; its internal stream classes are used
 * as that version has them).
 */
final class GuardedDataCommand extends BaseCommand {

    GuardedDataCommand() {
        super("DATA", "Following text is collected as the message.\nEnd data with <CR><LF>.<CR><LF>");
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        if (!session.isMailTransactionInProgress()) {
            session.sendResponse("503 5.5.1 Error: need MAIL command");
            return;
        }
        if (session.getRecipientCount() == 0) {
            session.sendResponse("503 5.5.1 Error: need RCPT command");
            return;
        }
        session.sendResponse("354 End data with <CR><LF>.<CR><LF>");
        Watch watch = new Watch(session.getRawInput());
        InputStream stream = new DotUnstuffingInputStream(new DotTerminatedInputStream(watch));
        stream = new ReceivedHeaderStream(stream, session.getHelo(), session.getRemoteAddress().getAddress(),
                session.getServer().getHostName(), Optional.of(session.getServer().getSoftwareName()), session.getSessionId(),
                session.getSingleRecipient());
        Watched watched = new Watched(stream, watch);
        String reply;
        try {
            reply = session.getMessageHandler().data(watched);
            while (watched.read() != -1) {
                // the rest of DATA, so the next command is read in step
            }
        } catch (DropConnectionException e) {
            throw e;
        } catch (RejectException e) {
            while (watched.read() != -1) {
                // as above
            }
            session.sendResponse(e.getErrorResponse());
            session.resetMailTransaction();
            return;
        }
        session.sendResponse(reply == null ? "250 Ok" : "250 " + reply);
        session.resetMailTransaction();
    }

    /** The stream the message handler reads, able to say whether the client's bytes smuggled. */
    static final class Watched extends FilterInputStream {
        private final Watch watch;

        Watched(InputStream in, Watch watch) {
            super(in);
            this.watch = watch;
        }

        boolean smuggling() {
            return watch.seen;
        }
    }

    /**
     * Sees every byte the client sent in DATA, terminator included: a dot alone on a "line" under
     * any reading of line endings, unless both ends are CRLF (that is only the terminator).
     */
    static final class Watch extends FilterInputStream {
        private int before2 = '\r';
        private int before1 = '\n';
        private int dotAt = 0;
        private boolean dotAfterCrlf;
        private int afterDot1 = -1;
        boolean seen;

        Watch(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                see(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            for (int i = 0; i < n; i++) {
                see(buffer[offset + i] & 0xFF);
            }
            return n;
        }

        private void see(int b) {
            if (dotAt == 1) {
                if (b == '\r' || b == '\n') {
                    if (!dotAfterCrlf || b == '\n') {
                        seen = true;
                    }
                    afterDot1 = b;
                    dotAt = 2;
                } else {
                    dotAt = 0;
                }
            } else if (dotAt == 2) {
                if (afterDot1 == '\r' && b != '\n') {
                    seen = true;
                }
                dotAt = 0;
            }
            if (b == '.' && (before1 == '\n' || before1 == '\r') && dotAt == 0) {
                dotAt = 1;
                dotAfterCrlf = before2 == '\r' && before1 == '\n';
            }
            before2 = before1;
            before1 = b;
        }
    }
}
