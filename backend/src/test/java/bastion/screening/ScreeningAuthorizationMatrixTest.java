package bastion.screening;

import static io.restassured.RestAssured.given;

import bastion.support.Matrix;
import bastion.support.Matrix.Operation;
import bastion.support.OrgData;
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
import org.junit.jupiter.api.Test;

/**
 * Every operation of tag screening × the five roles, over township P231202202000 (county 1):
 * everyone in scope reads runs; township officials (their township), county and city admins run
 * screenings; auditors and other systems get 403. Out of scope: ScreeningRulesTest.
 */
@QuarkusTest
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ScreeningAuthorizationMatrixTest {

    static final String TOWNSHIP = "P231202202000";

    @Inject
    EntityManager em;


    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    @Test
    void everyOperationByEveryRole() {
        long township = Subtrees.idOf(em, TOWNSHIP);
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put("township-official", Tokens.user("township202.official", TOWNSHIP, "township-official"));
        roles.put("county-admin", Tokens.countyAdmin());
        roles.put("city-admin", Tokens.cityAdmin());
        roles.put("auditor", Tokens.auditor());
        roles.put("gov-system", Tokens.govSystem());
        long run = OrgData.screen(Tokens.countyAdmin(), township, null, null).getLong("id");
        List<String> everyone = List.of("township-official", "county-admin", "city-admin", "auditor", "gov-system");

        List<Operation> ops = new ArrayList<>();
        ops.add(new Operation("listScreeningRuns", t -> as(t).get("/api/v1/screening-runs").statusCode(), everyone));
        ops.add(new Operation("getScreeningRun", t -> as(t).get("/api/v1/screening-runs/" + run).statusCode(), everyone));
        ops.add(new Operation("runScreening", t -> as(t).body(Map.of("organizationId", township)).post("/api/v1/screening-runs").statusCode(),
                List.of("township-official", "county-admin", "city-admin")));

        Matrix.verify(roles, ops, "screening");
    }
}
