package org.townhall.billing;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.townhall.accounts.ResidentServices;
import org.townhall.platform.Money;

/**
 * Puts council tax and rent on the resident's account page: the accounts they hold, and those
 * waiting for an activation code, named only by the reference the resident typed.
 */
@Component
class BillingOnAccount implements ResidentServices {

    private final CouncilTax councilTax;
    private final Rent rent;
    private final AccountHolders holders;

    BillingOnAccount(CouncilTax councilTax, Rent rent, AccountHolders holders) {
        this.councilTax = councilTax;
        this.rent = rent;
        this.holders = holders;
    }

    @Override
    public List<ServiceLink> servicesFor(String residentRef) {
        List<ServiceLink> links = new ArrayList<>();
        for (CouncilTaxAccount a : councilTax.accountsOf(residentRef)) {
            links.add(new ServiceLink("Council tax " + a.accountNumber(), a.propertyAddress() + ". Balance " + Money.pounds(a.balancePence()),
                    "/council-tax/" + a.ref()));
        }
        for (RentAccount a : rent.accountsOf(residentRef)) {
            links.add(new ServiceLink("Rent " + a.tenancyRef(), a.propertyAddress() + ". Balance " + Money.pounds(a.balancePence()),
                    "/rent/" + a.ref()));
        }
        for (PendingLink p : holders.waitingFor(residentRef)) {
            links.add(new ServiceLink(p.title(),
                    "Waiting for you to enter the activation code we post to " + p.kind().postedTo(), p.path()));
        }
        links.add(new ServiceLink("Add a council tax account", "You need your account number and the property's postcode",
                "/council-tax/link"));
        links.add(new ServiceLink("Add a rent account", "You need your tenancy reference and your date of birth", "/rent/link"));
        return links;
    }
}
