package bastion.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The authorisation matrix of a part of the contract: every operation called as every kind of
 * caller, on targets inside the caller's jurisdiction. Allowed roles must succeed (2xx); the others
 * must be refused with 403, or with the refusal stated for that role (e.g. 400 when the body names
 * an organisation outside the caller's scope). The operations must be exactly the contract's
 * operations of the part's tags.
 */
public final class Matrix {

    public static final List<String> EVERYONE = List.of("township-official", "county-admin", "city-admin", "auditor", "gov-system");

    private Matrix() {}

    /** One operation: how to call it with a token (fresh fixtures each call), who may, and the refusals that are not 403. */
    public record Operation(String name, Function<String, Integer> call, List<String> allowed, Map<String, Integer> refusals) {
        public Operation(String name, Function<String, Integer> call, List<String> allowed) {
            this(name, call, allowed, Map.of());
        }
    }

    /** The five kinds of caller, all of whose jurisdiction contains township 1 of county 1. */
    public static Map<String, String> roles() {
        return roles(Tokens.townshipOfficial());
    }

    /** The five kinds of caller, with this township official's token. */
    public static Map<String, String> roles(String townshipOfficial) {
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put("township-official", townshipOfficial);
        roles.put("county-admin", Tokens.countyAdmin());
        roles.put("city-admin", Tokens.cityAdmin());
        roles.put("auditor", Tokens.auditor());
        roles.put("gov-system", Tokens.govSystem());
        return roles;
    }

    public static void verify(Map<String, String> roles, List<Operation> operations, String... tags) {
        List<String> wrong = new ArrayList<>();
        for (Operation op : operations) {
            for (Map.Entry<String, String> role : roles.entrySet()) {
                int status = op.call().apply(role.getValue());
                boolean allowed = op.allowed().contains(role.getKey());
                int refusal = op.refusals().getOrDefault(role.getKey(), 403);
                boolean ok = allowed ? status >= 200 && status < 300 : status == refusal;
                if (!ok) {
                    wrong.add(op.name() + " as " + role.getKey() + " → " + status + (allowed ? " (should succeed)" : " (should be " + refusal + ")"));
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertEquals(Contract.operationIds(tags), new TreeSet<>(operations.stream().map(op -> Contract.operationOf(op.name())).toList()),
                "every operation of the tags " + String.join(", ", tags) + " is in the matrix, and only those");
    }
}
