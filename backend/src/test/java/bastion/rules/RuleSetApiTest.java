package bastion.rules;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import bastion.common.Problems;
import bastion.support.Grading;
import bastion.support.Subtrees;
import bastion.support.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** Rule sets: the template, validation, who manages which, optimistic locking, freezing once in use. */
@QuarkusTest
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RuleSetApiTest {

    @Inject
    EntityManager em;

    @Test
    void theTemplateIsTheValidDefaultOfTheRulebook() {
        given().auth().oauth2(Tokens.townshipOfficial()).contentType(ContentType.JSON).body(Grading.template())
                .when().post("/api/v1/rule-sets/validation")
                .then().statusCode(200)
                .body("valid", equalTo(true))
                .body("totalMax.VILLAGE", equalTo("100"))
                .body("totalMax.COMMUNITY", equalTo("100"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void validationNamesEveryProblem() {
        Map<String, Object> definition = new HashMap<>(Grading.template());
        definition.put("weights", Map.of("assessment", "0.6", "members", "0.3", "masses", "0.2"));
        definition.put("stars", Map.of("five", "85", "four", "95", "three", "75", "two", "60"));
        List<Map<String, Object>> dimensions = new ArrayList<>((List<Map<String, Object>>) definition.get("dimensions"));
        Map<String, Object> first = new HashMap<>(dimensions.getFirst());
        List<Map<String, Object>> indicators = new ArrayList<>((List<Map<String, Object>>) first.get("indicators"));
        Map<String, Object> zero = new HashMap<>(indicators.getFirst());
        zero.put("max", "0");
        indicators.set(0, zero);
        Map<String, Object> duplicate = new HashMap<>(indicators.get(2));
        duplicate.put("code", "LEAD_TEAM");
        indicators.set(2, duplicate);
        first.put("indicators", indicators);
        dimensions.set(0, first);
        definition.put("dimensions", dimensions);

        given().auth().oauth2(Tokens.cityAdmin()).contentType(ContentType.JSON).body(definition)
                .when().post("/api/v1/rule-sets/validation")
                .then().statusCode(200)
                .body("valid", equalTo(false))
                .body("errors.field", hasItems("weights", "stars", "dimensions[0].indicators[0].max", "dimensions[0].indicators[2].code"));

        long city = Subtrees.idOf(em, Tokens.CITY);
        given().auth().oauth2(Tokens.cityAdmin()).contentType(ContentType.JSON)
                .body(Map.of("jurisdictionId", city, "year", 2040, "name", "坏的", "definition", definition))
                .when().post("/api/v1/rule-sets")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("definition.weights", "definition.stars"));
    }

    @Test
    void malformedBodiesNameTheField() {
        Map<String, Object> definition = new HashMap<>(Grading.template());
        definition.put("bonusTotalCap", "five");
        given().auth().oauth2(Tokens.cityAdmin()).contentType(ContentType.JSON).body(definition)
                .when().post("/api/v1/rule-sets/validation")
                .then().statusCode(400).body("errors.field", hasItem("bonusTotalCap"));
        definition.put("bonusTotalCap", "5");
        definition.put("surprise", true);
        given().auth().oauth2(Tokens.cityAdmin()).contentType(ContentType.JSON).body(definition)
                .when().post("/api/v1/rule-sets/validation")
                .then().statusCode(400).body("errors[0].field", equalTo("surprise"));
        given().auth().oauth2(Tokens.cityAdmin()).contentType(ContentType.JSON).body("{not json")
                .when().post("/api/v1/rule-sets/validation")
                .then().statusCode(400).body("errors[0].field", equalTo("body"));
    }

    @Test
    void whoManagesWhichRuleSets() {
        long city = Subtrees.idOf(em, Tokens.CITY);
        long county = Subtrees.idOf(em, Tokens.COUNTY_1);
        Map<String, Object> definition = Grading.template();
        given().auth().oauth2(Tokens.countyAdmin()).contentType(ContentType.JSON)
                .body(Map.of("jurisdictionId", city, "year", 2041, "name", "x", "definition", definition))
                .when().post("/api/v1/rule-sets").then().statusCode(400).body("errors[0].field", equalTo("jurisdictionId"));
        given().auth().oauth2(Tokens.townshipOfficial()).contentType(ContentType.JSON)
                .body(Map.of("jurisdictionId", county, "year", 2041, "name", "x", "definition", definition))
                .when().post("/api/v1/rule-sets").then().statusCode(403);
        given().auth().oauth2(Tokens.cityAdmin()).contentType(ContentType.JSON)
                .body(Map.of("jurisdictionId", county, "year", 2041, "name", "x", "definition", definition))
                .when().post("/api/v1/rule-sets").then().statusCode(403).body("type", equalTo(Problems.FORBIDDEN));
        Number countyRules = given().auth().oauth2(Tokens.countyAdmin()).contentType(ContentType.JSON)
                .body(Map.of("jurisdictionId", county, "year", 2041, "name", "江北区 2041", "definition", definition))
                .when().post("/api/v1/rule-sets").then().statusCode(201)
                .header("ETag", "\"0\"")
                .body("label", equalTo(Tokens.COUNTY_1 + "-2041-v1"))
                .body("status", equalTo("DRAFT"))
                .extract().path("id");
        // the township below sees its county's rule set; the other county does not
        given().auth().oauth2(Tokens.townshipOfficial()).when().get("/api/v1/rule-sets/" + countyRules).then().statusCode(200);
        String county2 = Tokens.user("county2.admin", Tokens.COUNTY_2, "county-admin");
        given().auth().oauth2(county2).when().get("/api/v1/rule-sets/" + countyRules).then().statusCode(404);
        given().auth().oauth2(county2).queryParam("year", 2041)
                .when().get("/api/v1/rule-sets").then().statusCode(200).body("id", not(hasItem(countyRules.intValue())));
    }

    @Test
    void draftsChangeWithIfMatchAndFreezeOnceInUse() {
        long city = Subtrees.idOf(em, Tokens.CITY);
        long county = Subtrees.idOf(em, Tokens.COUNTY_1);
        long id = Grading.cityRuleSet(city, 2042);
        Map<String, Object> update = Map.of("name", "改名", "definition", Grading.template());
        given().auth().oauth2(Tokens.cityAdmin()).contentType(ContentType.JSON).body(update)
                .when().put("/api/v1/rule-sets/" + id).then().statusCode(428).body("errors[0].field", equalTo("If-Match"));
        given().auth().oauth2(Tokens.cityAdmin()).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(update)
                .when().put("/api/v1/rule-sets/" + id).then().statusCode(200).header("ETag", "\"1\"").body("name", equalTo("改名"));
        given().auth().oauth2(Tokens.cityAdmin()).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(update)
                .when().put("/api/v1/rule-sets/" + id).then().statusCode(412)
                .body("type", equalTo(Problems.STALE)).body("current.revision", equalTo(1));

        Grading.countyCycle(county, id, 2042);
        given().auth().oauth2(Tokens.cityAdmin()).when().get("/api/v1/rule-sets/" + id).then().body("status", equalTo("IN_USE"));
        given().auth().oauth2(Tokens.cityAdmin()).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(update)
                .when().put("/api/v1/rule-sets/" + id).then().statusCode(409).body("status", equalTo(409)).body("state", equalTo("IN_USE"));
        given().auth().oauth2(Tokens.cityAdmin()).header("If-Match", "\"1\"")
                .when().delete("/api/v1/rule-sets/" + id).then().statusCode(409);
        // the database refuses too, whatever the application does
        Assertions.assertThrows(Exception.class, () -> QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("UPDATE rule_set SET name = 'x' WHERE id = " + id).executeUpdate()));

        given().auth().oauth2(Tokens.cityAdmin()).when().post("/api/v1/rule-sets/" + id + "/versions")
                .then().statusCode(201)
                .body("versionNumber", equalTo(2))
                .body("label", equalTo(Tokens.CITY + "-2042-v2"))
                .body("status", equalTo("DRAFT"))
                .body("basedOnId", equalTo((int) id));
    }

    @Test
    void draftsCanBeDeleted() {
        long id = Grading.cityRuleSet(Subtrees.idOf(em, Tokens.CITY), 2043);
        given().auth().oauth2(Tokens.cityAdmin()).header("If-Match", "\"0\"").when().delete("/api/v1/rule-sets/" + id).then().statusCode(204);
        given().auth().oauth2(Tokens.cityAdmin()).when().get("/api/v1/rule-sets/" + id).then().statusCode(404);
    }
}
