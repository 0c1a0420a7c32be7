package org.townhall.accounts.web;

import jakarta.validation.Valid;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.http.HttpStatus;
import org.townhall.accounts.AccountOutcome;
import org.townhall.accounts.SignedInUser;
import org.townhall.accounts.StaffAccounts;
import org.townhall.accounts.StaffMember;
import org.townhall.accounts.StaffRole;

/** Administrators manage staff accounts and roles. */
@Controller
@RequestMapping("/staff/admin/staff")
@PreAuthorize("hasRole('ADMIN')")
class StaffAdminController {

    private final StaffAccounts staff;

    StaffAdminController(StaffAccounts staff) {
        this.staff = staff;
    }

    @ModelAttribute("allRoles")
    StaffRole[] allRoles() {
        return StaffRole.values();
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("members", staff.all());
        return "staff/admin-list";
    }

    @GetMapping("/new")
    String newForm(Model model) {
        model.addAttribute("form", Forms.NewStaff.empty());
        return "staff/admin-new";
    }

    @PostMapping("/new")
    String create(@Valid @ModelAttribute("form") Forms.NewStaff form, BindingResult errors,
                  @AuthenticationPrincipal SignedInUser admin) {
        refuseTamperedRoles(errors);
        if (errors.hasErrors()) {
            return "staff/admin-new";
        }
        AccountOutcome outcome = staff.create(admin.ref(), form.fullName(), form.email(), roles(form.roles()));
        if (!outcome.isDone()) {
            errors.rejectValue(outcome.field(), "refused", outcome.message());
            return "staff/admin-new";
        }
        return "redirect:/staff/admin/staff?created";
    }

    @GetMapping("/{ref}")
    String edit(@PathVariable String ref, Model model) {
        StaffMember member = staff.find(ref).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("member", member);
        model.addAttribute("form", new Forms.Roles(member.roles()));
        return "staff/admin-edit";
    }

    @PostMapping("/{ref}")
    String changeRoles(@PathVariable String ref, @ModelAttribute("form") Forms.Roles form, BindingResult errors,
                       @AuthenticationPrincipal SignedInUser admin, Model model) {
        StaffMember member = staff.find(ref).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        refuseTamperedRoles(errors);
        AccountOutcome outcome = staff.changeRoles(admin.ref(), ref, roles(form.roles()));
        if (!outcome.isDone()) {
            errors.rejectValue(outcome.field(), "refused", outcome.message());
            model.addAttribute("member", member);
            return "staff/admin-edit";
        }
        return "redirect:/staff/admin/staff?updated";
    }

    /** Checkboxes only ever send real role names: anything else is a tampered form. */
    private static void refuseTamperedRoles(BindingResult errors) {
        if (errors.hasFieldErrors("roles")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unknown role");
        }
    }

    private static Set<StaffRole> roles(Set<StaffRole> chosen) {
        return chosen == null || chosen.isEmpty() ? EnumSet.noneOf(StaffRole.class) : EnumSet.copyOf(chosen);
    }
}
