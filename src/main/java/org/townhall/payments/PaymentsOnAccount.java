package org.townhall.payments;

import java.util.List;
import org.springframework.stereotype.Component;
import org.townhall.accounts.ResidentServices;

/**
 * Puts "Your payments" on the resident's account page from the start: a resident who has just
 * paid and come back to check, or who paid in another tab, must find the list before the first
 * payment has shown up in it.
 */
@Component
class PaymentsOnAccount implements ResidentServices {

    private final Payments payments;

    PaymentsOnAccount(Payments payments) {
        this.payments = payments;
    }

    @Override
    public List<ServiceLink> servicesFor(String residentRef) {
        return List.of(new ServiceLink("Your payments", "Every payment you make online and whether it went through",
                "/payments"));
    }
}
