package org.townhall.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a resident reaches the council other than online: every page that says "we cannot do this
 * now" (busy, refused, switched off) and the help pages name these, because a resident who
 * cannot use the service still has to pay or challenge by the deadline.
 *
 * @param phone the contact centre's number
 * @param phoneHours when the phone is answered
 * @param visit where to come in person
 * @param visitHours when that office is open
 * @param email the general enquiries mailbox
 * @param feedbackEmail where the beta banner's feedback goes
 * @param accessibilityEmail where accessibility problems are reported
 * @param dpoEmail the data protection officer (UK GDPR art. 37)
 * @param postalAddress the council's address as controller of residents' data (UK GDPR art. 13(1)(a))
 */
@ConfigurationProperties("townhall.council.contact")
public record CouncilContact(String phone, String phoneHours, String visit, String visitHours, String email,
                             String feedbackEmail, String accessibilityEmail, String dpoEmail, String postalAddress) {
}
