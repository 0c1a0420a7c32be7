package org.townhall.payments.provider;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.townhall.payments.PaymentState;
import org.townhall.platform.ProviderPause;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GOV.UK Pay's public API (https://docs.payments.service.gov.uk/api_reference/): create a payment,
 * send the resident to its {@code next_url}, ask its state, refund it. The API key comes from
 * configuration only. Timeouts are short so a slow provider never holds a resident's page.
 */
public class GovukPayProvider implements PaymentProvider {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /**
     * After this many calls in a row that GOV.UK Pay did not answer, calls stop for a pause
     * (ProviderPause): residents hear at once that payments are unavailable.
     */
    static final int UNANSWERED_BEFORE_PAUSE = 5;
    static final Duration PAUSE = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI baseUrl;
    private final String apiKey;
    private final ProviderPause pause;
    private final JsonMapper json = JsonMapper.builder().build();

    public GovukPayProvider(String baseUrl, String apiKey) {
        this(baseUrl, apiKey, Clock.systemUTC());
    }

    GovukPayProvider(String baseUrl, String apiKey, Clock clock) {
        this.baseUrl = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.apiKey = apiKey;
        this.pause = new ProviderPause("GOV.UK Pay", UNANSWERED_BEFORE_PAUSE, PAUSE, clock);
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String name() {
        return "GOVUK_PAY";
    }

    @Override
    public Created create(NewCharge charge) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", charge.amountPence());
        body.put("reference", charge.reference());
        body.put("description", charge.description());
        body.put("return_url", charge.returnUrl());
        body.put("language", "en");
        // GOV.UK Pay returns the same payment for a repeated Idempotency-Key instead of creating a second.
        JsonNode created = call("POST", "v1/payments", body, charge.idempotencyKey(), 201, 200);
        String nextUrl = created.path("_links").path("next_url").path("href").asString(null);
        String id = created.path("payment_id").asString(null);
        if (id == null || nextUrl == null || !nextUrl.startsWith("https://") && !nextUrl.startsWith(baseUrl.toString())) {
            throw new Unavailable("GOV.UK Pay answered a create without a payment id or a safe next_url", null);
        }
        return new Created(id, nextUrl);
    }

    @Override
    public ProviderPayment status(String providerId) {
        JsonNode payment = call("GET", "v1/payments/" + pathPart(providerId), null, null, 200);
        JsonNode state = payment.path("state");
        String card = payment.path("card_details").path("last_digits_card_number").asString(null);
        String brand = payment.path("card_details").path("card_brand").asString("Card");
        String summary = card == null ? null : brand + " ending " + card;
        String code = state.path("code").asString(null);
        String message = state.path("message").asString("");
        String failure = code == null ? null : code + " " + message;
        PaymentState mapped = switch (state.path("status").asString("")) {
            case "created" -> PaymentState.CREATED;
            case "started" -> PaymentState.STARTED;
            // A payment waiting to be captured has been authorised: the money is as good as taken.
            case "submitted", "capturable" -> PaymentState.SUBMITTED;
            case "success" -> PaymentState.SUCCESS;
            // GOV.UK Pay reports an expired payment as failed with code P0020.
            case "failed" -> "P0020".equals(code) ? PaymentState.EXPIRED : PaymentState.FAILED;
            case "cancelled" -> PaymentState.CANCELLED;
            case "error" -> PaymentState.ERROR;
            default -> throw new Unavailable("GOV.UK Pay answered an unknown payment status", null);
        };
        return new ProviderPayment(mapped, failure, summary);
    }

    /**
     * GOV.UK Pay answers 204 when it has cancelled the payment, 400 (P0501) or 409 (P0502) when the
     * payment can no longer be cancelled (card details sent, or finished), and 404 (P0500) when it
     * has no such payment: that and anything else is not an answer Townhall can act on.
     */
    @Override
    public boolean cancel(String providerId) {
        HttpResponse<String> response = send("POST", "v1/payments/" + pathPart(providerId) + "/cancel", "", null);
        return switch (response.statusCode()) {
            case 204 -> true;
            case 400, 409 -> false;
            default -> throw refusedBy(response, "POST", "cancel");
        };
    }

    @Override
    public ProviderRefund refund(String providerId, String refundRef, long amountPence, long availablePence) {
        Map<String, Object> body = Map.of("amount", amountPence, "refund_amount_available", availablePence);
        JsonNode refund = call("POST", "v1/payments/" + pathPart(providerId) + "/refunds", body, null, 202, 200);
        return new ProviderRefund(refund.path("refund_id").asString(null), refund.path("status").asString("submitted"));
    }

