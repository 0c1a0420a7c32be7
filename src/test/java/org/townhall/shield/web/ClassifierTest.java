package org.townhall.shield.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.townhall.shield.RequestClass;

/** Which class a request is in decides who is shed first: finishing what was started is essential. */
class ClassifierTest {

    @Test
    void finishingAPaymentOrAChallengeAndStaffSignInAreEssential() {
        assertThat(Classifier.classify("POST", "/sandbox-pay/sbx_abc")).isEqualTo(RequestClass.ESSENTIAL);
        assertThat(Classifier.classify("GET", "/payments/ref/return")).isEqualTo(RequestClass.ESSENTIAL);
        assertThat(Classifier.classify("GET", "/payments/ref")).isEqualTo(RequestClass.ESSENTIAL);
        assertThat(Classifier.classify("POST", "/parking/pcn/ref/challenge")).isEqualTo(RequestClass.ESSENTIAL);
        assertThat(Classifier.classify("POST", "/parking/pcn/ref/challenge/check")).isEqualTo(RequestClass.ESSENTIAL);
        assertThat(Classifier.classify("POST", "/sandbox-pay/sbx_abc/confirm")).isEqualTo(RequestClass.ESSENTIAL);
        assertThat(Classifier.classify("GET", "/sandbox-pay/sbx_abc/confirm")).isEqualTo(RequestClass.ESSENTIAL);
        assertThat(Classifier.classify("POST", "/staff/sign-in")).isEqualTo(RequestClass.ESSENTIAL);
    }

    @Test
    void anonymousLookUpsSignInsAndExportsAreBulkExceptASignInFromAKnownBrowser() {
        assertThat(Classifier.classify("POST", "/parking")).isEqualTo(RequestClass.BULK);
        assertThat(Classifier.classify("POST", "/sign-in")).isEqualTo(RequestClass.BULK);
        assertThat(Classifier.classify("POST", "/sign-in", true)).isEqualTo(RequestClass.ESSENTIAL);
        assertThat(Classifier.classify("GET", "/sign-in", true)).isEqualTo(RequestClass.ESSENTIAL);
        assertThat(Classifier.classify("POST", "/register", true)).isEqualTo(RequestClass.BULK);
        assertThat(Classifier.classify("POST", "/forgot-password", true)).isEqualTo(RequestClass.BULK);
        assertThat(Classifier.classify("GET", "/staff/audit/export.csv")).isEqualTo(RequestClass.BULK);
        assertThat(Classifier.classify("GET", "/account")).isEqualTo(RequestClass.NORMAL);
        assertThat(Classifier.classify("GET", "/assets/govuk/govuk-frontend.min.css")).isNull();
    }

    @Test
    void pagesWithoutAnySessionAreShedWithBulkWorkButEssentialStaysEssential() {
        assertThat(Classifier.priority(RequestClass.NORMAL, false)).isEqualTo(RequestClass.BULK);
        assertThat(Classifier.priority(RequestClass.NORMAL, true)).isEqualTo(RequestClass.NORMAL);
        assertThat(Classifier.priority(RequestClass.ESSENTIAL, false)).isEqualTo(RequestClass.ESSENTIAL);
        assertThat(Classifier.priority(RequestClass.BULK, true)).isEqualTo(RequestClass.BULK);
    }
}
