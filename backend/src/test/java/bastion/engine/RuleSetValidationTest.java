package bastion.engine;

import static bastion.engine.RuleSets.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuleSetValidationTest {

    @Test
    void theDefaultRuleSetIsValid() {
        assertEquals(List.of(), Validation.ruleSet(RuleSets.defaults()));
        assertEquals(0, d("100").compareTo(RuleSets.defaults().totalMax()));
    }

    @Test
    void typeSpecificIndicatorsApplyOnlyToTheirType() {
        RuleSet mixed = new RuleSet("m", List.of(new RuleSet.Dimension("A", "维度", List.of(
                        RuleSets.ind("A1", "60"),
                        new RuleSet.Indicator("V1", "村: 集体经济", d("40"), null, List.of("VILLAGE")),
                        new RuleSet.Indicator("C1", "社区: 网格治理", d("20"), null, List.of("COMMUNITY"))))),
                List.of(), d("0"), List.of(), d("0"), List.of(), new RuleSet.Weights(d("0.6"), d("0.2"), d("0.2")),
                new RuleSet.StarThresholds(d("95"), d("85"), d("75"), d("60")));
        assertEquals(List.of(), Validation.ruleSet(mixed));
        assertEquals(0, d("100").compareTo(mixed.forPlaceType("VILLAGE").totalMax()));
        assertEquals(0, d("80").compareTo(mixed.forPlaceType("COMMUNITY").totalMax()));
        assertEquals(List.of("A1", "C1"), mixed.forPlaceType("COMMUNITY").indicators().stream().map(RuleSet.Indicator::code).toList());
    }

    @Test
    void everyProblemIsNamed() {
        RuleSet bad = new RuleSet(" ",
                List.of(new RuleSet.Dimension("A", "维度", List.of(RuleSets.ind("A1", "0"), RuleSets.ind("A1", "5"))),
                        new RuleSet.Dimension("B", "", List.of())),
                List.of(new RuleSet.Adjustment("A", "重复", d("0"))), d("101"),
                List.of(), d("10"), List.of(),
                new RuleSet.Weights(d("0.6"), d("0.3"), d("0.2")),
                new RuleSet.StarThresholds(d("95"), d("75"), d("85"), d("60")));
        List<String> fields = Validation.ruleSet(bad).stream().map(Violation::field).sorted().toList();
        assertEquals(List.of("bonusTotalCap", "bonuses[0].code", "bonuses[0].itemCap", "dimensions[0].indicators[0].max",
                "dimensions[0].indicators[1].code", "dimensions[1].indicators", "dimensions[1].name", "stars", "version",
                "weights"), fields);
        assertTrue(Validation.ruleSet(bad).stream().anyMatch(v -> v.message().contains("1.1")), "says what the weights sum to");
    }
}
