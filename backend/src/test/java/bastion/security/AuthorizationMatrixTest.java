package bastion.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bastion.support.Contract;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
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

    /** The five kinds of caller, all of whose jurisdiction contains township 1 of county 1. */
    private static Map<String, String> roles() {
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put("township-official", Tokens.townshipOfficial());
        roles.put("county-admin", Tokens.countyAdmin());
        roles.put("city-admin", Tokens.cityAdmin());
        roles.put("auditor", Tokens.auditor());
        roles.put("gov-system", Tokens.govSystem());
        return roles;
    }

    /**
     * One operation: how to call it as a given token (fresh fixtures each call), the roles allowed,
     * and the refusals that are not 403 (a body naming an organisation outside the caller's scope
     * is a 400 on that field).
     */
    private record Operation(String name, Function<String, Integer> call, List<String> allowed, Map<String, Integer> refusals) {
        Operation(String name, Function<String, Integer> call, List<String> allowed) {
            this(name, call, allowed, Map.of());
        }
    }

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
        List<String> wrong = new ArrayList<>();
        List<Operation> operations = operations();
        for (Operation op : operations) {
            for (Map.Entry<String, String> role : roles().entrySet()) {
                int status = op.call().apply(role.getValue());
                boolean allowed = op.allowed().contains(role.getKey());
                boolean ok = allowed ? status >= 200 && status < 300 : status == op.refusals().getOrDefault(role.getKey(), 403);
                if (!ok) {
                    wrong.add(op.name() + " as " + role.getKey() + " → " + status + (allowed ? " (should succeed)" : " (should be 403)"));
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        // every operation of these tags in the contract is in the matrix (other tags have matrices of their own)
        assertEquals(Contract.operationIds("session", "organizations", "rule-sets", "cycles", "fortress-index"),
                new java.util.TreeSet<>(operations.stream().map(op -> Contract.operationOf(op.name())).toList()));
    }
}
