package bastion.org;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bastion.support.Subtrees;
import bastion.support.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each kind of caller sees exactly their subtree of the demo city — in lists and in single reads —
 * with tokens signed by a real OIDC server (WireMock) and verified by the backend. The expected
 * subtree is computed by a recursive walk over parent_id, independently of the application.
 */
@QuarkusTest
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class JurisdictionTest {

    @Inject
    EntityManager em;

    record Case(String name, Supplier<String> token, String rootCode) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> callers() {
        return Stream.of(
                Arguments.of(new Case("township official", Tokens::townshipOfficial, Tokens.TOWNSHIP_1)),
                Arguments.of(new Case("second township official", () -> Tokens.user("township2.official", Tokens.TOWNSHIP_2, "township-official"), Tokens.TOWNSHIP_2)),
                Arguments.of(new Case("county admin", Tokens::countyAdmin, Tokens.COUNTY_1)),
                Arguments.of(new Case("auditor", Tokens::auditor, Tokens.COUNTY_1)),
                Arguments.of(new Case("city admin", Tokens::cityAdmin, Tokens.CITY)),
                Arguments.of(new Case("gov-system client", Tokens::govSystem, Tokens.CITY)));
    }

    @ParameterizedTest(name = "{0} lists exactly their subtree")
    @MethodSource("callers")
    void listShowsExactlyTheSubtree(Case c) {
        Set<Long> expected = Subtrees.idsUnder(em, c.rootCode());
        assertTrue(expected.size() > 1, "the demo city is loaded");
        String token = c.token().get();

        Set<Long> seen = new TreeSet<>();
        int page = 1;
        int totalPages;
        do {
            JsonPath body = given().auth().oauth2(token)
                    .queryParam("size", 200).queryParam("page", page)
                    .when().get("/api/v1/organizations")
                    .then().statusCode(200).extract().jsonPath();
            assertEquals(expected.size(), body.getLong("totalItems"));
            List<Number> ids = body.getList("items.id");
            ids.forEach(n -> assertTrue(seen.add(n.longValue()), "no organisation twice across pages"));
            totalPages = body.getInt("totalPages");
            page++;
        } while (page <= totalPages);
        assertEquals(expected, seen);
    }

    @ParameterizedTest(name = "{0} reads single organisations only in scope")
    @MethodSource("callers")
    void singleReadsAreScoped(Case c) {
        Set<Long> inScope = Subtrees.idsUnder(em, c.rootCode());
        String token = c.token().get();
        long rootId = Subtrees.idOf(em, c.rootCode());

        given().auth().oauth2(token).when().get("/api/v1/me")
                .then().statusCode(200)
                .body("jurisdiction.code", equalTo(c.rootCode()))
                .body("jurisdiction.id", equalTo((int) rootId));

        given().auth().oauth2(token).when().get("/api/v1/organizations/" + rootId)
                .then().statusCode(200).body("code", equalTo(c.rootCode())).body("ancestors.size()", equalTo(0));

        long deepest = inScope.stream().mapToLong(Long::longValue).max().orElseThrow();
        given().auth().oauth2(token).when().get("/api/v1/organizations/" + deepest)
                .then().statusCode(200).body("ancestors[0].code", equalTo(c.rootCode()));

        Set<Long> outside = outsideSample(inScope);
        for (long id : outside) {
            given().auth().oauth2(token).when().get("/api/v1/organizations/" + id)
                    .then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("status", equalTo(404));
            given().auth().oauth2(token).queryParam("parentId", id).when().get("/api/v1/organizations")
                    .then().statusCode(404).contentType("application/problem+json");
        }
    }

    @ParameterizedTest(name = "{0}: text search never reaches outside")
    @MethodSource("callers")
    void searchNeverLeaves(Case c) {
        Set<Long> inScope = Subtrees.idsUnder(em, c.rootCode());
        String token = c.token().get();
        for (String q : List.of("村", "社区", "党支部", "P2312", "2312")) {
            JsonPath body = given().auth().oauth2(token).queryParam("q", q).queryParam("size", 200)
                    .when().get("/api/v1/organizations").then().statusCode(200).extract().jsonPath();
            List<Number> ids = body.getList("items.id");
            ids.forEach(n -> assertTrue(inScope.contains(n.longValue()), q + " found " + n + " outside"));
        }
    }

    /** An organisation that does not exist and some that exist outside the scope. */
    @SuppressWarnings("unchecked")
    private Set<Long> outsideSample(Set<Long> inScope) {
        Set<Long> sample = new HashSet<>();
        sample.add(9_000_000_000L);
        List<Number> all = em.createNativeQuery("SELECT id FROM organization ORDER BY id").getResultList();
        all.stream().map(Number::longValue).filter(id -> !inScope.contains(id)).limit(3).forEach(sample::add);
        all.stream().map(Number::longValue).filter(id -> !inScope.contains(id)).reduce((a, b) -> b).ifPresent(sample::add);
        assertFalse(sample.isEmpty());
        return sample;
    }
}
