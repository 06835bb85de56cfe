package bastion.security;

import static io.restassured.RestAssured.given;

import bastion.support.Matrix;
import bastion.support.Matrix.Operation;
import bastion.support.Grading;
import bastion.support.Subtrees;
import bastion.support.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the contract × every role, on targets inside the caller's jurisdiction:
 * allowed roles succeed, the others get 403 (never 401, never a 2xx). Out-of-scope targets are
 * covered by JurisdictionTest, RuleSetApiTest and CycleAndScorecardTest (404).
 */
@QuarkusTest
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AuthorizationMatrixTest {

    private static final AtomicInteger YEARS = new AtomicInteger(2060);

    @Inject
    EntityManager em;


    private RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private long village() {
        long township = Subtrees.idOf(em, Tokens.TOWNSHIP_1);
        return ((Number) em.createNativeQuery("SELECT id FROM organization WHERE parent_id = :t ORDER BY id LIMIT 1")
                .setParameter("t", township).getSingleResult()).longValue();
    }

    private List<Operation> operations() {
        long city = Subtrees.idOf(em, Tokens.CITY);
        long county = Subtrees.idOf(em, Tokens.COUNTY_1);
        long village = village();
        int year = YEARS.getAndIncrement();
        long cityRules = Grading.cityRuleSet(city, year);
        long cycle = Grading.countyCycle(county, cityRules, year);
        Map<String, Object> template = Grading.template();
        Map<String, Object> emptyCard = Map.of("items", List.of(), "bonuses", List.of(), "deductions", List.of(), "vetoes", List.of());
        List<String> everyone = List.of("township-official", "county-admin", "city-admin", "auditor", "gov-system");
        List<String> admins = List.of("county-admin", "city-admin");

        List<Operation> ops = new ArrayList<>();
        ops.add(new Operation("getMe", t -> as(t).get("/api/v1/me").statusCode(), everyone));
        ops.add(new Operation("listOrganizations", t -> as(t).get("/api/v1/organizations").statusCode(), everyone));
        ops.add(new Operation("getOrganization", t -> as(t).get("/api/v1/organizations/" + village).statusCode(), everyone));
        ops.add(new Operation("getRuleSetTemplate", t -> as(t).get("/api/v1/rule-set-template").statusCode(), everyone));
        ops.add(new Operation("listRuleSets", t -> as(t).get("/api/v1/rule-sets").statusCode(), everyone));
        ops.add(new Operation("getRuleSet", t -> as(t).get("/api/v1/rule-sets/" + cityRules).statusCode(), everyone));
        ops.add(new Operation("validateRuleSet", t -> as(t).body(template).post("/api/v1/rule-sets/validation").statusCode(), everyone));
        ops.add(new Operation("createRuleSet (county)", t -> as(t)
                .body(Map.of("jurisdictionId", county, "year", YEARS.getAndIncrement(), "name", "矩阵", "definition", template))
                .post("/api/v1/rule-sets").statusCode(), List.of("county-admin")));
        ops.add(new Operation("createRuleSet (city)", t -> as(t)
                .body(Map.of("jurisdictionId", city, "year", YEARS.getAndIncrement(), "name", "矩阵", "definition", template))
                .post("/api/v1/rule-sets").statusCode(), List.of("city-admin"), Map.of("county-admin", 400)));
        ops.add(new Operation("updateRuleSet (city draft)", t -> as(t).header("If-Match", "\"0\"")
                .body(Map.of("name", "改", "definition", template))
                .put("/api/v1/rule-sets/" + Grading.cityRuleSet(city, YEARS.getAndIncrement())).statusCode(), List.of("city-admin")));
        ops.add(new Operation("deleteRuleSet (city draft)", t -> as(t).header("If-Match", "\"0\"")
                .delete("/api/v1/rule-sets/" + Grading.cityRuleSet(city, YEARS.getAndIncrement())).statusCode(), List.of("city-admin")));
        ops.add(new Operation("copyRuleSet (city)", t -> as(t).post("/api/v1/rule-sets/" + cityRules + "/versions").statusCode(),
                List.of("city-admin")));
        ops.add(new Operation("listCycles", t -> as(t).get("/api/v1/cycles").statusCode(), everyone));
        ops.add(new Operation("getCycle", t -> as(t).get("/api/v1/cycles/" + cycle).statusCode(), everyone));
        ops.add(new Operation("createCycle (county)", t -> {
            int y = YEARS.getAndIncrement();
            long rules = Grading.cityRuleSet(city, y);
            return as(t).body(Map.of("jurisdictionId", county, "year", y, "phase", "ANNUAL", "ruleSetId", rules))
                    .post("/api/v1/cycles").statusCode();
        }, admins));
        ops.add(new Operation("transitionCycle (lock)", t -> {
            int y = YEARS.getAndIncrement();
            long c = Grading.countyCycle(county, Grading.cityRuleSet(city, y), y);
            return as(t).header("If-Match", "\"0\"").body(Map.of("action", "LOCK")).post("/api/v1/cycles/" + c + "/transitions").statusCode();
        }, admins));
        ops.add(new Operation("getScorecard", t -> as(t).get("/api/v1/cycles/" + cycle + "/scorecards/" + village).statusCode(), everyone));
        ops.add(new Operation("putScorecard", t -> {
            int y = YEARS.getAndIncrement();
            long c = Grading.countyCycle(county, Grading.cityRuleSet(city, y), y);
            return as(t).header("If-Match", "\"0\"").body(emptyCard).put("/api/v1/cycles/" + c + "/scorecards/" + village).statusCode();
        }, List.of("township-official", "county-admin")));
        ops.add(new Operation("listFortressIndices", t -> as(t).get("/api/v1/cycles/" + cycle + "/fortress-indices").statusCode(), everyone));
        ops.add(new Operation("getFortressIndex", t -> as(t).get("/api/v1/cycles/" + cycle + "/fortress-indices/" + village).statusCode(),
                everyone));
        return ops;
    }

    @Test
    void everyOperationByEveryRole() {
        Matrix.verify(Matrix.roles(), operations(), "session", "organizations", "rule-sets", "cycles", "fortress-index");
    }
}
