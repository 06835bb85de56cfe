package bastion.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.Map;

/** Sets up rule sets and cycles through the API, each test in a year of its own so tests never collide. */
public final class Grading {

    private Grading() {}

    public static Map<String, Object> template() {
        return given().auth().oauth2(Tokens.cityAdmin()).when().get("/api/v1/rule-set-template")
                .then().statusCode(200).extract().jsonPath().getMap("");
    }

    /** A city rule set of {@code year} made from the template by the city admin; returns its id. */
    public static long cityRuleSet(long cityId, int year) {
        Number id = given().auth().oauth2(Tokens.cityAdmin()).contentType(ContentType.JSON)
                .body(Map.of("jurisdictionId", cityId, "year", year, "name", "测试规则 " + year, "definition", template()))
                .when().post("/api/v1/rule-sets").then().statusCode(201).extract().path("id");
        return id.longValue();
    }

    /** An OPEN annual cycle of county 1 for {@code year}; returns its id. */
    public static long countyCycle(long countyId, long ruleSetId, int year) {
        Number id = given().auth().oauth2(Tokens.countyAdmin()).contentType(ContentType.JSON)
                .body(Map.of("jurisdictionId", countyId, "year", year, "phase", "ANNUAL", "ruleSetId", ruleSetId))
                .when().post("/api/v1/cycles").then().statusCode(201).extract().path("id");
        return id.longValue();
    }
}
