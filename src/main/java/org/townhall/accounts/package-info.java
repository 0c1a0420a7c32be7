/**
 * Residents and staff: registration, sign-in, MFA for staff, roles, sessions and throttling of
 * password guessing. The resident account is the front door to every other service, so it is
 * built to survive the attacks that took a council's account platform down.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts")
package org.townhall.accounts;
