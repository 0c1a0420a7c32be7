package org.townhall.billing.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.validation.BindingResult;
import org.townhall.billing.LinkResult;
import org.townhall.billing.PayResult;
import org.townhall.payments.PaymentConflict;
import org.townhall.payments.PaymentsUnavailable;

/** What the council tax and rent pages share: answering a link attempt, a pay request, a download. */
final class Linking {

    private Linking() {
    }

    static String answer(LinkResult result, BindingResult errors, HttpServletResponse response, String field, String accountPath,
                         String view, String noMatch) {
        if (result instanceof LinkResult.Linked linked) {
            return "redirect:" + accountPath + linked.accountRef() + "?linked";
        }
        if (result instanceof LinkResult.Pending pending) {
            return "redirect:" + accountPath + pending.accountRef() + "/activate?asked";
        }
        if (result instanceof LinkResult.TryLater later) {
            long seconds = Math.max(1, later.retryAfter().toSeconds());
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader("Retry-After", Long.toString(seconds));
            errors.reject("throttled", "There have been too many attempts. Try again in " + (seconds + 59) / 60 + " minutes");
            return view;
        }
        errors.rejectValue(field, "noMatch", noMatch);
        return view;
    }

    static String pay(Supplier<PayResult> pay, BindingResult errors, HttpServletResponse response, String view) {
        if (errors.hasErrors()) {
            return view;
        }
        return startingPayment(() -> {
            PayResult result = pay.get();
            if (result instanceof PayResult.Started started) {
                return "redirect:" + started.nextUrl();
            }
            errors.rejectValue("amount", "invalid", ((PayResult.Invalid) result).message());
            return view;
        }, errors, response, view);
    }

    /**
     * Runs a start of a payment, signed in or not, and turns what the payments module refuses (a
     * replayed key with other details, a malformed form, a provider that cannot answer) into the
     * form's error summary with its status, so every pay page says the same thing the same way.
     */
    static String startingPayment(Supplier<String> start, BindingResult errors, HttpServletResponse response, String view) {
        try {
            return start.get();
        } catch (PaymentConflict e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            errors.reject("conflict", "This payment was already started with different details. Reload the page and try again");
        } catch (IllegalArgumentException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            errors.reject("form", "Something went wrong with the form. Reload the page and try again");
        } catch (PaymentsUnavailable e) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            response.setHeader("Retry-After", "300");
            errors.reject("provider", "Online payments are not available at the moment. You have not been charged. Try again in a few minutes");
        }
        return view;
    }

    static void download(HttpServletResponse response, String type, String fileName, byte[] content) throws IOException {
        response.setContentType(type);
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(content.length);
        response.getOutputStream().write(content);
    }
}