    @Override
    public ProviderRefund refundStatus(String providerId, String refundRef, String providerRefundId, long amountPence) {
        if (providerRefundId != null) {
            JsonNode refund = call("GET", "v1/payments/" + pathPart(providerId) + "/refunds/" + pathPart(providerRefundId), null, null, 200);
            return new ProviderRefund(providerRefundId, refund.path("status").asString("submitted"));
        }
        // The refund was asked for but its id never recorded (a crash): GOV.UK Pay's list of the
        // payment's refunds says whether one of this amount exists.
        JsonNode list = call("GET", "v1/payments/" + pathPart(providerId) + "/refunds", null, null, 200);
        for (JsonNode refund : list.path("_embedded").path("refunds")) {
            if (refund.path("amount").asLong(-1) == amountPence) {
                return new ProviderRefund(refund.path("refund_id").asString(null), refund.path("status").asString("submitted"));
            }
        }
        return new ProviderRefund(null, "error");
    }

    /** GOV.UK Pay lists at most 500 payments a page. */
    static final int PAGE_SIZE = 500;
    /** A search that pages on past this many is cut short rather than looping on a provider fault. */
    static final int MOST_PAGES = 200;

    /**
     * GET /v1/payments with from_date, to_date (inclusive, ISO-8601 UTC) and state=success, page by
     * page: each answer's {@code _links.next_page.href} is followed, but only its path and query,
     * resolved against our own GOV.UK Pay address, so the API key is never sent elsewhere.
     */
    @Override
    public java.util.List<TakenPayment> takenBetween(java.time.Instant from, java.time.Instant to) {
        java.util.List<TakenPayment> taken = new java.util.ArrayList<>();
        String next = "v1/payments?state=success&display_size=" + PAGE_SIZE + "&page=1&from_date="
                + java.time.format.DateTimeFormatter.ISO_INSTANT.format(from) + "&to_date="
                + java.time.format.DateTimeFormatter.ISO_INSTANT.format(to);
        for (int page = 0; next != null; page++) {
            if (page == MOST_PAGES) {
                throw new Unavailable("GOV.UK Pay's search went on past " + MOST_PAGES + " pages", null);
            }
            JsonNode answer = call("GET", next, null, null, 200);
            for (JsonNode payment : answer.path("results")) {
                if (!"success".equals(payment.path("state").path("status").asString(""))) {
                    continue;
                }
                String id = payment.path("payment_id").asString(null);
                long amount = payment.path("amount").asLong(-1);
                String created = payment.path("created_date").asString(null);
                if (id == null || !id.matches("[A-Za-z0-9_-]{1,64}") || amount <= 0 || created == null) {
                    throw new Unavailable("GOV.UK Pay's search listed a payment without an id, amount or date", null);
                }
                taken.add(new TakenPayment(id, payment.path("reference").asString(""), amount, java.time.Instant.parse(created)));
            }
            next = relative(answer.path("_links").path("next_page").path("href").asString(null));
        }
        return taken;
    }

    /** The path and query of a next_page link, without its leading slash; null when there is none. */
    private static String relative(String href) {
        if (href == null || href.isBlank()) {
            return null;
        }
        URI link = URI.create(href);
        String path = link.getRawPath();
        if (path == null || !path.endsWith("/v1/payments")) {
            throw new Unavailable("GOV.UK Pay's next page is not a payment search", null);
        }
        return "v1/payments" + (link.getRawQuery() == null ? "" : "?" + link.getRawQuery());
    }

    private JsonNode call(String method, String path, Object body, String idempotencyKey, int... expected) {
        HttpResponse<String> response = send(method, path, body, idempotencyKey);
        for (int status : expected) {
            if (response.statusCode() == status) {
                try {
                    return json.readTree(response.body());
                } catch (JacksonException e) {
                    throw new Unavailable("GOV.UK Pay's answer could not be read", e);
                }
            }
        }
        throw refusedBy(response, method, path);
    }

    /** {@code body} null for a GET, "" for a POST with no body. */
    private HttpResponse<String> send(String method, String path, Object body, String idempotencyKey) {
        if (pause.paused()) {
            throw new Unavailable(pause.describe(), null);
        }
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + apiKey).header("Accept", "application/json");
            if (body == null) {
                request.GET();
            } else if ("".equals(body)) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            }
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            pause.heard(response.statusCode());
            return response;
        } catch (IOException e) {
            pause.unanswered();
            throw new Unavailable("GOV.UK Pay could not be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("Interrupted while asking GOV.UK Pay", e);
        }
    }

    /** The body may hold the resident's details; only the status and GOV.UK Pay's error code are logged. */
    private Unavailable refusedBy(HttpResponse<String> response, String method, String path) {
        String code = "";
        if (response.statusCode() < 500) {
            try {
                code = json.readTree(response.body()).path("code").asString("");
            } catch (JacksonException e) {
                code = "(unreadable)";
            }
        }
        return new Unavailable("GOV.UK Pay answered " + response.statusCode() + " " + code + " to " + method + " " + path, null);
    }

    private static String pathPart(String id) {
        if (id == null || !id.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new Unavailable("Not a GOV.UK Pay identifier", null);
        }
        return id;
    }
}
