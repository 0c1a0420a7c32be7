package org.townhall.parking.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A challenge or formal representations: the grounds, the resident's own words, and evidence (separately). */
record ChallengeForm(
        @NotBlank(message = "Choose the grounds for your challenge")
        @Size(max = 100)
        String grounds,
        @NotBlank(message = "Tell us why the penalty charge should be cancelled")
        @Size(max = 5000, message = "Your explanation must be 5,000 characters or fewer")
        @Pattern(regexp = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*", message = "Your explanation must only include letters, numbers and punctuation")
        String statement) {

    /** The statutory grounds for representations against a Notice to Owner (SI 2007/3482 reg 4(4)), and compelling reasons (reg 4(2)(b)(ii)). */
    static final List<String> GROUNDS = List.of(
            "The alleged contravention did not occur",
            "I was not the owner of the vehicle at the time",
            "The vehicle was taken without my consent",
            "The vehicle was on hire and the hirer accepted liability",
            "The penalty charge is more than the amount applicable",
            "There has been a procedural impropriety by the council",
            "The traffic order is invalid",
            "The penalty charge has already been paid",
            "There are compelling reasons to cancel it");

    static final String INFORMAL = "Informal challenge";

    static ChallengeForm empty() {
        return new ChallengeForm("", "");
    }
}
