package org.townhall.backup.store;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.townhall.backup.store.S3Wire.element;
import static org.townhall.backup.store.S3Wire.error;
import static org.townhall.backup.store.S3Wire.etag;
import static org.townhall.backup.store.S3Wire.query;
import static org.townhall.backup.store.S3Wire.sha256;
import static org.townhall.backup.store.S3Wire.xml;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 is another organisation's API, so tests meet it as WireMock: a small bucket that keeps
 * objects as versions and enforces what object lock promises, as S3 documents it. It refuses the
 * deletion of a version still locked, a retention change that shortens a COMPLIANCE lock, a write
 * with If-None-Match: * over a current object, a lock-bearing write without a checksum and a part
 * whose bytes do not match its checksum. Every request stays in WireMock's journal for checking.
 * Its clock is its own, as the bucket's is: tests move it with {@link #now}.
 */
public class FakeObjectLockBucket implements ResponseDefinitionTransformerV2 {

    public static final String BUCKET = "council-backups";
    /** Small pages, so listing is tested across continuation tokens. */
    private static final int PAGE = 3;
    private static final int SMALLEST_PART = 5 * 1024 * 1024;

    public record Version(String id, byte[] bytes, String mode, Instant retainUntil, boolean deleteMarker) {
    }

    private record Upload(String key, String mode, Instant retainUntil, TreeMap<Integer, byte[]> parts) {
    }

    private final Map<String, List<Version>> objects = new ConcurrentHashMap<>();
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    private final WireMockServer server;
    public volatile boolean versioning = true;
    public volatile boolean objectLock = true;
    public volatile Instant now = Instant.now();

