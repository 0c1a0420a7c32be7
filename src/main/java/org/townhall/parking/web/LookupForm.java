package org.townhall.parking.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The PCN look-up: both facts are needed, and either wrong gives the same answer. */
record LookupForm(
        @NotBlank(message = "Enter the penalty charge notice number")
        @Size(max = 20, message = "A penalty charge notice number is 11 letters and numbers, like EB12345678A")
        @Pattern(regexp = "[A-Za-z0-9 ]*", message = "A penalty charge notice number is 11 letters and numbers, like EB12345678A")
        String pcnNumber,
        @NotBlank(message = "Enter the vehicle registration")
        @Size(max = 10, message = "Enter the vehicle registration, like AB12 CDE")
        @Pattern(regexp = "[A-Za-z0-9 ]*", message = "Enter the vehicle registration, like AB12 CDE")
        String registration) {

    static LookupForm empty() {
        return new LookupForm("", "");
    }
}
