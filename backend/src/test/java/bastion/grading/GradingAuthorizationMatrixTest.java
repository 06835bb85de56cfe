package bastion.grading;

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
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the tag {@code grading} × every role, inside the caller's jurisdiction:
 * allowed roles succeed, the others get 403; then the out-of-scope answers (404) for reads and
 * writes, and other systems' 404 before publication.
 */
@QuarkusTest
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class GradingAuthorizationMatrixTest {

    @Inject
    EntityManager em;


    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** Starts a run and, when it was accepted, waits for it, so that the next role's start is not refused as concurrent. */
    private static int start(String token, long cycle) {
        Response r = as(token).post("/api/v1/cycles/" + cycle + "/grading-runs");
        if (r.statusCode() == 202) {
            GradingApiTest.await(Tokens.cityAdmin(), ((Number) r.path("id")).longValue());
        }
        return r.statusCode();
    }

    /** Starts a batch over the year 2011 (the matrix's open cycle) and, when accepted, waits for its runs. */
    private static int startAll(String token) {
        Response r = as(token).body(Map.of("year", 2011, "phase", "ANNUAL")).post("/api/v1/grading-runs");
        if (r.statusCode() == 202) {
            for (Number id : r.jsonPath().<Number>getList("runs.id")) {
                GradingApiTest.await(Tokens.cityAdmin(), id.longValue());
            }
        }
        return r.statusCode();
    }

    private static void lockAndPublish(long cycle) {
        for (String action : List.of("LOCK", "PUBLISH")) {
            String etag = as(Tokens.countyAdmin()).get("/api/v1/cycles/" + cycle).then().statusCode(200).extract().header("ETag");
            as(Tokens.countyAdmin()).header("If-Match", etag).body(Map.of("action", action, "reason", "矩阵"))
                    .post("/api/v1/cycles/" + cycle + "/transitions").then().statusCode(200);
        }
    }

    @Test
    void everyOperationByEveryRole() {
        long city = Subtrees.idOf(em, Tokens.CITY);
        long county = Subtrees.idOf(em, Tokens.COUNTY_1);
        long township = Subtrees.idOf(em, Tokens.TOWNSHIP_1);
        long open = Grading.countyCycle(county, Grading.cityRuleSet(city, 2011), 2011);
        long published = Grading.countyCycle(county, Grading.cityRuleSet(city, 2012), 2012);
        lockAndPublish(published);
        long finalRun = ((Number) as(Tokens.countyAdmin()).get("/api/v1/cycles/" + published + "/grading-runs").then().statusCode(200)
                .extract().path("[0].id")).longValue();
        List<String> everyone = List.of("township-official", "county-admin", "city-admin", "auditor", "gov-system");
        String c = "/api/v1/cycles/" + published;

        List<Operation> ops = new ArrayList<>();
        ops.add(new Operation("startGradingRun", t -> start(t, open), List.of("county-admin", "city-admin")));
        ops.add(new Operation("startGradingRuns", t -> startAll(t), List.of("county-admin", "city-admin")));
        ops.add(new Operation("gradingYearSummary", t -> as(t).queryParam("year", 2012).queryParam("phase", "ANNUAL")
                .get("/api/v1/grading-summary").statusCode(), everyone));
        ops.add(new Operation("listGradingRuns", t -> as(t).get(c + "/grading-runs").statusCode(), everyone));
        ops.add(new Operation("getGradingRun", t -> as(t).get("/api/v1/grading-runs/" + finalRun).statusCode(), everyone));
        ops.add(new Operation("listGradingResults", t -> as(t).get(c + "/grading-results").statusCode(), everyone));
        ops.add(new Operation("exportGradingResults", t -> given().auth().oauth2(t).get(c + "/grading-results.csv").statusCode(), everyone));
        ops.add(new Operation("gradingSummary", t -> as(t).get(c + "/grading-summary").statusCode(), everyone));
        ops.add(new Operation("rankVillages", t -> as(t).get(c + "/rankings/villages").statusCode(), everyone));
        ops.add(new Operation("rankTownships", t -> as(t).get(c + "/rankings/townships").statusCode(), everyone));
        ops.add(new Operation("listTargets", t -> as(t).queryParam("year", 2012).get("/api/v1/targets").statusCode(), everyone));
        ops.add(new Operation("putTarget (county)", t -> as(t).body(Map.of("minGoodShare", "30", "maxPoorShare", "20"))
                .put("/api/v1/targets/" + county + "/2012").statusCode(), List.of("city-admin")));
        ops.add(new Operation("putTarget (city)", t -> as(t).body(Map.of("minGoodShare", "30", "maxPoorShare", "20"))
                .put("/api/v1/targets/" + city + "/2012").statusCode(), List.of("city-admin"),
                Map.of("county-admin", 404)));
        ops.add(new Operation("putTarget (township)", t -> as(t).body(Map.of("minGoodShare", "30", "maxPoorShare", "20"))
                .put("/api/v1/targets/" + township + "/2012").statusCode(), List.of("county-admin")));

        // the city is out of a county admin's sight: 404 rather than 403
        Matrix.verify(Matrix.roles(), ops, "grading");
    }

    @Test
    void outOfScopeIsNotFound() {
        long city = Subtrees.idOf(em, Tokens.CITY);
        long county = Subtrees.idOf(em, Tokens.COUNTY_1);
        long township = Subtrees.idOf(em, Tokens.TOWNSHIP_1);
        long township2 = Subtrees.idOf(em, Tokens.TOWNSHIP_2);
        long cycle = Grading.countyCycle(county, Grading.cityRuleSet(city, 2013), 2013);
        long run = ((Number) as(Tokens.countyAdmin()).post("/api/v1/cycles/" + cycle + "/grading-runs").then().statusCode(202)
                .extract().path("id")).longValue();
        GradingApiTest.await(Tokens.countyAdmin(), run);
        String county2Admin = Tokens.user("county2.admin", Tokens.COUNTY_2, "county-admin");
        String township2Official = Tokens.user("township2.official", Tokens.TOWNSHIP_2, "township-official");
        String c = "/api/v1/cycles/" + cycle;
        for (String token : List.of(county2Admin, township2Official)) {
            for (String path : List.of(c + "/grading-runs", c + "/grading-results", c + "/grading-results.csv", c + "/grading-summary",
                    c + "/rankings/villages", c + "/rankings/townships", "/api/v1/grading-runs/" + run)) {
                given().auth().oauth2(token).get(path).then().statusCode(404);
            }
        }
        as(county2Admin).post(c + "/grading-runs").then().statusCode(404);
        as(county2Admin).body(Map.of("minGoodShare", "30", "maxPoorShare", "20")).put("/api/v1/targets/" + township + "/2013").then().statusCode(404);
        as(county2Admin).queryParam("year", 2013).queryParam("under", township).get("/api/v1/targets").then().statusCode(404);
        as(Tokens.countyAdmin()).body(Map.of("minGoodShare", "30", "maxPoorShare", "20")).put("/api/v1/targets/" + township2 + "/2013")
                .then().statusCode(404);
        // a subtree out of sight within a visible cycle (above or beside the caller's jurisdiction)
        as(Tokens.townshipOfficial()).queryParam("under", county).get(c + "/grading-results").then().statusCode(404);
        long otherTownship = ((Number) em.createNativeQuery("""
                SELECT t.id FROM organization t WHERE t.parent_id = :county AND t.id <> :mine ORDER BY t.id LIMIT 1""")
                .setParameter("county", county).setParameter("mine", township).getSingleResult()).longValue();
        for (String path : List.of("/grading-results", "/grading-results.csv", "/grading-summary", "/rankings/villages", "/rankings/townships")) {
            as(Tokens.townshipOfficial()).queryParam("under", otherTownship).get(c + path).then().statusCode(404);
        }
        // no such run, no such cycle
        as(Tokens.cityAdmin()).get("/api/v1/grading-runs/999999999").then().statusCode(404);
        as(Tokens.cityAdmin()).get("/api/v1/cycles/999999999/grading-summary").then().statusCode(404);
        // other systems see nothing before publication
        for (String path : List.of(c + "/grading-runs", c + "/grading-results", c + "/grading-results.csv", c + "/grading-summary",
                c + "/rankings/villages", c + "/rankings/townships", "/api/v1/grading-runs/" + run)) {
            given().auth().oauth2(Tokens.govSystem()).get(path).then().statusCode(404);
        }
    }
}
