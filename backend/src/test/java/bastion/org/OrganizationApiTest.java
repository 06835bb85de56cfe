package bastion.org;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bastion.support.Subtrees;
import bastion.support.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Filters, paging, sorting and the detail view of the organisation API. */
@QuarkusTest
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OrganizationApiTest {

    @Inject
    EntityManager em;

    @Test
    void cityAdminSeesTenCountiesUnderTheCity() {
        long city = Subtrees.idOf(em, Tokens.CITY);
        given().auth().oauth2(Tokens.cityAdmin()).queryParam("parentId", city)
                .when().get("/api/v1/organizations")
                .then().statusCode(200)
                .body("totalItems", equalTo(10))
                .body("items.level", everyItem(equalTo("COUNTY")))
                .body("items.orgType", everyItem(equalTo("PARTY_COMMITTEE")))
                .body("items.parentId", everyItem(equalTo((int) city)))
                .body("items.childCount", everyItem(greaterThan(0)));
    }

    @Test
    void cityHasTheShapeOfTheSeedCity() {
        for (var expected : List.of(List.of("COUNTY", 10), List.of("TOWNSHIP", 178), List.of("VILLAGE", 3224))) {
            given().auth().oauth2(Tokens.cityAdmin()).queryParam("level", expected.get(0)).queryParam("size", 1)
                    .when().get("/api/v1/organizations")
                    .then().statusCode(200).body("totalItems", equalTo(expected.get(1)));
        }
    }

    @Test
    void filtersCombine() {
        given().auth().oauth2(Tokens.countyAdmin())
                .queryParam("level", "VILLAGE").queryParam("placeType", "COMMUNITY").queryParam("size", 200)
                .when().get("/api/v1/organizations")
                .then().statusCode(200)
                .body("items.placeType", everyItem(equalTo("COMMUNITY")))
                .body("items.graded", everyItem(equalTo(true)))
                .body("items.countyCode", everyItem(equalTo("231202")))
                .body("totalItems", greaterThan(0));
        given().auth().oauth2(Tokens.countyAdmin()).queryParam("orgType", "GENERAL_BRANCH").queryParam("size", 200)
                .when().get("/api/v1/organizations")
                .then().statusCode(200)
                .body("items.orgType", everyItem(equalTo("GENERAL_BRANCH")))
                .body("items.level", everyItem(equalTo("VILLAGE")));
    }

    @Test
    void textSearchMatchesNamesAndCodePrefixes() {
        given().auth().oauth2(Tokens.cityAdmin()).queryParam("q", "231202101").queryParam("size", 200)
                .when().get("/api/v1/organizations")
                .then().statusCode(200)
                .body("totalItems", greaterThan(1))
                .body("items.code", hasItem(Tokens.TOWNSHIP_1));
        String villageName = given().auth().oauth2(Tokens.townshipOfficial()).queryParam("level", "VILLAGE")
                .when().get("/api/v1/organizations").then().statusCode(200).extract().path("items[0].placeName");
        given().auth().oauth2(Tokens.townshipOfficial()).queryParam("q", villageName)
                .when().get("/api/v1/organizations")
                .then().statusCode(200).body("items.placeName", hasItem(villageName));
        // wildcards are literal text
        given().auth().oauth2(Tokens.cityAdmin()).queryParam("q", "%")
                .when().get("/api/v1/organizations")
                .then().statusCode(200).body("totalItems", equalTo(0));
    }

    @Test
    void searchWithinASubtree() {
        long township = Subtrees.idOf(em, Tokens.TOWNSHIP_1);
        int expected = Subtrees.idsUnder(em, Tokens.TOWNSHIP_1).size();
        given().auth().oauth2(Tokens.cityAdmin()).queryParam("under", township).queryParam("size", 200)
                .when().get("/api/v1/organizations")
                .then().statusCode(200)
                .body("totalItems", equalTo(expected))
                .body("items.divisionCode", everyItem(startsWith("231202101")));
        long otherTownship = Subtrees.idOf(em, Tokens.TOWNSHIP_2);
        given().auth().oauth2(Tokens.townshipOfficial()).queryParam("under", otherTownship)
                .when().get("/api/v1/organizations")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void sortingAndPagingAreStable() {
        List<String> byCode = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            byCode.addAll(given().auth().oauth2(Tokens.countyAdmin()).queryParam("sort", "-code").queryParam("size", 7)
                    .queryParam("page", page)
                    .when().get("/api/v1/organizations").then().statusCode(200)
                    .body("page", equalTo(page)).body("size", equalTo(7))
                    .extract().path("items.code"));
        }
        assertEquals(21, byCode.size());
        List<String> sorted = new ArrayList<>(byCode);
        sorted.sort(Comparator.reverseOrder());
        assertEquals(sorted, byCode);

        List<String> byDivision = given().auth().oauth2(Tokens.townshipOfficial()).queryParam("size", 200)
                .when().get("/api/v1/organizations").then().statusCode(200).extract().path("items.divisionCode");
        List<String> expected = new ArrayList<>(byDivision);
        expected.sort(Comparator.naturalOrder());
        assertEquals(expected, byDivision);

        // a page past the end is empty, not an error
        given().auth().oauth2(Tokens.townshipOfficial()).queryParam("page", 999)
                .when().get("/api/v1/organizations").then().statusCode(200)
                .body("items", hasSize(0)).body("totalItems", greaterThan(0));
    }

    @Test
    void detailHasAncestorsWithinScopeAndDivisionHistory() {
        long township = Subtrees.idOf(em, Tokens.TOWNSHIP_1);
        Number villageId = given().auth().oauth2(Tokens.cityAdmin()).queryParam("parentId", township)
                .when().get("/api/v1/organizations").then().statusCode(200).extract().path("items[0].id");

        given().auth().oauth2(Tokens.cityAdmin()).when().get("/api/v1/organizations/" + villageId)
                .then().statusCode(200)
                .body("ancestors.level", equalTo(List.of("CITY", "COUNTY", "TOWNSHIP")))
                .body("divisionCodes[0].validTo", nullValue())
                .body("divisionCode", startsWith("231202101"));
        given().auth().oauth2(Tokens.townshipOfficial()).when().get("/api/v1/organizations/" + villageId)
                .then().statusCode(200)
                .body("ancestors.code", equalTo(List.of(Tokens.TOWNSHIP_1)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void mergedVillagesKeepTheirCodeAndShowTheHistory() {
        List<Number> merged = em.createNativeQuery(
                "SELECT organization_id FROM division_code WHERE valid_to IS NOT NULL ORDER BY organization_id LIMIT 1").getResultList();
        assertTrue(!merged.isEmpty(), "the demo city has merged villages");
        long id = merged.getFirst().longValue();
        var body = given().auth().oauth2(Tokens.cityAdmin()).when().get("/api/v1/organizations/" + id)
                .then().statusCode(200)
                .body("divisionCodes", hasSize(2))
                .body("divisionCodes[0].validTo", nullValue())
                .body("divisionCodes[1].validTo", not(nullValue()))
                .extract().jsonPath();
        assertEquals(body.getString("divisionCodes[0].code"), body.getString("divisionCode"));
        assertEquals("P" + body.getString("divisionCodes[1].code"), body.getString("code"));
    }
}
