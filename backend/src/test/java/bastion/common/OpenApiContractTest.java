package bastion.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * openapi.yaml at the repository root is the contract: /q/openapi serves exactly it, every
 * resource method has its operation (same path, method and operationId), and every operation in
 * it is implemented.
 */
@QuarkusTest
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OpenApiContractTest {

    private static final java.nio.file.Path CONTRACT = Paths.get("..", "openapi.yaml");
    private static final Map<Class<? extends Annotation>, String> METHODS = Map.of(
            GET.class, "get", POST.class, "post", PUT.class, "put", DELETE.class, "delete", PATCH.class, "patch");

    @Test
    void servedDocumentIsTheContract() throws IOException {
        JsonNode contract = new YAMLMapper().readTree(CONTRACT.toFile());
        String servedYaml = given().when().get("/q/openapi").then().statusCode(200).extract().asString();
        String servedJson = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).extract().asString();
        assertEquals(contract, new YAMLMapper().readTree(servedYaml), "the served YAML differs from openapi.yaml");
        assertEquals(contract, new ObjectMapper().readTree(servedJson), "the served JSON differs from openapi.yaml");
    }

    @Test
    void everyResourceMethodHasItsOperationAndBack() throws Exception {
        JsonNode paths = new YAMLMapper().readTree(CONTRACT.toFile()).get("paths");
        Map<String, String> implemented = new TreeMap<>();
        for (Class<?> type : resourceClasses()) {
            String base = type.getAnnotation(Path.class).value();
            for (Method method : type.getDeclaredMethods()) {
                for (var entry : METHODS.entrySet()) {
                    if (method.isAnnotationPresent(entry.getKey())) {
                        Path sub = method.getAnnotation(Path.class);
                        String path = join(base, sub == null ? "" : sub.value());
                        implemented.put(entry.getValue() + " " + path, method.getName());
                    }
                }
            }
        }
        assertTrue(implemented.size() >= 3, "resources found: " + implemented);

        Map<String, String> documented = new TreeMap<>();
        paths.fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> {
            if (METHODS.containsValue(op.getKey())) {
                documented.put(op.getKey() + " " + p.getKey(), op.getValue().path("operationId").asText());
            }
        }));
        assertEquals(documented, implemented, "operations (method path → operationId) of the contract vs. the resources");
    }

    private static String join(String base, String sub) {
        String path = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static Iterable<Class<?>> resourceClasses() throws IOException {
        java.nio.file.Path root = Paths.get("target", "classes");
        TreeSet<String> names = new TreeSet<>();
        try (Stream<java.nio.file.Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$"))
                    .forEach(f -> names.add(root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "")));
        }
        return names.stream().<Class<?>>map(n -> {
            try {
                return Class.forName(n, false, OpenApiContractTest.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                return Object.class;
            }
        }).filter(c -> c.isAnnotationPresent(Path.class)).toList();
    }
}
