package org.townhall.parking;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;
import org.townhall.platform.Money;

/** The wording of the letters a decision sends. Statutory content is cited where it comes from. */
@Component
class ParkingLetters {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy");

    String title(String kind) {
        return switch (kind) {
            case "NOTICE_OF_REJECTION" -> "Notice of Rejection of representations";
            case "INFORMAL_REJECTION" -> "Your challenge has been rejected";
            case "CANCELLATION" -> "Your parking fine has been cancelled";
            case "DEEMED_ACCEPTANCE" -> "Your parking fine has been cancelled";
            default -> "Letter about your parking fine";
        };
    }

    String informalRejection(String pcn, String reasons, LocalDate discountUntil, long discountedPence) {
        return "We have considered your challenge to penalty charge notice " + pcn + " and have decided not to cancel it.\n\n"
                + "Our reasons: " + reasons + "\n\n"
                + "You can still pay the reduced amount of " + Money.pounds(discountedPence) + " until " + DATE.format(discountUntil) + ". "
                + "If you do not pay, a Notice to Owner may be sent to the registered keeper, who can then make formal "
                + "representations.";
    }

    /**
     * SI 2007/3482 reg 6: a Notice of Rejection must explain the right of appeal and its time
     * limit, 28 days beginning with the day the notice is served; posted, it is served on the
     * second working day after posting (SI 2007/3483 reg 3).
     */
    String noticeOfRejection(String pcn, String reasons, LocalDate postedOn, LocalDate servedOn, LocalDate appealBy,
                             long chargePence) {
        return "We have considered your representations against the Notice to Owner for penalty charge notice " + pcn
                + " and have rejected them.\n\n"
                + "Our reasons: " + reasons + "\n\n"
                + "The penalty charge of " + Money.pounds(chargePence) + " is now payable. You have the right to appeal to an "
                + "independent adjudicator at London Tribunals against this decision. You must appeal within 28 days "
                + "beginning with the date this notice is served. We posted it on " + DATE.format(postedOn) + ", so it is "
                + "served on " + DATE.format(servedOn) + ", the second working day after posting, and you must appeal by "
                + DATE.format(appealBy) + ". If you neither pay nor "
                + "appeal by then, a charge certificate may be served increasing the charge by 50%.";
    }

    String cancellation(String pcn, String reasons) {
        return "We have accepted your " + "challenge or representations and cancelled penalty charge notice " + pcn + ". "
                + "You do not need to pay anything, and any amount you paid will be refunded.\n\n"
                + (reasons == null || reasons.isBlank() ? "" : "Our reasons: " + reasons);
    }

    /** SI 2007/3482 reg 5(5): no decision in 56 days means the representations are accepted. */
    String deemedAcceptance(String pcn, LocalDate decideBy) {
        return "We did not decide your representations against penalty charge notice " + pcn + " by "
                + DATE.format(decideBy) + ", the last day the law allows. They are therefore accepted and the penalty "
                + "charge notice is cancelled. You do not need to pay anything, and any amount you paid will be refunded.";
    }
}
