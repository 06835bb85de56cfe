package bastion.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import bastion.support.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.jwt.build.Jwt;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** anonymous → 401; wrong role → 403; out of scope → 404; malformed parameters → 400 problem+json. */
@QuarkusTest
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AccessAndErrorsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/me", "/api/v1/organizations", "/api/v1/organizations/1"})
    void anonymousIsUnauthorized(String path) {
        given().when().get(path).then().statusCode(401)
                .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"))
                .contentType("application/problem+json")
                .body("type", equalTo(Problems.UNAUTHORIZED));
    }

    @Test
    void badTokensAreUnauthorized() {
        String wrongAudience = Jwt.issuer(Tokens.ISSUER).audience("another-api").claim("preferred_username", "x")
                .claim("org_code", Tokens.CITY).claim("realm_access", Map.of("roles", List.of("city-admin"))).sign("privateKey.jwk");
        String expired = Tokens.builder("x", Tokens.CITY, "city-admin").issuedAt(Instant.now().minusSeconds(3600))
                .expiresAt(Instant.now().minusSeconds(1800)).sign("privateKey.jwk");
        String wrongIssuer = Jwt.issuer("https://evil.example.com").audience("bastion-api").claim("org_code", Tokens.CITY)
                .claim("realm_access", Map.of("roles", List.of("city-admin"))).sign("privateKey.jwk");
        for (String token : List.of(wrongAudience, expired, wrongIssuer, "not-a-jwt")) {
            given().auth().oauth2(token).when().get("/api/v1/organizations").then().statusCode(401)
                    .contentType("application/problem+json").body("status", equalTo(401));
        }
    }

    @Test
    void aUserWithoutABastionRoleIsForbidden() {
        String nobody = Tokens.user("nobody", Tokens.TOWNSHIP_1, "offline_access", "uma_authorization");
        given().auth().oauth2(nobody).when().get("/api/v1/organizations")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403))
                .body("type", equalTo(Problems.FORBIDDEN));
        given().auth().oauth2(nobody).when().get("/api/v1/me").then().statusCode(403);
    }

    @Test
    void aTokenWithoutAKnownJurisdictionIsForbidden() {
        for (String token : List.of(Tokens.user("lost", null, "city-admin"), Tokens.user("lost", "P999999999999", "city-admin"))) {
            given().auth().oauth2(token).when().get("/api/v1/organizations")
                    .then().statusCode(403).contentType("application/problem+json")
                    .body("detail", containsString("organisation"));
        }
    }

    @ParameterizedTest(name = "{0}={1} → 400 naming {0}")
    @CsvSource({
            "page, abc", "page, 0", "page, 100001", "size, 0", "size, 201", "size, 1.5", "level, FOO", "level, village",
            "orgType, X", "placeType, TOWN", "sort, population", "parentId, -3", "parentId, abc", "q, ' '"})
    void malformedParametersNameTheField(String field, String value) {
        given().auth().oauth2(Tokens.cityAdmin()).queryParam(field, value)
                .when().get("/api/v1/organizations")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(Problems.VALIDATION))
                .body("status", equalTo(400))
                .body("instance", equalTo("/api/v1/organizations"))
                .body("errors.field", hasItem(field));
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        given().auth().oauth2(Tokens.cityAdmin()).queryParam("page", "x").queryParam("size", "999").queryParam("q", "a".repeat(51))
                .when().get("/api/v1/organizations")
                .then().statusCode(400)
                .body("errors.field", hasItems("page", "size", "q"));
    }

    @Test
    void malformedPathIdIsABadRequest() {
        given().auth().oauth2(Tokens.cityAdmin()).when().get("/api/v1/organizations/abc")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("id"));
    }

    @Test
    void unknownPathsAndMethodsAreProblems() {
        given().auth().oauth2(Tokens.cityAdmin()).when().get("/api/v1/nothing-here")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Tokens.cityAdmin()).contentType("application/json").body("{}")
                .when().delete("/api/v1/organizations/1")
                .then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void errorsNeverShowInternals() {
        String body = given().auth().oauth2(Tokens.cityAdmin()).queryParam("page", "abc")
                .when().get("/api/v1/organizations").then().statusCode(400).extract().asString();
        for (String internal : List.of("Exception", "bastion.", "java.", "at org.", "SELECT")) {
            org.junit.jupiter.api.Assertions.assertFalse(body.contains(internal), internal + " leaked: " + body);
        }
    }

    @Test
    void securityHeadersOnEveryResponse() {
        given().auth().oauth2(Tokens.cityAdmin()).when().get("/api/v1/me")
                .then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Cache-Control", "no-store")
                .header("Server", not(containsString("Quarkus")));
    }
}
