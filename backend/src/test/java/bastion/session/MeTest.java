package bastion.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import bastion.support.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class MeTest {

    @Test
    void anOfficialIsAUserWithTheirJurisdiction() {
        given().auth().oauth2(Tokens.townshipOfficial()).when().get("/api/v1/me")
                .then().statusCode(200)
                .body("username", equalTo("township.official"))
                .body("displayName", equalTo("测试用户 township.official"))
                .body("kind", equalTo("USER"))
                .body("roles", equalTo(List.of("township-official")))
                .body("jurisdiction.code", equalTo(Tokens.TOWNSHIP_1))
                .body("jurisdiction.level", equalTo("TOWNSHIP"));
    }

    @Test
    void anotherSystemIsASystemNamedByItsClient() {
        given().auth().oauth2(Tokens.govSystem()).when().get("/api/v1/me")
                .then().statusCode(200)
                .body("username", equalTo("bastion-gov"))
                .body("kind", equalTo("SYSTEM"))
                .body("roles", equalTo(List.of("gov-system")))
                .body("scopes", hasItem("bastion.read"))
                .body("jurisdiction.level", equalTo("CITY"));
    }
}
