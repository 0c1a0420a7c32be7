package org.townhall.accounts;

import java.util.Optional;
import org.springframework.stereotype.Component;
import org.townhall.accounts.store.ResidentStore;
import org.townhall.accounts.store.StaffStore;
import org.townhall.audit.PeopleDirectory;

/** Lets the audit search take an email address: residents first, then staff. */
@Component
class AccountsDirectory implements PeopleDirectory {

    private final ResidentStore residents;
    private final StaffStore staff;

    AccountsDirectory(ResidentStore residents, StaffStore staff) {
        this.residents = residents;
        this.staff = staff;
    }

    @Override
    public Optional<String> referenceForEmail(String email) {
        String normalised = Emails.normalise(email);
        return residents.findByEmail(normalised).map(ResidentStore.ResidentRow::ref)
                .or(() -> staff.findByEmail(normalised).map(StaffStore.StaffRow::ref));
    }
}
