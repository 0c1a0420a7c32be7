package org.townhall.mail.checks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;

/** The machine's resolvers through dnsjava, each query given five seconds (RFC 7208 4.6.4 asks for a bound). */
public final class SystemDns implements Dns {

    private final Resolver resolver;

    public SystemDns() {
        ExtendedResolver extended = new ExtendedResolver();
        extended.setTimeout(Duration.ofSeconds(5));
        extended.setRetries(1);
        this.resolver = extended;
    }

    @Override
    public List<String> lookup(String name, Type type) throws TemporaryFailure {
        try {
            Lookup lookup = new Lookup(name, switch (type) {
                case A -> org.xbill.DNS.Type.A;
                case AAAA -> org.xbill.DNS.Type.AAAA;
                case MX -> org.xbill.DNS.Type.MX;
                case TXT -> org.xbill.DNS.Type.TXT;
                case PTR -> org.xbill.DNS.Type.PTR;
            });
            lookup.setResolver(resolver);
            Record[] answers = lookup.run();
            if (lookup.getResult() == Lookup.TRY_AGAIN) {
                throw new TemporaryFailure(name + ": " + lookup.getErrorString());
            }
            List<String> values = new ArrayList<>();
            for (Record answer : answers == null ? new Record[0] : answers) {
                if (answer instanceof TXTRecord txt) {
                    values.add(String.join("", txt.getStrings()));
                } else if (answer instanceof ARecord a) {
                    values.add(a.getAddress().getHostAddress());
                } else if (answer instanceof AAAARecord aaaa) {
                    values.add(aaaa.getAddress().getHostAddress());
                } else if (answer instanceof MXRecord mx) {
                    values.add(mx.getTarget().toString());
                } else if (answer instanceof PTRRecord ptr) {
                    values.add(ptr.getTarget().toString());
                }
            }
            return values;
        } catch (TextParseException notAName) {
            return List.of();
        }
    }
}
