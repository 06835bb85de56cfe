package bastion.common;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request whose declared body is over the limit before reading it, with a problem+json
 * body like every other error (the HTTP layer's own refusal has no body).
 */
@ApplicationScoped
public class BodyLimit {

    private static final String BODY = """
            {"type":"urn:bastion:problem:too-large","title":"请求过大 / Request too large","status":413,\
            "detail":"请求体超过上限 %d 字节 / The request body is larger than the limit of %d bytes"}""";

    /** The limit for a declared body; the HTTP layer's own limit (quarkus.http.limits.max-body-size) is set higher, as a last resort. */
    @ConfigProperty(name = "bastion.http.max-body-size", defaultValue = "6M")
    MemorySize max;

    void install(@Observes Router router) {
        long limit = max.asLongValue();
        router.route().order(-200).handler(rc -> {
            String length = rc.request().getHeader("Content-Length");
            if (length != null && length.length() < 19 && length.chars().allMatch(Character::isDigit) && Long.parseLong(length) > limit) {
                rc.response().setStatusCode(413).putHeader("Content-Type", "application/problem+json")
                        .putHeader("Connection", "close").end(BODY.formatted(limit, limit));
                return;
            }
            rc.next();
        });
    }
}
