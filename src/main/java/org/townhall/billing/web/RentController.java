package org.townhall.billing.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.townhall.accounts.SignedInUser;
import org.townhall.billing.AccountHolders;
import org.townhall.billing.AccountKind;
import org.townhall.billing.BillingLinks;
import org.townhall.billing.Rent;
import org.townhall.billing.RentAccount;
import org.townhall.billing.StatementFiles;
import org.townhall.payments.Payments;
import org.townhall.platform.ClientOrigin;
import org.townhall.platform.CouncilProperties;

/** A council tenant's rent: add the tenancy, see the statement, pay. */
@Controller
class RentController {

    private final Rent rent;
    private final BillingLinks links;
    private final AccountHolders holders;
    private final CouncilProperties council;
    private final StatementFiles statementFiles;

    RentController(Rent rent, BillingLinks links, AccountHolders holders, CouncilProperties council, StatementFiles statementFiles) {
        this.statementFiles = statementFiles;
        this.rent = rent;
        this.links = links;
        this.holders = holders;
        this.council = council;
    }

    @GetMapping("/rent/link")
    String linkForm(Model model) {
        model.addAttribute("form", Forms.RentLink.empty());
        return "billing/rent-link";
    }

    @PostMapping("/rent/link")
    String link(@Valid @ModelAttribute("form") Forms.RentLink form, BindingResult errors,
                @AuthenticationPrincipal SignedInUser resident, HttpServletRequest request, HttpServletResponse response) {
        LocalDate bornOn = dateOf(form.bornDay(), form.bornMonth(), form.bornYear());
        if (bornOn == null) {
            errors.rejectValue("bornDay", "invalid", "Enter your date of birth as numbers, for example 27 3 1985");
        }
        if (errors.hasErrors()) {
            return "billing/rent-link";
        }
        return Linking.answer(links.linkRent(form.tenancyRef(), bornOn, resident.ref(), ClientOrigin.of(request)), errors, response,
                "tenancyRef", "/rent/", "billing/rent-link",
                "We could not find a rent account with that tenancy reference and date of birth. Check both and try again");
    }

    @GetMapping("/rent/{ref}")
    String account(@PathVariable String ref, @AuthenticationPrincipal SignedInUser resident, Model model) {
        model.addAttribute("account", mine(ref, resident));
        model.addAttribute("holders", holders.seenBy(AccountKind.RENT, ref, resident.ref()));
        model.addAttribute("form", new Forms.Pay("other", "", Payments.newIdempotencyKey()));
        return "billing/rent";
    }

    @PostMapping("/rent/{ref}/pay")
    String pay(@PathVariable String ref, @Valid @ModelAttribute("form") Forms.Pay form, BindingResult errors,
               @AuthenticationPrincipal SignedInUser resident, HttpServletRequest request, HttpServletResponse response, Model model) {
        model.addAttribute("account", mine(ref, resident));
        return Linking.pay(() -> rent.pay(ref, resident.ref(), form.amount(), form.idempotencyKey(), ClientOrigin.of(request)),
                errors, response, "billing/rent");
    }

    @GetMapping("/rent/{ref}/statement.csv")
    void csv(@PathVariable String ref, @AuthenticationPrincipal SignedInUser resident, HttpServletResponse response) throws IOException {
        RentAccount a = forStatement(ref, resident);
        Linking.download(response, "text/csv; charset=UTF-8", "rent-" + a.tenancyRef() + ".csv", StatementFiles.csv(a.statement()));
    }

    @GetMapping("/rent/{ref}/statement.pdf")
    void pdf(@PathVariable String ref, @AuthenticationPrincipal SignedInUser resident, HttpServletResponse response) throws IOException {
        RentAccount a = forStatement(ref, resident);
        Linking.download(response, "application/pdf", "rent-" + a.tenancyRef() + ".pdf", statementFiles.pdf(
                new StatementFiles.Heading(council.name(), "Rent statement", "Tenancy " + a.tenancyRef(), a.propertyAddress(),
                        a.balancePence(), a.arrearsPence()), a.statement()));
    }

    /** The date typed in the three boxes, or null if it is not a real date. */
    static LocalDate dateOf(String day, String month, String year) {
        if (day == null || month == null || year == null || !(day.trim() + month.trim() + year.trim()).matches("[0-9]{3,8}")) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(year.trim()), Integer.parseInt(month.trim()), Integer.parseInt(day.trim()));
        } catch (NumberFormatException | DateTimeException e) {
            return null;
        }
    }

    private RentAccount forStatement(String ref, SignedInUser resident) {
        return rent.statement(ref, resident == null ? null : resident.ref())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private RentAccount mine(String ref, SignedInUser resident) {
        return rent.account(ref, resident == null ? null : resident.ref())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
