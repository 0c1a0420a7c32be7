package org.townhall.accounts;

import java.util.List;

/**
 * How a module puts its services on a resident's account page (council tax, rent, parking…).
 * Modules that serve residents implement it; accounts lists whatever they offer.
 */
public interface ResidentServices {

    List<ServiceLink> servicesFor(String residentRef);

    /** One service on the account page. */
    record ServiceLink(String title, String description, String href) {
    }
}