    public FakeObjectLockBucket() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(this));
        server.start();
        server.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(WireMock.aResponse().withStatus(500)));
    }

    public WireMockServer server() {
        return server;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** Settings for this bucket with S3's smallest parts, so a few megabytes make a multipart upload. */
    public BucketSettings settings(String prefix) {
        return new BucketSettings(BUCKET, prefix, "eu-west-2", endpoint(), true, BucketSettings.SMALLEST_PART);
    }

    /** A client like the store's own, with made-up static keys: for tests that act as Townhall's role directly. */
    public S3Client client() {
        return S3Client.builder().region(Region.EU_WEST_2).endpointOverride(endpoint()).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAFAKEFAKEFAKE", "fake-secret")))
                .httpClient(UrlConnectionHttpClient.create()).serviceConfiguration(ObjectLockBucketStore.SENT_WHOLE)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
    }

    public List<Version> versions(String key) {
        return List.copyOf(objects.getOrDefault(key, List.of()));
    }

    public int unfinishedUploads() {
        return uploads.size();
    }

    public List<LoggedRequest> requests() {
        return server.findAll(WireMock.anyRequestedFor(WireMock.anyUrl()));
    }

    public void stop() {
        server.stop();
    }

    @Override
    public String getName() {
        return "fake-object-lock-bucket";
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        LoggedRequest request = event.getRequest();
        String[] pathAndQuery = request.getUrl().split("\\?", 2);
        Map<String, String> query = query(pathAndQuery.length > 1 ? pathAndQuery[1] : "");
        String path = URLDecoder.decode(pathAndQuery[0], StandardCharsets.UTF_8).substring(1);
        int slash = path.indexOf('/');
        String bucket = slash < 0 ? path : path.substring(0, slash);
        if (!BUCKET.equals(bucket)) {
            return error(404, "NoSuchBucket");
        }
        if ("aws-chunked".equals(request.getHeader("Content-Encoding"))) {
            return error(501, "NotImplemented");
        }
        String method = request.getMethod().getName();
        if (slash < 0 || slash == path.length() - 1) {
            return bucketRequest(method, query);
        }
        String key = path.substring(slash + 1);
        return switch (method) {
            case "POST" -> query.containsKey("uploads") ? createUpload(key, request) : completeUpload(key, query.get("uploadId"), request);
            case "PUT" -> query.containsKey("retention") ? putRetention(key, query.get("versionId"), request)
                    : query.containsKey("uploadId") ? uploadPart(query.get("uploadId"), Integer.parseInt(query.get("partNumber")), request)
                    : putObject(key, request);
            case "GET", "HEAD" -> getObject(key, method.equals("HEAD"));
            case "DELETE" -> query.containsKey("uploadId") ? abort(query.get("uploadId")) : deleteObject(key, query.get("versionId"));
            default -> error(405, "MethodNotAllowed");
        };
    }

    private ResponseDefinition bucketRequest(String method, Map<String, String> query) {
        if (query.containsKey("versioning")) {
            return xml(200, "<VersioningConfiguration>" + (versioning ? "<Status>Enabled</Status>" : "") + "</VersioningConfiguration>");
        }
        if (query.containsKey("object-lock")) {
            return objectLock ? xml(200, "<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled>"
                    + "<Rule><DefaultRetention><Mode>COMPLIANCE</Mode><Days>7</Days></DefaultRetention></Rule></ObjectLockConfiguration>")
                    : error(404, "ObjectLockConfigurationNotFoundError");
        }
        if ("GET".equals(method) && "2".equals(query.get("list-type"))) {
            String prefix = query.getOrDefault("prefix", "");
            List<Map.Entry<String, Version>> current = new ArrayList<>();
            new TreeMap<>(objects).forEach((key, versions) -> {
                Version latest = versions.isEmpty() ? null : versions.get(versions.size() - 1);
                if (key.startsWith(prefix) && latest != null && !latest.deleteMarker()) {
                    current.add(Map.entry(key, latest));
                }
            });
            int from = query.containsKey("continuation-token") ? Integer.parseInt(query.get("continuation-token")) : 0;
            int to = Math.min(current.size(), from + PAGE);
            StringBuilder body = new StringBuilder("<ListBucketResult><Name>" + BUCKET + "</Name><Prefix>" + prefix + "</Prefix>")
                    .append("<KeyCount>").append(to - from).append("</KeyCount><IsTruncated>").append(to < current.size()).append("</IsTruncated>");
            if (to < current.size()) {
                body.append("<NextContinuationToken>").append(to).append("</NextContinuationToken>");
            }
            for (var entry : current.subList(from, to)) {
                body.append("<Contents><Key>").append(entry.getKey()).append("</Key><Size>").append(entry.getValue().bytes().length)
                        .append("</Size><StorageClass>STANDARD</StorageClass></Contents>");
            }
            return xml(200, body.append("</ListBucketResult>").toString());
        }
        return error(400, "NotImplemented");
    }

    private ResponseDefinition createUpload(String key, LoggedRequest request) {
        String uploadId = UUID.randomUUID().toString();
        uploads.put(uploadId, new Upload(key, request.getHeader("x-amz-object-lock-mode"), retainUntil(request), new TreeMap<>()));
        return xml(200, "<InitiateMultipartUploadResult><Bucket>" + BUCKET + "</Bucket><Key>" + key + "</Key><UploadId>"
                + uploadId + "</UploadId></InitiateMultipartUploadResult>");
    }

    private ResponseDefinition uploadPart(String uploadId, int number, LoggedRequest request) {
        Upload upload = uploads.get(uploadId);
        if (upload == null) {
            return error(404, "NoSuchUpload");
        }
        ResponseDefinition refused = checksumRefusal(upload.mode() != null, request);
        if (refused != null) {
            return refused;
        }
        upload.parts().put(number, request.getBody());
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200).withHeader("ETag", etag(request.getBody()))
                .withHeader("x-amz-checksum-sha256", sha256(request.getBody())).build();
    }

    private ResponseDefinition completeUpload(String key, String uploadId, LoggedRequest request) {
        Upload upload = uploads.get(uploadId);
        if (upload == null || !upload.key().equals(key)) {
            return error(404, "NoSuchUpload");
        }
        if ("*".equals(request.getHeader("If-None-Match")) && current(key) != null) {
            return error(412, "PreconditionFailed");
        }
        Matcher part = Pattern.compile("<Part>(.*?)</Part>", Pattern.DOTALL).matcher(request.getBodyAsString());
        java.io.ByteArrayOutputStream whole = new java.io.ByteArrayOutputStream();
        List<Integer> named = new ArrayList<>();
        while (part.find()) {
            int number = Integer.parseInt(element(part.group(1), "PartNumber"));
            byte[] bytes = upload.parts().get(number);
            if (bytes == null || !etag(bytes).equals(element(part.group(1), "ETag"))
                    || !sha256(bytes).equals(element(part.group(1), "ChecksumSHA256"))) {
                return error(400, "InvalidPart");
            }
            named.add(number);
            whole.writeBytes(bytes);
        }
        for (int i = 0; i < named.size() - 1; i++) {
            if (upload.parts().get(named.get(i)).length < SMALLEST_PART) {
                return error(400, "EntityTooSmall");
            }
        }
        uploads.remove(uploadId);
        Version version = store(key, whole.toByteArray(), upload.mode(), upload.retainUntil());
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200).withHeader("x-amz-version-id", version.id())
                .withHeader("Content-Type", "application/xml").withBody("<CompleteMultipartUploadResult><Bucket>" + BUCKET
                        + "</Bucket><Key>" + key + "</Key><ETag>\"x-" + named.size() + "\"</ETag></CompleteMultipartUploadResult>").build();
    }

    private ResponseDefinition abort(String uploadId) {
        return uploads.remove(uploadId) == null ? error(404, "NoSuchUpload") : ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
    }

    private ResponseDefinition putObject(String key, LoggedRequest request) {
        String mode = request.getHeader("x-amz-object-lock-mode");
        ResponseDefinition refused = checksumRefusal(mode != null, request);
        if (refused != null) {
            return refused;
        }
        if ("*".equals(request.getHeader("If-None-Match")) && current(key) != null) {
            return error(412, "PreconditionFailed");
        }
        Version version = store(key, request.getBody(), mode, retainUntil(request));
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200).withHeader("ETag", etag(request.getBody()))
                .withHeader("x-amz-version-id", version.id()).build();
    }

    private ResponseDefinition putRetention(String key, String versionId, LoggedRequest request) {
        Version version = versionId == null ? current(key) : find(key, versionId);
        if (version == null) {
            return error(404, "NoSuchKey");
        }
        String body = request.getBodyAsString();
        Instant until = Instant.parse(element(body, "RetainUntilDate"));
        if ("COMPLIANCE".equals(version.mode()) && version.retainUntil() != null
                && (until.isBefore(version.retainUntil()) || !"COMPLIANCE".equals(element(body, "Mode")))) {
            return error(403, "AccessDenied");
        }
        List<Version> versions = objects.get(key);
        versions.set(versions.indexOf(version), new Version(version.id(), version.bytes(), element(body, "Mode"), until, false));
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200).build();
    }

    private ResponseDefinition getObject(String key, boolean head) {
        Version version = current(key);
        if (version == null) {
            return head ? ResponseDefinitionBuilder.responseDefinition().withStatus(404).build() : error(404, "NoSuchKey");
        }
        ResponseDefinitionBuilder response = ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeader("x-amz-version-id", version.id()).withHeader("ETag", etag(version.bytes()))
                .withHeader("Content-Type", "application/octet-stream");
        if (version.mode() != null) {
            response.withHeader("x-amz-object-lock-mode", version.mode())
                    .withHeader("x-amz-object-lock-retain-until-date", version.retainUntil().toString());
        }
        return head ? response.withHeader("Content-Length", String.valueOf(version.bytes().length)).build()
                : response.withBody(version.bytes()).build();
    }

    private ResponseDefinition deleteObject(String key, String versionId) {
        List<Version> versions = objects.get(key);
        if (versionId == null) {
            // A delete without a version in a versioned bucket hides the object under a marker; it deletes nothing.
            objects.computeIfAbsent(key, k -> new ArrayList<>()).add(new Version(UUID.randomUUID().toString(), new byte[0], null, null, true));
            return ResponseDefinitionBuilder.responseDefinition().withStatus(204).withHeader("x-amz-delete-marker", "true").build();
        }
        Version version = find(key, versionId);
        if (version == null) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
        }
        if (version.retainUntil() != null && now.isBefore(version.retainUntil())) {
            return error(403, "AccessDenied");
        }
        versions.remove(version);
        return ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
    }

    private ResponseDefinition checksumRefusal(boolean locked, LoggedRequest request) {
        String checksum = request.getHeader("x-amz-checksum-sha256");
        if (locked && checksum == null && !request.containsHeader("Content-MD5")) {
            return error(400, "InvalidRequest");
        }
        if (checksum != null && !checksum.equals(sha256(request.getBody()))) {
            return error(400, "BadDigest");
        }
        return null;
    }

    private Version store(String key, byte[] bytes, String mode, Instant retainUntil) {
        Version version = new Version(versioning ? UUID.randomUUID().toString() : "null", bytes, mode, retainUntil, false);
        List<Version> versions = objects.computeIfAbsent(key, k -> new ArrayList<>());
        if (!versioning) {
            versions.clear();
        }
        versions.add(version);
        return version;
    }

    private Version current(String key) {
        List<Version> versions = objects.getOrDefault(key, List.of());
        Version latest = versions.isEmpty() ? null : versions.get(versions.size() - 1);
        return latest == null || latest.deleteMarker() ? null : latest;
    }

    private Version find(String key, String versionId) {
        return objects.getOrDefault(key, List.of()).stream().filter(v -> v.id().equals(versionId)).findFirst().orElse(null);
    }

    private static Instant retainUntil(LoggedRequest request) {
        String until = request.getHeader("x-amz-object-lock-retain-until-date");
        return until == null ? null : Instant.parse(until);
    }
}
