package bastion.grading;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Grading every cycle of a year and phase in one batch (startGradingRuns, year 2014): which
 * cycles a city and a county admin get, results identical to single runs, published and running
 * cycles skipped, the errors; and grading from a stale stored index falls back to computing it.
 */
@QuarkusTest
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class GradingBatchTest {

    private static final int YEAR = 2014;

    @Inject
    EntityManager em;

    @Inject
    bastion.cycle.CycleService cycles;

    private static long cycleOf(long county, long ruleSet) {
        Number id = given().auth().oauth2(Tokens.cityAdmin()).contentType(ContentType.JSON)
                .body(Map.of("jurisdictionId", county, "year", YEAR, "phase", "ANNUAL", "ruleSetId", ruleSet))
                .when().post("/api/v1/cycles").then().statusCode(201).extract().path("id");
        return id.longValue();
    }

    private static JsonPath batch(String token, Map<String, Object> body, int status) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post("/api/v1/grading-runs")
                .then().log().ifValidationFails().statusCode(status).extract().jsonPath();
    }

    /** Waits for every run of the batch; returns cycle id → run id. */
    private static Map<Long, Long> awaitAll(JsonPath batch) {
        Map<Long, Long> runs = new java.util.TreeMap<>();
        for (Map<String, Object> run : batch.<Map<String, Object>>getList("runs")) {
            long id = ((Number) run.get("id")).longValue();
            JsonPath done = GradingApiTest.await(Tokens.cityAdmin(), id);
            assertEquals("SUCCEEDED", done.getString("state"), "run " + id);
            assertEquals(Boolean.TRUE, done.getBoolean("current"));
            runs.put(((Number) run.get("cycleId")).longValue(), id);
        }
        return runs;
    }

    private static String csv(long cycle) {
        return new String(given().auth().oauth2(Tokens.cityAdmin()).when().get("/api/v1/cycles/" + cycle + "/grading-results.csv")
                .then().statusCode(200).extract().asByteArray(), StandardCharsets.UTF_8);
    }

    private static JsonPath summary(String token, Long under, int status) {
        var request = given().auth().oauth2(token).queryParam("year", YEAR).queryParam("phase", "ANNUAL");
        if (under != null) {
            request = request.queryParam("under", under);
        }
        return request.when().get("/api/v1/grading-summary").then().log().ifValidationFails().statusCode(status).extract().jsonPath();
    }

    @Test
    void batchesGradeWhatTheCallerAdministersLikeSingleRuns() {
        GradingApiTest fixtures = new GradingApiTest();
        fixtures.em = em;
        fixtures.init();
        long city = Subtrees.idOf(em, Tokens.CITY);
        long county1 = Subtrees.idOf(em, Tokens.COUNTY_1);
        long county2 = Subtrees.idOf(em, Tokens.COUNTY_2);
        long ruleSet = Grading.cityRuleSet(city, YEAR);
        long c1 = cycleOf(county1, ruleSet);
        long c2 = cycleOf(county2, ruleSet);
        List<Long> villages = fixtures.villages(0);
        String[] indices = {"95.0", "89.9", "80.0", "59.9", "95.0 veto"};
        for (int i = 0; i < indices.length; i++) {
            GradingApiTest.score(c2, villages.get(i), indices[i]);
        }

        // ---- the city admin: both counties' cycles, in cycle order, all current together
        JsonPath all = batch(Tokens.cityAdmin(), Map.of("year", YEAR, "phase", "ANNUAL"), 202);
        assertEquals(List.of(c1, c2), all.<Number>getList("runs.cycleId").stream().map(Number::longValue).toList());
        assertEquals(List.of("QUEUED", "QUEUED"), all.getList("runs.state"));
        assertEquals(List.of(), all.getList("skipped"));
        Map<Long, Long> runs = awaitAll(all);
        String csv1 = csv(c1);
        String csv2 = csv(c2);
        Map<String, Object> r = GradingApiTest.results(Tokens.cityAdmin(), c2, fixtures.parentOf(villages.get(0))).get(villages.get(3));
        GradingApiTest.assertResult(r, "59.9", "POOR", "BACKWARD", null, "NONE");

        // ---- a single run of each gives the very same results
        for (long c : List.of(c1, c2)) {
            JsonPath single = GradingApiTest.grade(Tokens.cityAdmin(), c);
            assertEquals("SUCCEEDED", single.getString("state"));
        }
        assertEquals(csv1, csv(c1));
        assertEquals(csv2, csv(c2));
        Number leftovers = QuarkusTransaction.requiringNew().call(() -> (Number) em.createNativeQuery(
                "SELECT count(*) FROM grading_result WHERE run_id IN (:a, :b)").setParameter("a", runs.get(c1)).setParameter("b", runs.get(c2))
                .getSingleResult());
        assertEquals(0, leftovers.intValue(), "the superseded batch runs' rows are discarded");

        // ---- a county admin: their county's cycle only; `under` narrows a city admin's batch
        JsonPath county = batch(Tokens.countyAdmin(), Map.of("year", YEAR, "phase", "ANNUAL"), 202);
        assertEquals(List.of(c1), county.<Number>getList("runs.cycleId").stream().map(Number::longValue).toList());
        awaitAll(county);
        JsonPath narrowed = batch(Tokens.cityAdmin(), Map.of("year", YEAR, "phase", "ANNUAL", "under", county2), 202);
        assertEquals(List.of(c2), narrowed.<Number>getList("runs.cycleId").stream().map(Number::longValue).toList());
        awaitAll(narrowed);
        assertEquals(csv2, csv(c2));

        // ---- grading reads the index kept current on each write; a stale stored row is computed again, same result
        String stale = "UPDATE fortress_current SET scorecard_revision = scorecard_revision + :d, official_index = :i "
                + "WHERE cycle_id = :c AND organization_id = :o";
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(stale).setParameter("d", 100).setParameter("i", 0)
                .setParameter("c", c2).setParameter("o", villages.get(0)).executeUpdate());
        try {
            assertEquals("SUCCEEDED", GradingApiTest.grade(Tokens.cityAdmin(), c2).getString("state"));
            assertEquals(csv2, csv(c2));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(stale).setParameter("d", -100)
                    .setParameter("i", new java.math.BigDecimal("95.0")).setParameter("c", c2).setParameter("o", villages.get(0)).executeUpdate());
        }

        // ---- the year summary: both counties' cycles at once for the city, the same figures as each cycle's summary
        JsonPath year = summary(Tokens.cityAdmin(), null, 200);
        assertEquals(List.of(c1, c2), year.<Number>getList("cycles.cycleId").stream().map(Number::longValue).toList());
        JsonPath perCycle = given().auth().oauth2(Tokens.cityAdmin()).when().get("/api/v1/cycles/" + c2 + "/grading-summary").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(perCycle.getMap("counties[0]").toString(), year.getMap("counties.find { it.organization.id == " + county2 + " }").toString());
        int total1 = given().auth().oauth2(Tokens.cityAdmin()).when().get("/api/v1/cycles/" + c1 + "/grading-summary").then()
                .statusCode(200).extract().path("scope.total");
        assertEquals(total1 + perCycle.getInt("scope.total"), year.getInt("scope.total"));
        assertEquals(perCycle.getInt("scope.graded"), year.getInt("scope.graded"), "only county 2 has scorecards");
        // a county admin sees their county's cycle; `under` narrows; a target written or a new current run shows at once
        assertEquals(List.of(c1), summary(Tokens.countyAdmin(), null, 200).<Number>getList("cycles.cycleId").stream().map(Number::longValue).toList());
        assertEquals(county2, summary(Tokens.cityAdmin(), county2, 200).getLong("scope.organization.id"));
        summary(Tokens.countyAdmin(), county2, 404);
        given().auth().oauth2(Tokens.cityAdmin()).contentType(ContentType.JSON).body(Map.of("minGoodShare", "35", "maxPoorShare", "15"))
                .when().put("/api/v1/targets/" + county2 + "/" + YEAR).then().statusCode(200);
        assertEquals("35", summary(Tokens.cityAdmin(), county2, 200).getString("scope.target.minGoodShare"));
        // served from memory with a content tag: 304 while unchanged, a new tag once a new run is current
        String tag = given().auth().oauth2(Tokens.cityAdmin()).queryParam("year", YEAR).queryParam("phase", "ANNUAL").when()
                .get("/api/v1/grading-summary").then().statusCode(200).extract().header("ETag");
        given().auth().oauth2(Tokens.cityAdmin()).header("If-None-Match", tag).queryParam("year", YEAR).queryParam("phase", "ANNUAL").when()
                .get("/api/v1/grading-summary").then().statusCode(304).header("ETag", tag);
        String cycleTag = given().auth().oauth2(Tokens.cityAdmin()).when().get("/api/v1/cycles/" + c2 + "/grading-summary").then()
                .statusCode(200).extract().header("ETag");
        given().auth().oauth2(Tokens.cityAdmin()).header("If-None-Match", cycleTag).when().get("/api/v1/cycles/" + c2 + "/grading-summary")
                .then().statusCode(304);
        GradingApiTest.score(c2, villages.get(5), "85.0");
        GradingApiTest.grade(Tokens.cityAdmin(), c2);
        given().auth().oauth2(Tokens.cityAdmin()).header("If-None-Match", tag).queryParam("year", YEAR).queryParam("phase", "ANNUAL").when()
                .get("/api/v1/grading-summary").then().statusCode(200);
        given().auth().oauth2(Tokens.cityAdmin()).header("If-None-Match", cycleTag).when().get("/api/v1/cycles/" + c2 + "/grading-summary")
                .then().statusCode(200);
        assertEquals(perCycle.getInt("scope.graded") + 1, summary(Tokens.cityAdmin(), county2, 200).getInt("scope.graded"));
        csv2 = csv(c2);
        given().auth().oauth2(Tokens.cityAdmin()).queryParam("phase", "ANNUAL").when().get("/api/v1/grading-summary").then().statusCode(400)
                .body("errors.field", hasItem("year"));
        given().auth().oauth2(Tokens.cityAdmin()).queryParam("year", YEAR).queryParam("phase", "AUTUMN").when().get("/api/v1/grading-summary")
                .then().statusCode(400).body("errors.field", hasItem("phase"));
        // other systems: nothing published yet
        assertEquals(List.of(), summary(Tokens.govSystem(), null, 200).getList("cycles"));

        // ---- published cycles are skipped and listed; nothing to grade at all: 409 with the skipped cycles
        for (String action : List.of("LOCK", "PUBLISH")) {
            String etag = given().auth().oauth2(Tokens.countyAdmin()).when().get("/api/v1/cycles/" + c1).then().statusCode(200)
                    .extract().header("ETag");
            given().auth().oauth2(Tokens.countyAdmin()).contentType(ContentType.JSON).header("If-Match", etag)
                    .body(Map.of("action", action, "reason", "批量评定测试")).when().post("/api/v1/cycles/" + c1 + "/transitions")
                    .then().statusCode(200);
        }
        JsonPath after = batch(Tokens.cityAdmin(), Map.of("year", YEAR, "phase", "ANNUAL"), 202);
        assertEquals(List.of(c2), after.<Number>getList("runs.cycleId").stream().map(Number::longValue).toList());
        assertEquals(1, after.getList("skipped").size());
        assertEquals(c1, after.getLong("skipped[0].cycleId"));
        assertEquals("PUBLISHED", after.getString("skipped[0].reason"));
        assertEquals(Tokens.COUNTY_1, after.getString("skipped[0].jurisdiction.code"));
        // while c2's run may still be in progress, a second batch skips it as RUNNING or grades it again; wait first
        awaitAll(after);
        given().auth().oauth2(Tokens.countyAdmin()).contentType(ContentType.JSON).body(Map.of("year", YEAR, "phase", "ANNUAL"))
                .when().post("/api/v1/grading-runs").then().statusCode(409).contentType("application/problem+json")
                .body("skipped[0].reason", equalTo("PUBLISHED"));
        assertEquals(csv2, csv(c2));
        assertEquals(List.of(c1), summary(Tokens.govSystem(), null, 200).<Number>getList("cycles.cycleId").stream().map(Number::longValue).toList());

        // ---- errors: no such cycle, invalid fields, roles that may not grade, an `under` out of sight
        batch(Tokens.cityAdmin(), Map.of("year", YEAR, "phase", "MID_YEAR"), 404);
        given().auth().oauth2(Tokens.cityAdmin()).contentType(ContentType.JSON).body(Map.of("year", 1999, "phase", "YEAR_END"))
                .when().post("/api/v1/grading-runs").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("year")).body("errors.field", hasItem("phase"));
        given().auth().oauth2(Tokens.cityAdmin()).contentType(ContentType.JSON).body(Map.of("phase", "ANNUAL"))
                .when().post("/api/v1/grading-runs").then().statusCode(400).body("errors.field", hasItem("year"));
        for (String token : List.of(Tokens.townshipOfficial(), Tokens.auditor(), Tokens.govSystem())) {
            batch(token, Map.of("year", YEAR, "phase", "ANNUAL"), 403);
        }
        batch(Tokens.countyAdmin(), Map.of("year", YEAR, "phase", "ANNUAL", "under", county2), 404);

        // ---- the system's publication (the demo's previous year): the effects of LOCK and PUBLISH, the final grading current
        QuarkusTransaction.requiringNew().run(() -> cycles.lockAndPublishAsSystem(c2, "demo", "系统发布测试 / system publication test"));
        given().auth().oauth2(Tokens.cityAdmin()).when().get("/api/v1/cycles/" + c2).then().statusCode(200).body("state", equalTo("PUBLISHED"));
        JsonPath finalRuns = given().auth().oauth2(Tokens.cityAdmin()).when().get("/api/v1/cycles/" + c2 + "/grading-runs").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(Boolean.TRUE, finalRuns.getBoolean("[0].final"));
        assertEquals(Boolean.TRUE, finalRuns.getBoolean("[0].current"));
        assertEquals("demo", finalRuns.getString("[0].startedBy"));
        assertEquals(csv2, csv(c2), "the final grading equals the last run's");
        given().auth().oauth2(Tokens.govSystem()).when().get("/api/v1/cycles/" + c2 + "/fortress-indices/" + villages.get(0)).then()
                .statusCode(200).body("officialIndex", equalTo("95.0"));
        QuarkusTransaction.requiringNew().run(() -> cycles.lockAndPublishAsSystem(c2, "demo", "again"));   // nothing to do, no error
    }
}
