package org.townhall.billing;

import java.time.LocalDate;
import java.util.List;

/** A rent account as the tenant sees it. Rent is charged weekly, in advance, on Mondays. */
public record RentAccount(String ref, String tenancyRef, String propertyAddress, long weeklyRentPence, LocalDate tenancyStartsOn,
                          long balancePence, long arrearsPence, List<StatementLine> statement) {
}
