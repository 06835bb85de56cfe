package bastion.lagging;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the tag {@code lagging} × every role, on targets inside the caller's
 * jurisdiction: allowed roles succeed, the others get 403 (or the stated refusal).
 */
@QuarkusTest
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class LaggingAuthorizationMatrixTest {

    /** Findings of this test live in a year whose county catalogue has 40 criteria, so fixtures never meet other tests' findings. */
    private static final int YEAR = 2004;

    private final AtomicInteger next = new AtomicInteger();

    @Inject
    EntityManager em;


    private RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private Map<String, Object> definition(int criteria) {
        Map<String, Object> template = given().auth().oauth2(Tokens.cityAdmin()).get("/api/v1/catalogue-template").then().statusCode(200)
                .extract().jsonPath().getMap("");
        List<Map<String, Object>> list = IntStream.rangeClosed(1, criteria).mapToObj(i -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("code", String.format("M%02d", i));
            c.put("title", "矩阵情形 " + i);
            c.put("classifiesDirectly", true);
            c.put("evidenceDepartment", "ORGANIZATION");
            return c;
        }).toList();
        return Map.of("criteria", list, "rectification", template.get("rectification"));
    }

    /** A new SUSPECTED finding on a village of township 1, raised by the county admin; returns its id. */
    private long finding(List<Long> villages) {
        int n = next.getAndIncrement();
        long village = villages.get(n % villages.size());
        String code = String.format("M%02d", 1 + n / villages.size());
        Number id = as(Tokens.countyAdmin()).body(Map.of("organizationId", village, "criterionCode", code, "year", YEAR, "reason", "矩阵"))
                .post("/api/v1/findings").then().statusCode(201).extract().path("id");
        return id.longValue();
    }

    @Test
    void everyOperationByEveryRole() {
        long city = Subtrees.idOf(em, Tokens.CITY);
        long county = Subtrees.idOf(em, Tokens.COUNTY_1);
        List<Long> villages = LaggingFixtures.villages(em, Tokens.TOWNSHIP_1);
        long village = villages.get(0);
        Number catalogue = as(Tokens.countyAdmin()).body(Map.of("jurisdictionId", county, "year", YEAR, "name", "矩阵目录", "definition", definition(40)))
                .post("/api/v1/catalogues").then().statusCode(201).extract().path("id");
        long cycle = Grading.countyCycle(county, Grading.cityRuleSet(city, YEAR), YEAR);
        long shared = finding(villages);
        Number attachment = given().auth().oauth2(Tokens.countyAdmin()).multiPart("file", "a.png", AttachmentsAndClassificationTest.PNG, "image/png")
                .post("/api/v1/findings/" + shared + "/attachments").then().statusCode(201).extract().path("id");
        List<String> everyone = List.of("township-official", "county-admin", "city-admin", "auditor", "gov-system");
        List<String> raisers = List.of("township-official", "county-admin", "city-admin");

        List<Operation> ops = new ArrayList<>();
        ops.add(new Operation("getCatalogueTemplate", t -> as(t).get("/api/v1/catalogue-template").statusCode(), everyone));
        ops.add(new Operation("listCatalogues", t -> as(t).get("/api/v1/catalogues").statusCode(), everyone));
        ops.add(new Operation("createCatalogue (county)", t -> as(t)
                .body(Map.of("jurisdictionId", county, "year", 2005, "name", "县目录", "definition", definition(3)))
                .post("/api/v1/catalogues").statusCode(), List.of("county-admin")));
        ops.add(new Operation("createCatalogue (city)", t -> as(t)
                .body(Map.of("jurisdictionId", city, "year", 2005, "name", "市目录", "definition", definition(3)))
                .post("/api/v1/catalogues").statusCode(), List.of("city-admin"), Map.of("county-admin", 400)));
        ops.add(new Operation("getEffectiveCatalogue", t -> as(t).get("/api/v1/catalogues/effective?organizationId=" + village + "&year=" + YEAR)
                .statusCode(), everyone));
        ops.add(new Operation("getCatalogue", t -> as(t).get("/api/v1/catalogues/" + catalogue).statusCode(), everyone));
        ops.add(new Operation("listFindings", t -> as(t).get("/api/v1/findings").statusCode(), everyone));
        ops.add(new Operation("raiseFinding", t -> {
            int n = next.getAndIncrement();
            return as(t).body(Map.of("organizationId", villages.get(n % villages.size()), "criterionCode",
                    String.format("M%02d", 1 + n / villages.size()), "year", YEAR, "reason", "矩阵")).post("/api/v1/findings").statusCode();
        }, raisers));
        ops.add(new Operation("bulkTransitionFindings", t -> as(t)
                .body(Map.of("action", "DISMISS", "reason", "矩阵", "items", List.of(Map.of("findingId", finding(villages), "revision", 1))))
                .post("/api/v1/findings/bulk-transitions").statusCode(), List.of("township-official", "county-admin")));
        ops.add(new Operation("getFinding", t -> as(t).get("/api/v1/findings/" + shared).statusCode(), everyone));
        ops.add(new Operation("transitionFinding (confirm)", t -> as(t).header("If-Match", "\"1\"")
                .body(Map.of("action", "CONFIRM", "reason", "矩阵")).post("/api/v1/findings/" + finding(villages) + "/transitions").statusCode(),
                List.of("county-admin")));
        ops.add(new Operation("transitionFinding (dismiss)", t -> as(t).header("If-Match", "\"1\"")
                .body(Map.of("action", "DISMISS", "reason", "矩阵")).post("/api/v1/findings/" + finding(villages) + "/transitions").statusCode(),
                List.of("township-official", "county-admin")));
        ops.add(new Operation("uploadAttachment", t -> given().auth().oauth2(t)
                .multiPart("file", "b.png", AttachmentsAndClassificationTest.PNG, "image/png")
                .post("/api/v1/findings/" + shared + "/attachments").statusCode(), raisers));
        ops.add(new Operation("downloadAttachment", t -> given().auth().oauth2(t)
                .get("/api/v1/findings/" + shared + "/attachments/" + attachment).statusCode(), everyone));
        ops.add(new Operation("listLagging", t -> as(t).get("/api/v1/cycles/" + cycle + "/lagging").statusCode(), everyone));
        ops.add(new Operation("laggingSummary", t -> as(t).get("/api/v1/cycles/" + cycle + "/lagging-summary").statusCode(), everyone));

        Matrix.verify(Matrix.roles(), ops, "lagging");
    }
}
