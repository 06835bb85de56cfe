package bastion.lagging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import bastion.lagging.FindingLedger.State;
import bastion.support.Grading;
import bastion.support.Subtrees;
import bastion.support.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Evidence files (limits, types, names) and the classification of a cycle, live and frozen at locking. */
@QuarkusTest
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AttachmentsAndClassificationTest {

    /** A 1×1 PNG. */
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    static final byte[] PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Inject
    EntityManager em;

    @Inject
    FindingLedger ledger;

    private long finding(int villageIndex, String criterion) {
        long village = LaggingFixtures.villages(em, Tokens.TOWNSHIP_1).get(villageIndex);
        return LaggingFixtures.raise(Tokens.townshipOfficial(), village, criterion);
    }

    /** Uploads as a browser does: the file name written in UTF-8 in the part's Content-Disposition. */
    private Response upload(String token, long findingId, String name, byte[] bytes, String declaredType) {
        String boundary = "----bastion" + Long.toHexString(System.nanoTime());
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name.replace("\"", "%22")
                + "\"\r\nContent-Type: " + declaredType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return given().auth().oauth2(token).contentType("multipart/form-data; boundary=" + boundary).body(body.toByteArray())
                .when().post("/api/v1/findings/" + findingId + "/attachments");
    }

    @Test
    void anImageIsStoredAndServedBackByteForByte() throws Exception {
        long id = finding(10, "C01");
        Response r = upload(Tokens.townshipOfficial(), id, "现场照片.png", PNG, "image/png");
        r.then().statusCode(201).body("mediaType", equalTo("image/png")).body("fileName", equalTo("现场照片.png"))
                .body("sizeBytes", equalTo(PNG.length))
                .body("sha256", equalTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(PNG))));
        int attachment = r.path("id");
        byte[] back = given().auth().oauth2(Tokens.auditor()).when().get("/api/v1/findings/" + id + "/attachments/" + attachment)
                .then().statusCode(200).contentType("image/png").header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment;"))
                .extract().asByteArray();
        assertArrayEquals(PNG, back);
        // the evidence of a decision may name it
        String etag = LaggingFixtures.etag(Tokens.countyAdmin(), id);
        given().auth().oauth2(Tokens.countyAdmin()).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("action", "CONFIRM", "reason", "照片为证", "attachmentIds", List.of(attachment)))
                .when().post("/api/v1/findings/" + id + "/transitions").then().statusCode(200)
                .body("events[1].attachmentIds", contains(attachment))
                .body("attachments.fileName", contains("现场照片.png"));
        given().auth().oauth2(Tokens.countyAdmin()).contentType(ContentType.JSON).header("If-Match", "\"2\"")
                .body(Map.of("action", "DISMISS", "reason", "别人的附件", "attachmentIds", List.of(123456789)))
                .when().post("/api/v1/findings/" + id + "/transitions").then().statusCode(400)
                .body("errors.field", contains("attachmentIds[0]"));
    }

    @Test
    void theTypeComesFromTheContentAndNamesLoseTheirPaths() {
        long id = finding(11, "C01");
        upload(Tokens.townshipOfficial(), id, "invoice.pdf", "<html>not a pdf</html>".getBytes(StandardCharsets.UTF_8), "application/pdf")
                .then().statusCode(415).contentType("application/problem+json").body("errors.field", contains("file"));
        upload(Tokens.townshipOfficial(), id, "photo.png", PDF, "image/png")
                .then().statusCode(201).body("mediaType", equalTo("application/pdf")).body("fileName", equalTo("photo.pdf"));
        upload(Tokens.townshipOfficial(), id, "../../../etc/passwd.png", PNG, "image/png")
                .then().statusCode(201).body("fileName", equalTo("passwd.png"));
        upload(Tokens.townshipOfficial(), id, "..\\..\\windows\\.", PNG, "image/png")
                .then().statusCode(201).body("fileName", equalTo("证据.png"));
        upload(Tokens.townshipOfficial(), id, "a\u0000b;rm -rf.png", PNG, "image/png")
                .then().statusCode(201).body("fileName", equalTo("abrm -rf.png"));
        upload(Tokens.townshipOfficial(), id, "empty.png", new byte[0], "image/png").then().statusCode(400);
    }

    @Test
    void oversizeFilesAreRefusedWithAProblem() {
        long id = finding(12, "C01");
        byte[] big = new byte[5 * 1024 * 1024 + 1];
        System.arraycopy(PNG, 0, big, 0, PNG.length);
        upload(Tokens.townshipOfficial(), id, "big.png", big, "image/png").then().statusCode(413)
                .contentType("application/problem+json").body("errors.field", contains("file"));
        byte[] huge = new byte[7 * 1024 * 1024];
        upload(Tokens.townshipOfficial(), id, "huge.png", huge, "image/png").then().statusCode(413)
                .contentType("application/problem+json");
        assertEquals(0, ((Number) em.createNativeQuery("SELECT count(*) FROM finding_attachment WHERE finding_id = :f")
                .setParameter("f", id).getSingleResult()).intValue());
    }

    @Test
    void whoMayAttachAndWhen() {
        long id = finding(13, "C01");
        upload(Tokens.auditor(), id, "a.png", PNG, "image/png").then().statusCode(403);
        upload(Tokens.govSystem(), id, "a.png", PNG, "image/png").then().statusCode(403);
        upload(Tokens.user("township2.official", Tokens.TOWNSHIP_2, "township-official"), id, "a.png", PNG, "image/png").then().statusCode(404);
        LaggingFixtures.drive(ledger, id, State.DISMISSED);
        upload(Tokens.townshipOfficial(), id, "late.png", PNG, "image/png").then().statusCode(409).body("state", equalTo("DISMISSED"));
        given().auth().oauth2(Tokens.user("township2.official", Tokens.TOWNSHIP_2, "township-official"))
                .when().get("/api/v1/findings/" + id + "/attachments/1").then().statusCode(404);
    }

    @Test
    void classificationIsLiveWhileOpenAndFrozenWhenLocked() {
        long city = Subtrees.idOf(em, Tokens.CITY);
        long county = Subtrees.idOf(em, Tokens.COUNTY_1);
        long township = Subtrees.idOf(em, Tokens.TOWNSHIP_1);
        int year = 2003;
        long cycle = Grading.countyCycle(county, Grading.cityRuleSet(city, year), year);
        List<Long> villages = LaggingFixtures.villages(em, Tokens.TOWNSHIP_1);
        long lagging = villages.get(14);
        long later = villages.get(15);
        long suspected = villages.get(16);
        long confirmed = LaggingFixtures.raise(Tokens.townshipOfficial(), lagging, "C10");
        LaggingFixtures.drive(ledger, confirmed, State.CONFIRMED);
        long rectifying = LaggingFixtures.raise(Tokens.townshipOfficial(), lagging, "C02");
        LaggingFixtures.drive(ledger, rectifying, State.RECTIFYING);
        LaggingFixtures.raise(Tokens.townshipOfficial(), suspected, "C10");

        given().auth().oauth2(Tokens.townshipOfficial()).when().get("/api/v1/cycles/" + cycle + "/lagging?size=200").then().statusCode(200)
                .body("basis", equalTo("LIVE"))
                .body("items.organization.id", hasItem((int) lagging))
                .body("items.organization.id", not(hasItem((int) suspected)))
                .body("items.find { it.organization.id == " + lagging + " }.criteria.code", contains("C02", "C10"));
        Map<String, Object> townshipLine = given().auth().oauth2(Tokens.countyAdmin()).when()
                .get("/api/v1/cycles/" + cycle + "/lagging-summary").then().statusCode(200)
                .body("basis", equalTo("LIVE"))
                .extract().path("townships.find { it.organization.id == " + township + " }");
        int laggingBefore = (Integer) townshipLine.get("lagging");

        String etag = given().auth().oauth2(Tokens.countyAdmin()).when().get("/api/v1/cycles/" + cycle).then().extract().header("ETag");
        given().auth().oauth2(Tokens.countyAdmin()).contentType(ContentType.JSON).header("If-Match", etag).body(Map.of("action", "LOCK"))
                .when().post("/api/v1/cycles/" + cycle + "/transitions").then().statusCode(200);
        // after locking: a new confirmation does not change the cycle's classification; clearing does not either
        long afterLock = LaggingFixtures.raise(Tokens.townshipOfficial(), later, "C10");
        LaggingFixtures.drive(ledger, afterLock, State.CONFIRMED);
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            ledger.move(rectifying, FindingLedger.Action.ACCEPT, null, new FindingLedger.Actor("fixture", null), "验收", null, null, null);
        });
        given().auth().oauth2(Tokens.townshipOfficial()).when().get("/api/v1/cycles/" + cycle + "/lagging?size=200").then().statusCode(200)
                .body("basis", equalTo("LOCKED"))
                .body("frozenAt", org.hamcrest.Matchers.notNullValue())
                .body("items.organization.id", hasItem((int) lagging))
                .body("items.organization.id", not(hasItem((int) later)))
                .body("items.find { it.organization.id == " + lagging + " }.criteria.code", contains("C02", "C10"));
        given().auth().oauth2(Tokens.countyAdmin()).when().get("/api/v1/cycles/" + cycle + "/lagging-summary?under=" + township).then()
                .statusCode(200)
                .body("basis", equalTo("LOCKED"))
                .body("townships", org.hamcrest.Matchers.hasSize(1))
                .body("townships[0].lagging", equalTo(laggingBefore))
                .body("total.lagging", equalTo(laggingBefore));
        // counts per county for the city
        given().auth().oauth2(Tokens.cityAdmin()).when().get("/api/v1/cycles/" + cycle + "/lagging-summary").then().statusCode(200)
                .body("counties", org.hamcrest.Matchers.hasSize(1))
                .body("counties[0].organization.code", equalTo(Tokens.COUNTY_1));
        // out of scope
        given().auth().oauth2(Tokens.user("township2.official", Tokens.TOWNSHIP_2, "township-official"))
                .when().get("/api/v1/cycles/" + cycle + "/lagging").then().statusCode(404);
        given().auth().oauth2(Tokens.townshipOfficial()).when().get("/api/v1/cycles/" + cycle + "/lagging?under=" + county).then()
                .statusCode(404);
    }
}
