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
    void chineseNamesAreShownFamilyNameFirst() {
        String token = Tokens.builder("li.na", Tokens.TOWNSHIP_1, "township-official")
                .claim("given_name", "娜").claim("family_name", "李").claim("name", "娜 李").sign("privateKey.jwk");
        given().auth().oauth2(token).when().get("/api/v1/me").then().statusCode(200).body("displayName", equalTo("李娜"));
        String latin = Tokens.builder("ann", Tokens.TOWNSHIP_1, "township-official")
                .claim("given_name", "Ann").claim("family_name", "Lee").claim("name", "Ann Lee").sign("privateKey.jwk");
        given().auth().oauth2(latin).when().get("/api/v1/me").then().statusCode(200).body("displayName", equalTo("Ann Lee"));
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
