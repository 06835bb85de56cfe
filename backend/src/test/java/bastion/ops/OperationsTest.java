package bastion.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import java.util.Arrays;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;

/** Flyway from an empty database, health, metrics. */
@QuarkusTest
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OperationsTest {

    @Inject
    Flyway flyway;

    @Test
    void everyMigrationAppliedFromAnEmptyDatabase() {
        // the test profile cleans the database at start, so this history begins at nothing
        MigrationInfo[] applied = flyway.info().applied();
        assertTrue(applied.length >= 1);
        assertEquals("1", applied[0].getVersion().getVersion());
        assertTrue(Arrays.stream(applied).allMatch(m -> m.getState() == MigrationState.SUCCESS),
                "all migrations succeeded");
        assertEquals(0, flyway.info().pending().length);
    }

    @Test
    void readyWhenDatabaseAndIdentityProviderAnswer() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("identity-provider", "Database connections health check"));
    }

    @Test
    void identityProviderCheckIsDownWhenUnreachable() {
        IdentityProviderHealthCheck check = new IdentityProviderHealthCheck();
        check.authServerUrl = "http://127.0.0.1:1/realms/bastion";
        assertEquals(HealthCheckResponse.Status.DOWN, check.call().getStatus());
    }

    @Test
    void metricsArePublished() {
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }
}
