package org.townhall.billing.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.util.function.Supplier;
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
import org.townhall.billing.CouncilTax;
import org.townhall.billing.CouncilTaxAccount;
import org.townhall.billing.LinkResult;
import org.townhall.billing.PayChoice;
import org.townhall.billing.PayResult;
import org.townhall.billing.StatementFiles;
import org.townhall.platform.ClientOrigin;
import org.townhall.platform.CouncilProperties;

/** A resident's council tax: add the account, see the bill and statement, pay. */
@Controller
class CouncilTaxController {

    private final CouncilTax councilTax;
    private final BillingLinks links;
    private final AccountHolders holders;
    private final CouncilProperties council;
    private final StatementFiles statementFiles;

    CouncilTaxController(CouncilTax councilTax, BillingLinks links, AccountHolders holders, CouncilProperties council, StatementFiles statementFiles) {
        this.statementFiles = statementFiles;
        this.councilTax = councilTax;
        this.links = links;
        this.holders = holders;
        this.council = council;
    }

    @GetMapping("/council-tax/link")
    String linkForm(Model model) {
        model.addAttribute("form", Forms.CouncilTaxLink.empty());
        return "billing/council-tax-link";
    }

    @PostMapping("/council-tax/link")
    String link(@Valid @ModelAttribute("form") Forms.CouncilTaxLink form, BindingResult errors,
                @AuthenticationPrincipal SignedInUser resident, HttpServletRequest request, HttpServletResponse response) {
        if (errors.hasErrors()) {
            return "billing/council-tax-link";
        }
        LinkResult result = links.linkCouncilTax(form.accountNumber(), form.postcode(), resident.ref(), ClientOrigin.of(request));
        return Linking.answer(result, errors, response, "accountNumber", "/council-tax/", "billing/council-tax-link",
                "We could not find a council tax account with that account number and postcode. Check both and try again");
    }

    @GetMapping("/council-tax/{ref}")
    String account(@PathVariable String ref, @AuthenticationPrincipal SignedInUser resident, Model model) {
        model.addAttribute("account", mine(ref, resident));
        model.addAttribute("holders", holders.seenBy(AccountKind.COUNCIL_TAX, ref, resident.ref()));
        model.addAttribute("form", new Forms.Pay("instalment", "", org.townhall.payments.Payments.newIdempotencyKey()));
        return "billing/council-tax";
    }

    @PostMapping("/council-tax/{ref}/pay")
    String pay(@PathVariable String ref, @Valid @ModelAttribute("form") Forms.Pay form, BindingResult errors,
               @AuthenticationPrincipal SignedInUser resident, HttpServletRequest request, HttpServletResponse response, Model model) {
        CouncilTaxAccount account = mine(ref, resident);
        model.addAttribute("account", account);
        // A choice and a value that contradict it are an error, never settled for the resident: choosing
        // the instalment while typing another amount once charged the instalment, not the amount typed.
        boolean typed = form.amount() != null && !form.amount().isBlank();
        boolean chose = "instalment".equals(form.choice()) || "other".equals(form.choice());
        if ((form.choice() != null && !form.choice().isBlank() && !chose) || (!chose && typed)) {
            errors.rejectValue("choice", "required", "Choose how much to pay");
        } else if ("instalment".equals(form.choice()) && typed) {
            errors.rejectValue("amount", "conflict",
                    "You chose to pay your next instalment and typed another amount. Choose \u201cPay another amount\u201d or clear the amount");
        }
        PayChoice choice = "other".equals(form.choice()) ? PayChoice.amount(form.amount()) : PayChoice.nextInstalment();
        Supplier<PayResult> pay = () -> councilTax.pay(ref, resident.ref(), choice, form.idempotencyKey(), ClientOrigin.of(request));
        return Linking.pay(pay, errors, response, "billing/council-tax");
    }

    @GetMapping("/council-tax/{ref}/statement.csv")
    void csv(@PathVariable String ref, @AuthenticationPrincipal SignedInUser resident, HttpServletResponse response) throws IOException {
        CouncilTaxAccount a = forStatement(ref, resident);
        Linking.download(response, "text/csv; charset=UTF-8", "council-tax-" + a.accountNumber() + ".csv",
                StatementFiles.csv(a.statement()));
    }

    @GetMapping("/council-tax/{ref}/statement.pdf")
    void pdf(@PathVariable String ref, @AuthenticationPrincipal SignedInUser resident, HttpServletResponse response) throws IOException {
        CouncilTaxAccount a = forStatement(ref, resident);
        Linking.download(response, "application/pdf", "council-tax-" + a.accountNumber() + ".pdf", statementFiles.pdf(
                new StatementFiles.Heading(council.name(), "Council tax statement " + a.year(), "Account " + a.accountNumber()
                        + ", band " + a.band(), a.propertyAddress(), a.balancePence(), a.arrearsPence()), a.statement()));
    }

    private CouncilTaxAccount forStatement(String ref, SignedInUser resident) {
        return councilTax.statement(ref, resident == null ? null : resident.ref())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private CouncilTaxAccount mine(String ref, SignedInUser resident) {
        return councilTax.account(ref, resident == null ? null : resident.ref())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
