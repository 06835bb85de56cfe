package bastion.ops;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness is DOWN while the identity provider cannot be reached: without it no token can be
 * verified (the database has its own check, added by Quarkus). The answer is cached for a few
 * seconds so that frequent probes do not hammer Keycloak.
 */
@Readiness
@ApplicationScoped
public class IdentityProviderHealthCheck implements HealthCheck {

    private static final Duration CACHE = Duration.ofSeconds(5);

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String authServerUrl;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile long checkedAt;
    private volatile boolean lastUp;

    @Override
    public HealthCheckResponse call() {
        long now = System.nanoTime();
        if (checkedAt == 0 || now - checkedAt > CACHE.toNanos()) {
            lastUp = probe();
            checkedAt = now;
        }
        return HealthCheckResponse.named("identity-provider").status(lastUp).build();
    }

    private boolean probe() {
        String base = authServerUrl.endsWith("/") ? authServerUrl : authServerUrl + "/";
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + ".well-known/openid-configuration"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
