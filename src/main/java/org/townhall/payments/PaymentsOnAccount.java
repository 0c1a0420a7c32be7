package org.townhall.payments;

import java.util.List;
import org.springframework.stereotype.Component;
import org.townhall.accounts.ResidentServices;

/** Puts "Your payments" on the resident's account page once they have made one. */
@Component
class PaymentsOnAccount implements ResidentServices {

    private final Payments payments;

    PaymentsOnAccount(Payments payments) {
        this.payments = payments;
    }

    @Override
    public List<ServiceLink> servicesFor(String residentRef) {
        if (!payments.hasAny(residentRef)) {
            return List.of();
        }
        return List.of(new ServiceLink("Your payments", "Every payment you have made online and whether it went through",
                "/payments"));
    }
}
