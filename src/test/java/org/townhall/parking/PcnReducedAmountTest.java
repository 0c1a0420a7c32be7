package org.townhall.parking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/** The PCN page says until when the reduced amount applies, beside the amount itself. */
@TownhallTest
class PcnReducedAmountTest {

    static final Pattern UNTIL = Pattern.compile("id=\"discount-until\">([0-9]{1,2} [A-Z][a-z]+ [0-9]{4})</strong>");

    @LocalServerPort int port;
    @Autowired ParkingFixtures parking;

    @Test
    void theReducedAmountSaysTheLastDayItApplies() {
        parking.clearLookupCounts();
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(2).forVehicle("AB12CDE").build();
        Visitor visitor = new Visitor(port);
        visitor.get("/parking");
        visitor.post("/parking", "pcnNumber", pcn.number(), "registration", "AB12CDE");
        String body = visitor.get("/parking/pcn/" + pcn.ref()).body();
        Matcher until = UNTIL.matcher(body);
        assertThat(until.find()).as("the reduced amount names its last day").isTrue();
        assertThat(body).containsPattern(Pattern.quote(until.group(1)) + "</dt>\\s*<dd[^>]*>Last day to pay the discounted amount");
    }
}
