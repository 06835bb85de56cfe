package bastion.grading;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bastion.support.Grading;
import bastion.support.Subtrees;
import bastion.support.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Grading through the API on county 2 of the demo city (DOMAIN §6): hand-worked tiers at each
 * boundary, overrides, movement across cycles (incl. an organisation new this year and a merged
 * one), targets at exactly 30 % and 20 %, re-runs, a failed run, publishing and who reads what.
 */
@QuarkusTest
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class GradingApiTest {

    static final String COUNTY2_ADMIN = Tokens.user("county2.admin", Tokens.COUNTY_2, "county-admin");

    @Inject
    EntityManager em;

    @Inject
    GradingRunner runner;

    // ------------------------------------------------------------------ fixtures

    /** The villages of the n-th township (by code) of county 2, ordered by id. */
    @SuppressWarnings("unchecked")
    List<Long> villages(int township) {
        List<Number> ids = em.createNativeQuery("""
                WITH townships AS (
                    SELECT t.id FROM organization t JOIN organization k ON k.id = t.parent_id JOIN organization o ON o.parent_id = t.id
                    WHERE k.code = :county AND t.level = 'TOWNSHIP' AND o.graded AND o.place_type = 'VILLAGE'
                    GROUP BY t.id, t.code HAVING count(*) >= 12 ORDER BY t.code OFFSET :n LIMIT 1)
                SELECT o.id FROM organization o JOIN townships t ON t.id = o.parent_id
                WHERE o.graded AND o.place_type = 'VILLAGE' ORDER BY o.id""")
                .setParameter("county", Tokens.COUNTY_2).setParameter("n", township).getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    long parentOf(long org) {
        return ((Number) em.createNativeQuery("SELECT parent_id FROM organization WHERE id = :id").setParameter("id", org).getSingleResult())
                .longValue();
    }

    static long cycle(long ruleSet, int year) {
        Number id = given().auth().oauth2(Tokens.cityAdmin()).contentType(ContentType.JSON)
                .body(Map.of("jurisdictionId", county2(), "year", year, "phase", "ANNUAL", "ruleSetId", ruleSet))
                .when().post("/api/v1/cycles").then().statusCode(201).extract().path("id");
        return id.longValue();
    }

    private static long county2Id;

    static long county2() {
        return county2Id;
    }

    void init() {
        county2Id = Subtrees.idOf(em, Tokens.COUNTY_2);
    }

    /** Every village indicator at its maximum; members and masses of 10 with {@code members}/{@code masses} satisfied; deductions. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> card(int members, int masses, Map<String, String> deductions, List<String> vetoes) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (Map<String, Object> dimension : (List<Map<String, Object>>) Grading.template().get("dimensions")) {
            for (Map<String, Object> indicator : (List<Map<String, Object>>) dimension.get("indicators")) {
                List<String> appliesTo = (List<String>) indicator.get("appliesTo");
                if (appliesTo == null || appliesTo.contains("VILLAGE")) {
                    items.add(Map.of("indicatorCode", indicator.get("code"), "verifiedScore", indicator.get("max")));
                }
            }
        }
        Map<String, Object> card = new HashMap<>();
        card.put("items", items);
        card.put("members", Map.of("respondents", 10, "satisfied", members));
        card.put("masses", Map.of("respondents", 10, "satisfied", masses));
        card.put("bonuses", List.of());
        card.put("deductions", deductions.entrySet().stream().map(e -> Map.of("code", e.getKey(), "points", e.getValue(), "reason", "测试")).toList());
        card.put("vetoes", vetoes.stream().map(v -> Map.of("code", v, "reason", "测试否决")).toList());
        return card;
    }

    /** A scorecard whose official index is {@code index} (one of the hand-worked values below). */
    static Map<String, Object> cardFor(String index) {
        return switch (index) {
            case "100.0" -> card(10, 10, Map.of(), List.of());
            case "95.0" -> card(10, 10, Map.of("DED_DISCIPLINE", "5"), List.of());
            // 100 − 5 − 5 = 90.0; − 0.1 more = 89.9
            case "90.0" -> card(10, 10, ordered("DED_DISCIPLINE", "5", "DED_PETITION", "5"), List.of());
            case "89.9" -> card(10, 10, ordered("DED_DISCIPLINE", "5", "DED_PETITION", "5", "DED_TASK", "0.1"), List.of());
            case "85.0" -> card(10, 10, ordered("DED_DISCIPLINE", "5", "DED_PETITION", "5", "DED_TASK", "3", "DED_SAFETY", "2"), List.of());
            // masses 0 %: 60 + 20 = 80.0
            case "80.0" -> card(10, 0, Map.of(), List.of());
            case "79.9" -> card(10, 0, Map.of("DED_TASK", "0.1"), List.of());
            // members and masses 0 %: 0.6 × 100 = 60.0
            case "60.0" -> card(0, 0, Map.of(), List.of());
            case "59.9" -> card(0, 0, Map.of("DED_TASK", "0.1"), List.of());
            case "95.0 veto" -> card(10, 10, Map.of("DED_DISCIPLINE", "5"), List.of("VETO_CRIME"));
            default -> throw new IllegalArgumentException(index);
        };
    }

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static void score(long cycle, long org, String index) {
        String etag = given().auth().oauth2(Tokens.cityAdmin()).when().get("/api/v1/cycles/" + cycle + "/scorecards/" + org)
                .then().statusCode(200).extract().header("ETag");
        given().auth().oauth2(COUNTY2_ADMIN).contentType(ContentType.JSON).header("If-Match", etag).body(cardFor(index))
                .when().put("/api/v1/cycles/" + cycle + "/scorecards/" + org).then().log().ifValidationFails().statusCode(200);
        String official = given().auth().oauth2(COUNTY2_ADMIN).when().get("/api/v1/cycles/" + cycle + "/fortress-indices/" + org)
                .then().statusCode(200).extract().path("officialIndex");
        assertEquals(index.replace(" veto", ""), official, "the hand-worked index of the fixture");
    }

    /** Starts a run as {@code token} and waits for it to finish; returns the finished run. */
    static JsonPath grade(String token, long cycle) {
        var response = given().auth().oauth2(token).when().post("/api/v1/cycles/" + cycle + "/grading-runs").then().statusCode(202).extract();
        long run = ((Number) response.path("id")).longValue();
        assertEquals("/api/v1/grading-runs/" + run, java.net.URI.create(response.header("Location")).getPath());
        return await(token, run);
    }

    static JsonPath await(String token, long run) {
        for (int i = 0; i < 600; i++) {
            JsonPath p = given().auth().oauth2(token).when().get("/api/v1/grading-runs/" + run).then().statusCode(200).extract().jsonPath();
            String state = p.getString("state");
            if (state.equals("SUCCEEDED") || state.equals("FAILED")) {
                return p;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("grading run " + run + " did not finish");
    }

    /** The current results under an organisation, by organisation id. */
    static Map<Long, Map<String, Object>> results(String token, long cycle, long under) {
        Map<Long, Map<String, Object>> out = new HashMap<>();
        JsonPath p = given().auth().oauth2(token).queryParam("under", under).queryParam("size", 200).queryParam("sort", "divisionCode")
                .when().get("/api/v1/cycles/" + cycle + "/grading-results").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = p.getList("items");
        for (Map<String, Object> item : items) {
            out.put(((Number) ((Map<?, ?>) item.get("organization")).get("id")).longValue(), item);
        }
        return out;
    }

    static void lockAndPublish(long cycle) {
        for (String action : List.of("LOCK", "PUBLISH")) {
            String etag = given().auth().oauth2(COUNTY2_ADMIN).when().get("/api/v1/cycles/" + cycle).then().statusCode(200).extract().header("ETag");
            given().auth().oauth2(COUNTY2_ADMIN).contentType(ContentType.JSON).header("If-Match", etag)
                    .body(Map.of("action", action, "reason", "测试")).when().post("/api/v1/cycles/" + cycle + "/transitions").then().statusCode(200);
        }
    }

    long confirmedFinding(long org) {
        Number id = given().auth().oauth2(COUNTY2_ADMIN).contentType(ContentType.JSON)
                .body(Map.of("organizationId", org, "criterionCode", "C01", "reason", "测试: 书记长期缺职", "evidence", "走访记录"))
                .when().post("/api/v1/findings").then().statusCode(201).extract().path("id");
        given().auth().oauth2(COUNTY2_ADMIN).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Map.of("action", "CONFIRM", "reason", "认定")).when().post("/api/v1/findings/" + id + "/transitions").then().statusCode(200);
        return id.longValue();
    }

    // ------------------------------------------------------------------ tests

    @Test
    void tiersAtEachBoundaryOverridesMovementAndTargets() {
        init();
        long city = Subtrees.idOf(em, Tokens.CITY);
        List<Long> t1 = villages(1);
        List<Long> t2 = villages(2);
        List<Long> t3 = villages(3);
        long township1 = parentOf(t1.get(0));
        long township2 = parentOf(t2.get(0));
        long previousCycle = cycle(Grading.cityRuleSet(city, 2015), 2015);
        long cycle = cycle(Grading.cityRuleSet(city, 2016), 2016);

        // ---- last year: t1[0] GOOD, t1[1] AVERAGE, t1[3] (to be merged) AVERAGE; t1[4] not graded yet (new this year)
        score(previousCycle, t1.get(0), "90.0");
        score(previousCycle, t1.get(1), "60.0");
        score(previousCycle, t1.get(3), "60.0");
        long newOrg = t1.get(4);
        // new this year: during last year's grading it belonged to another county (township 1 of county 1, not graded last year)
        Object[] home = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "SELECT parent_id, path, county_code FROM organization WHERE id = :id").setParameter("id", newOrg).getSingleResult());
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                UPDATE organization o SET parent_id = t.id, path = t.path || o.id || '/', county_code = t.county_code
                FROM organization t WHERE t.code = :t AND o.id = :id""").setParameter("t", Tokens.TOWNSHIP_1).setParameter("id", newOrg)
                .executeUpdate());
        JsonPath before;
        try {
            before = grade(COUNTY2_ADMIN, previousCycle);
        } finally {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "UPDATE organization SET parent_id = :p, path = :path, county_code = :c WHERE id = :id")
                    .setParameter("p", home[0]).setParameter("path", home[1]).setParameter("c", home[2]).setParameter("id", newOrg)
                    .executeUpdate());
        }
        assertEquals("SUCCEEDED", before.getString("state"));
        Map<Long, Map<String, Object>> last = results(COUNTY2_ADMIN, previousCycle, township1);
        assertEquals("GOOD", last.get(t1.get(0)).get("tier"));
        assertFalse(last.containsKey(newOrg), "not in this county last year");
        assertEquals("NONE", last.get(t1.get(0)).get("movement"), "a first cycle has no movement");

        // ---- the merged organisation: its code revoked, a new one issued; the stable id stays
        long merged = t1.get(3);
        String[] old = QuarkusTransaction.requiringNew().call(() -> {
            Object[] r = (Object[]) em.createNativeQuery("SELECT code, division_code FROM organization WHERE id = :id").setParameter("id", merged)
                    .getSingleResult();
            return new String[] {(String) r[0], (String) r[1]};
        });
        String newCode = old[0].substring(0, 10) + "999";
        String newDivision = old[1].substring(0, 9) + "999";
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("UPDATE division_code SET valid_to = DATE '2099-12-30' WHERE organization_id = :id AND valid_to IS NULL")
                    .setParameter("id", merged).executeUpdate();
            em.createNativeQuery("INSERT INTO division_code (organization_id, county_code, code, valid_from) "
                    + "SELECT id, county_code, :code, DATE '2099-12-31' FROM organization WHERE id = :id")
                    .setParameter("id", merged).setParameter("code", newDivision).executeUpdate();
            em.createNativeQuery("UPDATE organization SET code = :code, division_code = :div WHERE id = :id")
                    .setParameter("code", newCode).setParameter("div", newDivision).setParameter("id", merged).executeUpdate();
        });
        try {
            // ---- this year, township 1: each boundary, a veto and a lagging organisation
            score(cycle, t1.get(0), "89.9");   // GOOD → FAIRLY_GOOD: DOWN
            score(cycle, t1.get(1), "59.9");   // AVERAGE → POOR: DOWN
            score(cycle, t1.get(2), "90.0");   // GOOD, no previous result: NONE
            score(cycle, merged, "90.0");       // AVERAGE → GOOD: UP, matched by id across the code change
            score(cycle, newOrg, "90.0");       // new this year: NONE
            score(cycle, t1.get(5), "80.0");
            score(cycle, t1.get(6), "79.9");
            score(cycle, t1.get(7), "60.0");
            score(cycle, t1.get(8), "95.0 veto");
            score(cycle, t1.get(9), "95.0");
            confirmedFinding(t1.get(9));
            confirmedFinding(t3.get(0));        // lagging with no scorecard at all: POOR all the same
            // ---- township 2: exactly 30 % GOOD + FAIRLY_GOOD and 20 % POOR of 10 with a tier
            String[] t2Indices = {"90.0", "89.9", "80.0", "79.9", "60.0", "60.0", "60.0", "60.0", "59.9", "59.9"};
            for (int i = 0; i < t2Indices.length; i++) {
                score(cycle, t2.get(i), t2Indices[i]);
            }

            JsonPath run = grade(COUNTY2_ADMIN, cycle);
            assertEquals("SUCCEEDED", run.getString("state"));
            assertEquals(run.getInt("total"), run.getInt("processed"));
            assertEquals(run.getInt("total"), run.getInt("graded") + run.getInt("incomplete"));
            assertTrue(run.getInt("incomplete") > 0, "villages without scorecards are reported");
            assertTrue(run.getBoolean("current"));
            assertFalse(run.getBoolean("final"));
            assertEquals(Tokens.CITY + "-2016-v1", run.getString("ruleSetLabel"));
            assertTrue(run.getInt("poorByLagging") >= 2);
            assertTrue(run.getInt("poorByVeto") >= 1);
            assertTrue(run.getList("incompleteOrganizations").size() <= 200);

            Map<Long, Map<String, Object>> r = results(COUNTY2_ADMIN, cycle, township1);
            assertResult(r.get(t1.get(0)), "89.9", "FAIRLY_GOOD", "MIDDLE", "GOOD", "DOWN");
            assertResult(r.get(t1.get(1)), "59.9", "POOR", "BACKWARD", "AVERAGE", "DOWN");
            assertResult(r.get(t1.get(2)), "90.0", "GOOD", "ADVANCED", null, "NONE");
            assertResult(r.get(merged), "90.0", "GOOD", "ADVANCED", "AVERAGE", "UP");
            assertEquals(newCode, ((Map<?, ?>) r.get(merged).get("organization")).get("code"));
            assertResult(r.get(newOrg), "90.0", "GOOD", "ADVANCED", null, "NONE");
            assertResult(r.get(t1.get(5)), "80.0", "FAIRLY_GOOD", "MIDDLE", null, "NONE");
            assertResult(r.get(t1.get(6)), "79.9", "AVERAGE", "MIDDLE", null, "NONE");
            assertResult(r.get(t1.get(7)), "60.0", "AVERAGE", "MIDDLE", null, "NONE");
            assertResult(r.get(t1.get(8)), "95.0", "POOR", "BACKWARD", null, "NONE");
            assertResult(r.get(t1.get(9)), "95.0", "POOR", "BACKWARD", null, "NONE");
            assertEquals("INCOMPLETE", r.get(t1.get(10)).get("status"));
            assertNull(r.get(t1.get(10)).get("tier"));
            assertNull(r.get(t1.get(10)).get("class"));
            // reasons that keep a POOR organisation there
            assertEquals(List.of("INDEX", "WEAK_DIMENSION", "WEAK_DIMENSION"), kinds(r.get(t1.get(1))));
            assertEquals(List.of("VETO", "WEAK_DIMENSION", "WEAK_DIMENSION"), kinds(r.get(t1.get(8))));
            assertEquals(true, r.get(t1.get(8)).get("vetoed"));
            assertEquals(List.of("VETO_CRIME"), r.get(t1.get(8)).get("vetoCodes"));
            assertEquals(List.of("LAGGING", "WEAK_DIMENSION", "WEAK_DIMENSION"), kinds(r.get(t1.get(9))));
            assertEquals(true, r.get(t1.get(9)).get("lagging"));
            assertEquals("C01", ((Map<?, ?>) ((List<?>) r.get(t1.get(9)).get("laggingCriteria")).get(0)).get("code"));
            Map<String, Object> laggingIncomplete = results(COUNTY2_ADMIN, cycle, parentOf(t3.get(0))).get(t3.get(0));
            assertEquals("POOR", laggingIncomplete.get("tier"));
            assertEquals("GRADED", laggingIncomplete.get("status"));
            assertEquals(false, laggingIncomplete.get("complete"));

            // filters
            given().auth().oauth2(COUNTY2_ADMIN).queryParam("township", township1).queryParam("tier", "POOR")
                    .when().get("/api/v1/cycles/" + cycle + "/grading-results").then().statusCode(200).body("totalItems", equalTo(3));
            given().auth().oauth2(COUNTY2_ADMIN).queryParam("township", township1).queryParam("movement", "DOWN")
                    .when().get("/api/v1/cycles/" + cycle + "/grading-results").then().statusCode(200).body("totalItems", equalTo(2));
            given().auth().oauth2(COUNTY2_ADMIN).queryParam("under", township1).queryParam("class", "MIDDLE").queryParam("sort", "index")
                    .when().get("/api/v1/cycles/" + cycle + "/grading-results").then().statusCode(200).body("totalItems", equalTo(4))
                    .body("items[0].officialIndex", equalTo("60.0"));
            given().auth().oauth2(COUNTY2_ADMIN).queryParam("tier", "BEST").queryParam("size", 0)
                    .when().get("/api/v1/cycles/" + cycle + "/grading-results").then().statusCode(400)
                    .body("errors.field", hasItem("tier")).body("errors.field", hasItem("size"));

            // ---- summary: township 2 meets the default targets exactly (3 of 10 ≥ 30 %, 2 of 10 ≤ 20 %)
            JsonPath s = summary(COUNTY2_ADMIN, cycle, township2);
            assertEquals(10, s.getInt("scope.graded"));
            assertEquals("30", s.getString("scope.target.goodShare"));
            assertEquals("20", s.getString("scope.target.poorShare"));
            assertEquals("DEFAULT", s.getString("scope.target.source"));
            assertTrue(s.getBoolean("scope.target.goodMet"));
            assertTrue(s.getBoolean("scope.target.poorMet"));
            assertTrue(s.getBoolean("scope.target.met"));
            assertEquals("0", s.getString("scope.target.goodDistance"));
            assertEquals("0", s.getString("scope.target.poorDistance"));
            assertEquals(1, s.getInt("scope.tiers.GOOD.count"));
            assertEquals(2, s.getInt("scope.tiers.FAIRLY_GOOD.count"));
            assertEquals(5, s.getInt("scope.tiers.AVERAGE.count"));
            assertEquals(2, s.getInt("scope.tiers.POOR.count"));
            assertEquals("50", s.getString("scope.tiers.AVERAGE.share"));
            assertEquals(7, s.getInt("scope.classes.MIDDLE.count"));
            assertEquals(10, s.getInt("scope.movement.NONE") - s.getInt("scope.incomplete"));

            // a county admin sets township 2's target a hair above: not met, by 0.01 points; the city sets county 2's
            given().auth().oauth2(COUNTY2_ADMIN).contentType(ContentType.JSON).body(Map.of("minGoodShare", "30.01", "maxPoorShare", "19.99"))
                    .when().put("/api/v1/targets/" + township2 + "/2016").then().statusCode(200).header("ETag", "\"1\"")
                    .body("source", equalTo("OWN")).body("minGoodShare", equalTo("30.01"));
            s = summary(COUNTY2_ADMIN, cycle, township2);
            assertFalse(s.getBoolean("scope.target.goodMet"));
            assertFalse(s.getBoolean("scope.target.poorMet"));
            assertEquals("-0.01", s.getString("scope.target.goodDistance"));
            assertEquals("0.01", s.getString("scope.target.poorDistance"));
            assertEquals("OWN", s.getString("scope.target.source"));
            given().auth().oauth2(Tokens.cityAdmin()).contentType(ContentType.JSON).body(Map.of("minGoodShare", "25", "maxPoorShare", "25"))
                    .when().put("/api/v1/targets/" + county2() + "/2016").then().statusCode(200);
            s = summary(COUNTY2_ADMIN, cycle, township1);
            assertEquals("INHERITED", s.getString("scope.target.source"));
            assertEquals("25", s.getString("scope.target.minGoodShare"));
            JsonPath whole = summary(COUNTY2_ADMIN, cycle, null);
            assertEquals(1, whole.getList("counties").size());
            assertTrue(whole.getList("townships").size() > 3);
            assertEquals(whole.getInt("scope.total"), run.getInt("total"));
            assertEquals(whole.getInt("scope.incomplete"), run.getInt("incomplete"));
            // stars: of the complete ones, five stars (≥ 95) 3 in township 1 (95.0 ×2, 90.0 are 4 stars) → above the 10 % guide
            JsonPath s1 = summary(COUNTY2_ADMIN, cycle, township1);
            assertEquals(2, s1.getInt("scope.stars.counts.5"));
            assertEquals("10", s1.getString("scope.stars.guideFive"));
            assertEquals(2, s1.getList("scope.stars.warnings").size());

            // ---- rankings
            JsonPath villages = given().auth().oauth2(COUNTY2_ADMIN).queryParam("under", township1).queryParam("limit", 3)
                    .when().get("/api/v1/cycles/" + cycle + "/rankings/villages").then().statusCode(200).extract().jsonPath();
            // 95.0 (veto) and 95.0 (lagging) are left out: 90.0, 90.0, 90.0 share rank 1
            assertEquals(List.of(1, 1, 1), villages.getList("items.rank"));
            assertEquals(List.of("90.0", "90.0", "90.0"), villages.getList("items.officialIndex"));
            assertTrue(villages.getString("rule.zh").contains("百强村"));
            JsonPath townships = given().auth().oauth2(COUNTY2_ADMIN).queryParam("limit", 1000)
                    .when().get("/api/v1/cycles/" + cycle + "/rankings/townships").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> ranked = townships.getList("items");
            assertTrue(ranked.size() >= 2);
            assertEquals(1, ranked.getFirst().get("rank"));
            for (int i = 1; i < ranked.size(); i++) {
                assertTrue(new BigDecimal((String) ranked.get(i - 1).get("meanIndex")).compareTo(new BigDecimal((String) ranked.get(i).get("meanIndex"))) >= 0);
            }
            assertTrue(townships.getString("rule.en").contains("mean official index"));

            // ---- re-running gives identical results; the previous run's results are replaced
            byte[] csvBefore = csv(cycle);
            JsonPath summaryBefore = summary(COUNTY2_ADMIN, cycle, null);
            JsonPath again = grade(Tokens.cityAdmin(), cycle);
            assertEquals("SUCCEEDED", again.getString("state"));
            assertNotEquals(run.getLong("id"), again.getLong("id"));
            assertEquals(new String(csvBefore, StandardCharsets.UTF_8), new String(csv(cycle), StandardCharsets.UTF_8));
            JsonPath summaryAfter = summary(COUNTY2_ADMIN, cycle, null);
            assertEquals(again.getLong("id"), summaryAfter.getLong("run.id"));
            for (String part : List.of("scope", "counties", "townships", "rule")) {
                assertEquals(summaryBefore.get(part).toString(), summaryAfter.get(part).toString(), "identical " + part);
            }

            // ---- a failed run leaves the previous results current
            runner.injectFailureForTest("注入的故障 / injected failure");
            JsonPath failed;
            try {
                failed = grade(COUNTY2_ADMIN, cycle);
            } finally {
                runner.injectFailureForTest(null);
            }
            assertEquals("FAILED", failed.getString("state"));
            assertEquals("注入的故障 / injected failure", failed.getString("failureReason"));
            assertFalse(failed.getBoolean("current"));
            given().auth().oauth2(COUNTY2_ADMIN).when().get("/api/v1/cycles/" + cycle + "/grading-results")
                    .then().statusCode(200).body("run.id", equalTo((int) again.getLong("id")));
            assertEquals(new String(csvBefore, StandardCharsets.UTF_8), new String(csv(cycle), StandardCharsets.UTF_8));
            Number leftovers = QuarkusTransaction.requiringNew().call(() -> (Number) em.createNativeQuery(
                    "SELECT count(*) FROM grading_result WHERE run_id = :r").setParameter("r", failed.getLong("id")).getSingleResult());
            assertEquals(0, leftovers.intValue(), "a failed run's partial results are discarded");
            given().auth().oauth2(Tokens.auditor()).when().get("/api/v1/cycles/" + cycle + "/grading-runs").then().statusCode(404);
            List<Map<String, Object>> listed = given().auth().oauth2(COUNTY2_ADMIN).when().get("/api/v1/cycles/" + cycle + "/grading-runs")
                    .then().statusCode(200).extract().jsonPath().getList("$");
            assertEquals(List.of("FAILED", "SUCCEEDED", "SUCCEEDED"), listed.stream().map(m -> m.get("state")).toList());

            // ---- another run while one is queued: 409
            long queued = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                    INSERT INTO grading_run (cycle_id, county_code, state, rule_set_id, rule_set_label, method, started_by)
                    SELECT id, county_code, 'QUEUED', rule_set_id, 'X', 'THRESHOLDS', 'test' FROM cycle WHERE id = :c RETURNING id""")
                    .setParameter("c", cycle).getSingleResult()).longValue());
            given().auth().oauth2(COUNTY2_ADMIN).when().post("/api/v1/cycles/" + cycle + "/grading-runs").then().statusCode(409)
                    .body("runId", equalTo((int) queued));
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE grading_run SET state = 'FAILED' WHERE id = :id")
                    .setParameter("id", queued).executeUpdate());

            // ---- other systems read nothing before publication
            given().auth().oauth2(Tokens.govSystem()).when().get("/api/v1/cycles/" + cycle + "/grading-results").then().statusCode(404);
            given().auth().oauth2(Tokens.govSystem()).when().get("/api/v1/cycles/" + cycle + "/grading-summary").then().statusCode(404);
            given().auth().oauth2(Tokens.govSystem()).when().get("/api/v1/grading-runs/" + again.getLong("id")).then().statusCode(404);

            // ---- publishing leaves the final grading, which never changes
            lockAndPublish(cycle);
            List<Map<String, Object>> afterPublish = given().auth().oauth2(COUNTY2_ADMIN).when().get("/api/v1/cycles/" + cycle + "/grading-runs")
                    .then().statusCode(200).extract().jsonPath().getList("$");
            assertEquals(true, afterPublish.getFirst().get("final"));
            assertEquals(true, afterPublish.getFirst().get("current"));
            assertEquals("SUCCEEDED", afterPublish.getFirst().get("state"));
            // the classification frozen at locking still makes t1[9] POOR; the rest as before
            assertEquals(new String(csvBefore, StandardCharsets.UTF_8), new String(csv(cycle), StandardCharsets.UTF_8));
            given().auth().oauth2(COUNTY2_ADMIN).when().post("/api/v1/cycles/" + cycle + "/grading-runs").then().statusCode(409)
                    .body("state", equalTo("PUBLISHED"));
            given().auth().oauth2(Tokens.govSystem()).when().get("/api/v1/cycles/" + cycle + "/grading-results")
                    .then().statusCode(200).body("published", equalTo(true)).body("run.final", equalTo(true));
            given().auth().oauth2(Tokens.govSystem()).when().get("/api/v1/cycles/" + cycle + "/grading-summary").then().statusCode(200);
            long finalRun = ((Number) afterPublish.getFirst().get("id")).longValue();
            assertThrows(Exception.class, () -> QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "UPDATE grading_result SET tier = 'GOOD' WHERE run_id = :r").setParameter("r", finalRun).executeUpdate()));
            assertThrows(Exception.class, () -> QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "DELETE FROM grading_result WHERE run_id = :r").setParameter("r", finalRun).executeUpdate()));
            // a township official of county 2 sees the published tiers of their villages only
            String official = Tokens.user("t.official", codeOf(township1), "township-official");
            Map<Long, Map<String, Object>> mine = results(official, cycle, township1);
            assertEquals("FAIRLY_GOOD", mine.get(t1.get(0)).get("tier"));
            given().auth().oauth2(official).queryParam("under", township2).when().get("/api/v1/cycles/" + cycle + "/grading-results")
                    .then().statusCode(404);
        } finally {
            QuarkusTransaction.requiringNew().run(() -> {
                em.createNativeQuery("UPDATE organization SET code = :code, division_code = :div WHERE id = :id")
                        .setParameter("code", old[0]).setParameter("div", old[1]).setParameter("id", merged).executeUpdate();
                em.createNativeQuery("DELETE FROM division_code WHERE organization_id = :id AND valid_from = DATE '2099-12-31'")
                        .setParameter("id", merged).executeUpdate();
                em.createNativeQuery("UPDATE division_code SET valid_to = NULL WHERE organization_id = :id AND valid_to = DATE '2099-12-30'")
                        .setParameter("id", merged).executeUpdate();
            });
        }
    }

    String codeOf(long id) {
        return (String) em.createNativeQuery("SELECT code FROM organization WHERE id = :id").setParameter("id", id).getSingleResult();
    }

    @SuppressWarnings("unchecked")
    static List<String> kinds(Map<String, Object> result) {
        return ((List<Map<String, Object>>) result.get("reasons")).stream().map(m -> (String) m.get("kind")).toList();
    }

    static void assertResult(Map<String, Object> r, String index, String tier, String gradeClass, String previous, String movement) {
        assertEquals(index, r.get("officialIndex"));
        assertEquals(tier, r.get("tier"));
        assertEquals(gradeClass, r.get("class"));
        assertEquals(previous, r.get("previousTier"));
        assertEquals(movement, r.get("movement"));
        assertEquals("GRADED", r.get("status"));
    }

    static JsonPath summary(String token, long cycle, Long under) {
        var request = given().auth().oauth2(token);
        if (under != null) {
            request.queryParam("under", under);
        }
        return request.when().get("/api/v1/cycles/" + cycle + "/grading-summary").then().statusCode(200).extract().jsonPath();
    }

    static byte[] csv(long cycle) {
        return given().auth().oauth2(COUNTY2_ADMIN).when().get("/api/v1/cycles/" + cycle + "/grading-results.csv").then().statusCode(200)
                .header("Content-Disposition", "attachment; filename=\"grading-" + cycle + ".csv\"")
                .extract().asByteArray();
    }

    @Test
    void csvHasABomChineseHeadersAndNoFormulas() {
        init();
        long city = Subtrees.idOf(em, Tokens.CITY);
        long cycle = cycle(Grading.cityRuleSet(city, 2017), 2017);
        score(cycle, villages(4).get(0), "85.0");
        grade(COUNTY2_ADMIN, cycle);
        byte[] bytes = csv(cycle);
        assertEquals((byte) 0xEF, bytes[0]);
        assertEquals((byte) 0xBB, bytes[1]);
        assertEquals((byte) 0xBF, bytes[2]);
        String text = new String(bytes, StandardCharsets.UTF_8).substring(1);
        assertTrue(text.startsWith("组织编码,组织名称,区划代码,乡镇,县(市、区),堡垒指数,星级,评分完整,一票否决,后进情形,档次,三分类"));
        assertTrue(text.contains(",85.0,4,是,,,较好,中间,"));
        assertEquals("'=1+2", GradingService.cell("=1+2"));
        assertEquals("'+86", GradingService.cell("+86"));
        assertEquals("'-1", GradingService.cell("-1"));
        assertEquals("'@SUM(A1)", GradingService.cell("@SUM(A1)"));
        assertEquals("'\tx", GradingService.cell("\tx"));
        assertEquals("\"'\rx\"", GradingService.cell("\rx"));
        assertEquals("\"a,\"\"b\"\"\"", GradingService.cell("a,\"b\""));
        assertEquals("好", GradingService.cell("好"));
        given().auth().oauth2(COUNTY2_ADMIN).queryParam("movement", "SIDEWAYS").when().get("/api/v1/cycles/" + cycle + "/grading-results.csv")
                .then().statusCode(400).body("errors.field", hasItem("movement"));
    }

    @Test
    void relativeMethodOfACountyRuleSetWithTiesAndAStoredRuleSetWithoutGrading() {
        init();
        Map<String, Object> definition = new HashMap<>(Grading.template());
        // bad sections are refused field by field
        definition.put("grading", Map.of("method", "THRESHOLDS", "thresholds", Map.of("good", "80", "fairlyGood", "80", "average", "60")));
        given().auth().oauth2(COUNTY2_ADMIN).contentType(ContentType.JSON)
                .body(Map.of("jurisdictionId", county2(), "year", 2018, "name", "相对法", "definition", definition))
                .when().post("/api/v1/rule-sets").then().statusCode(400).body("errors.field", hasItem("definition.grading.thresholds.fairlyGood"));
        definition.put("grading", Map.of("method", "RELATIVE", "relative", Map.of("good", "50", "fairlyGood", "40", "average", "20")));
        given().auth().oauth2(COUNTY2_ADMIN).contentType(ContentType.JSON)
                .body(Map.of("jurisdictionId", county2(), "year", 2018, "name", "相对法", "definition", definition))
                .when().post("/api/v1/rule-sets").then().statusCode(400).body("errors.field", hasItem("definition.grading.relative"));
        definition.put("grading", Map.of("method", "SOMETIMES"));
        given().auth().oauth2(COUNTY2_ADMIN).contentType(ContentType.JSON)
                .body(Map.of("jurisdictionId", county2(), "year", 2018, "name", "相对法", "definition", definition))
                .when().post("/api/v1/rule-sets").then().statusCode(400).body("errors.field", hasItem("definition.grading.method"));

        definition.put("grading", Map.of("method", "RELATIVE", "relative", Map.of("good", "15", "fairlyGood", "35", "average", "40")));
        Number ruleSet = given().auth().oauth2(COUNTY2_ADMIN).contentType(ContentType.JSON)
                .body(Map.of("jurisdictionId", county2(), "year", 2018, "name", "相对法", "definition", definition))
                .when().post("/api/v1/rule-sets").then().statusCode(201).body("definition.grading.method", equalTo("RELATIVE"))
                .extract().path("id");
        long cycle = cycle(ruleSet.longValue(), 2018);
        // N = 7 complete in county 2: 100, 95, 95, 90, 85, 80, 60 → ranks 1, 2, 2, 4, 5, 6, 7:
        // GOOD r ≤ 1.05; FAIRLY_GOOD r ≤ 3.5 (the tie at 2 both); AVERAGE r ≤ 6.3; 7 POOR
        List<Long> v = villages(5);
        String[] indices = {"100.0", "95.0", "95.0", "90.0", "85.0", "80.0", "60.0"};
        for (int i = 0; i < indices.length; i++) {
            score(cycle, v.get(i), indices[i]);
        }
        JsonPath run = grade(COUNTY2_ADMIN, cycle);
        assertEquals("RELATIVE", run.getString("method"));
        Map<Long, Map<String, Object>> r = results(COUNTY2_ADMIN, cycle, parentOf(v.get(0)));
        String[] tiers = {"GOOD", "FAIRLY_GOOD", "FAIRLY_GOOD", "AVERAGE", "AVERAGE", "AVERAGE", "POOR"};
        int[] ranks = {1, 2, 2, 4, 5, 6, 7};
        for (int i = 0; i < indices.length; i++) {
            assertEquals(tiers[i], r.get(v.get(i)).get("tier"), "village " + i);
            assertEquals(ranks[i], r.get(v.get(i)).get("rank"));
        }
        assertEquals(List.of("INDEX", "WEAK_DIMENSION", "WEAK_DIMENSION"), kinds(r.get(v.get(6))));
        String rule = given().auth().oauth2(COUNTY2_ADMIN).when().get("/api/v1/cycles/" + cycle + "/grading-results").then().statusCode(200)
                .extract().path("rule.zh");
        assertTrue(rule.contains("并列者取最好名次"), rule);

        // a rule set stored without a grading section keeps its JSON and grades by 90 / 80 / 60
        Map<String, Object> plain = new HashMap<>(Grading.template());
        plain.remove("grading");
        Number plainId = given().auth().oauth2(COUNTY2_ADMIN).contentType(ContentType.JSON)
                .body(Map.of("jurisdictionId", county2(), "year", 2019, "name", "无分档", "definition", plain))
                .when().post("/api/v1/rule-sets").then().statusCode(201).extract().path("id");
        String stored = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT CAST(definition AS text) FROM rule_set WHERE id = :id").setParameter("id", plainId.longValue()).getSingleResult());
        assertFalse(stored.contains("grading"));
        given().auth().oauth2(COUNTY2_ADMIN).when().get("/api/v1/rule-sets/" + plainId).then().statusCode(200)
                .body("definition.containsKey('grading')", equalTo(false));
        long plainCycle = cycle(plainId.longValue(), 2019);
        score(plainCycle, v.get(0), "89.9");
        JsonPath plainRun = grade(COUNTY2_ADMIN, plainCycle);
        assertEquals("THRESHOLDS", plainRun.getString("method"));
        assertEquals("FAIRLY_GOOD", results(COUNTY2_ADMIN, plainCycle, parentOf(v.get(0))).get(v.get(0)).get("tier"));
        String after = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT CAST(definition AS text) FROM rule_set WHERE id = :id").setParameter("id", plainId.longValue()).getSingleResult());
        assertEquals(stored, after, "the frozen rule set's stored JSON is unchanged");
    }

    @Test
    void targetsFollowTheRoleRulesAndInheritance() {
        init();
        long city = Subtrees.idOf(em, Tokens.CITY);
        long county1 = Subtrees.idOf(em, Tokens.COUNTY_1);
        long township1 = Subtrees.idOf(em, Tokens.TOWNSHIP_1);
        long township2 = Subtrees.idOf(em, Tokens.TOWNSHIP_2);
        // defaults
        JsonPath list = given().auth().oauth2(Tokens.countyAdmin()).queryParam("year", 2020).when().get("/api/v1/targets")
                .then().statusCode(200).extract().jsonPath();
        assertEquals("30", list.getString("items[0].minGoodShare"));
        assertEquals("20", list.getString("items[0].maxPoorShare"));
        assertEquals("DEFAULT", list.getString("items[0].source"));
        assertEquals(county1, list.getLong("items[0].organization.id"));
        assertFalse(list.getBoolean("items[0].editable"), "a county admin does not set their county's own target");
        // the city sets its own and a county's; a county admin its townships'; not the county's or the city's
        given().auth().oauth2(Tokens.cityAdmin()).contentType(ContentType.JSON).body(Map.of("minGoodShare", "35", "maxPoorShare", "15"))
                .when().put("/api/v1/targets/" + city + "/2020").then().statusCode(200);
        given().auth().oauth2(Tokens.countyAdmin()).contentType(ContentType.JSON).body(Map.of("minGoodShare", "40", "maxPoorShare", "10"))
                .when().put("/api/v1/targets/" + county1 + "/2020").then().statusCode(403);
        given().auth().oauth2(Tokens.countyAdmin()).contentType(ContentType.JSON).body(Map.of("minGoodShare", "40", "maxPoorShare", "10"))
                .when().put("/api/v1/targets/" + city + "/2020").then().statusCode(404);
        given().auth().oauth2(Tokens.countyAdmin()).contentType(ContentType.JSON).body(Map.of("minGoodShare", "40", "maxPoorShare", "10"))
                .when().put("/api/v1/targets/" + township2 + "/2020").then().statusCode(404);
        given().auth().oauth2(Tokens.countyAdmin()).contentType(ContentType.JSON).body(Map.of("minGoodShare", "101", "maxPoorShare", "x"))
                .when().put("/api/v1/targets/" + township1 + "/2020").then().statusCode(400).body("errors.field", hasItem("maxPoorShare"));
        given().auth().oauth2(Tokens.countyAdmin()).contentType(ContentType.JSON).body(Map.of("minGoodShare", "101", "maxPoorShare", "10"))
                .when().put("/api/v1/targets/" + township1 + "/2020").then().statusCode(400).body("errors.field", hasItem("minGoodShare"));
        list = given().auth().oauth2(Tokens.countyAdmin()).queryParam("year", 2020).when().get("/api/v1/targets").then().statusCode(200)
                .extract().jsonPath();
        assertEquals("INHERITED", list.getString("items[0].source"));
        assertEquals(city, list.getLong("items[0].from.id"));
        assertEquals("35", list.getString("items[0].minGoodShare"));
        given().auth().oauth2(Tokens.countyAdmin()).contentType(ContentType.JSON).body(Map.of("minGoodShare", "40", "maxPoorShare", "10"))
                .when().put("/api/v1/targets/" + township1 + "/2020").then().statusCode(200).header("ETag", "\"1\"");
        // changing needs If-Match
        given().auth().oauth2(Tokens.countyAdmin()).contentType(ContentType.JSON).body(Map.of("minGoodShare", "41", "maxPoorShare", "10"))
                .when().put("/api/v1/targets/" + township1 + "/2020").then().statusCode(428);
        given().auth().oauth2(Tokens.countyAdmin()).contentType(ContentType.JSON).header("If-Match", "\"7\"")
                .body(Map.of("minGoodShare", "41", "maxPoorShare", "10"))
                .when().put("/api/v1/targets/" + township1 + "/2020").then().statusCode(412).body("current.minGoodShare", equalTo("40"));
        given().auth().oauth2(Tokens.countyAdmin()).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Map.of("minGoodShare", "41", "maxPoorShare", "10"))
                .when().put("/api/v1/targets/" + township1 + "/2020").then().statusCode(200).header("ETag", "\"2\"");
        JsonPath mine = given().auth().oauth2(Tokens.townshipOfficial()).queryParam("year", 2020).when().get("/api/v1/targets")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1, mine.getList("items").size());
        assertEquals("OWN", mine.getString("items[0].source"));
        assertEquals("41", mine.getString("items[0].minGoodShare"));
        assertEquals(2, mine.getInt("items[0].revision"));
        Number audits = QuarkusTransaction.requiringNew().call(() -> (Number) em.createNativeQuery(
                "SELECT count(*) FROM audit_event WHERE action = 'GRADING_TARGET_SET' AND organization_id = :o").setParameter("o", township1)
                .getSingleResult());
        assertEquals(2, audits.intValue());
        given().auth().oauth2(Tokens.countyAdmin()).when().get("/api/v1/targets").then().statusCode(400).body("errors.field", hasItem("year"));
    }
}
