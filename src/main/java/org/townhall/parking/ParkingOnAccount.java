package org.townhall.parking;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.townhall.accounts.ResidentServices;

/** Puts parking fines on the resident's account page. */
@Component
class ParkingOnAccount implements ResidentServices {

    private final ParkingFines fines;

    ParkingOnAccount(ParkingFines fines) {
        this.fines = fines;
    }

    @Override
    public List<ServiceLink> servicesFor(String residentRef) {
        List<ServiceLink> links = fines.onAccount(residentRef).stream()
                .map(p -> new ServiceLink("Parking fine " + p.number(), p.contraventionDescription() + " at " + p.location(),
                        "/parking/pcn/" + p.ref()))
                .collect(Collectors.toCollection(ArrayList::new));
        links.add(new ServiceLink("Look up a parking fine", "Find a penalty charge notice with its number and your vehicle registration",
                "/parking"));
        links.add(new ServiceLink("Who has seen my evidence", "Every time someone at the council opened a document you sent us",
                "/parking/evidence-access"));
        return links;
    }
}
