package bastion.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Paths;
import java.util.Set;
import java.util.TreeSet;

/** Reads openapi.yaml (the contract) for tests that must cover every operation of some tags. */
public final class Contract {

    private Contract() {}

    /** The operationIds of every operation carrying one of these tags. */
    public static Set<String> operationIds(String... tags) {
        Set<String> wanted = Set.of(tags);
        Set<String> ids = new TreeSet<>();
        try {
            JsonNode paths = new YAMLMapper().readTree(Paths.get("..", "openapi.yaml").toFile()).path("paths");
            paths.fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> {
                for (JsonNode tag : op.getValue().path("tags")) {
                    if (wanted.contains(tag.asText())) {
                        ids.add(op.getValue().path("operationId").asText());
                    }
                }
            }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }

    /** The operationId an entry of a matrix names: its first word ("createRuleSet (city)" → "createRuleSet"). */
    public static String operationOf(String matrixEntry) {
        int space = matrixEntry.indexOf(' ');
        return space < 0 ? matrixEntry : matrixEntry.substring(0, space);
    }
}
