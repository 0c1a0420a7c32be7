package org.townhall.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Someone using Townhall over real HTTP: keeps cookies like a browser, picks up the CSRF token
 * from each page it reads and sends it with the next form, but never follows redirects, so tests
 * see exactly what the server answered.
 */
public class Visitor {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client;
    private String csrf;
    private String forwardedFor;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public Visitor(int port) {
        this(port, null);
    }

    /**
     * A visitor arriving through a trusted proxy from {@code forwardedFor}, for benchmarks of
     * many clients (the application must trust 127.0.0.1 as a proxy).
     */
    public Visitor(int port, String forwardedFor) {
        this.forwardedFor = forwardedFor;
        this.base = "http://localhost:" + port;
        this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public record Page(int status, String body, HttpResponse<String> response) {
        public String location() {
            return response.headers().firstValue("Location").orElse(null);
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    /** From now on, send this header with every request (null to stop). */
    public Visitor withHeader(String name, String value) {
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
        return this;
    }

    /** From now on, arrive (through the trusted proxy) from this address. */
    public Visitor arriveFrom(String address) {
        this.forwardedFor = address;
        return this;
    }

    public Page get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** Follows redirects from a path until a page answers, as a browser would. */
    public Page open(String path) {
        Page page = get(path);
        for (int hops = 0; hops < 5 && page.location() != null; hops++) {
            String next = URI.create(base).resolve(page.location()).getRawPath();
            String query = URI.create(base).resolve(page.location()).getRawQuery();
            page = get(query == null ? next : next + "?" + query);
        }
        return page;
    }

    /** Submits a form with the CSRF token of the last page read. */
    public Page post(String path, Map<String, String> fields) {
        Map<String, String> withToken = new LinkedHashMap<>(fields);
        if (csrf != null) {
            withToken.putIfAbsent("_csrf", csrf);
        }
        return postRaw(path, withToken);
    }

    public Page post(String path, String... keyValues) {
        return post(path, pairs(keyValues));
    }

    /** Submits exactly these fields: no CSRF token unless the test puts one in. */
    public Page postRaw(String path, Map<String, String> fields) {
        String form = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** A file for {@link #postMultipart}. */
    public record Upload(String field, String fileName, String contentType, byte[] content) {
    }

    /** Submits a multipart form, as a browser does for file uploads, with the CSRF token of the last page. */
    public Page postMultipart(String path, Map<String, String> fields, java.util.List<Upload> files) {
        String boundary = "----townhall" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        Map<String, String> withToken = new LinkedHashMap<>(fields);
        if (csrf != null) {
            withToken.putIfAbsent("_csrf", csrf);
        }
        withToken.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        for (Upload file : files) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.field() + "\"; filename=\""
                    + file.fileName() + "\"\r\nContent-Type: " + file.contentType() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    public byte[] getBytes(String path) {
        try {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
    }

    /** The names of every cookie this visitor holds. */
    public java.util.Set<String> cookieNames() {
        return cookies.getCookieStore().getCookies().stream().map(java.net.HttpCookie::getName)
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    public void forgetCookies() {
        cookies.getCookieStore().removeAll();
        csrf = null;
    }

    public static Map<String, String> pairs(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private Page send(HttpRequest.Builder request) {
        try {
            if (forwardedFor != null) {
                request.header("X-Forwarded-For", forwardedFor);
            }
            headers.forEach(request::header);
            // Like a browser: pages, not JSON, are what it asks for.
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30))
                            .header("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8").build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher token = CSRF.matcher(response.body());
            if (token.find()) {
                csrf = token.group(1);
            }
            return new Page(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
